"""In a real browser: an administrator's first sign-in enrols the second factor from the QR
page, then creates an account; the pages run under the CSP without a single violation."""

from __future__ import annotations

from pathlib import Path

import pyotp
import pytest

from records.db import Database
from tests.support.auth import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "accounts"


def test_first_sign_in_enrols_totp_then_creates_an_account(
    browser, server: str, db: Database
) -> None:
    admin = make_user(db, "qt.trinh.duyet", roles=("administrator",))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    violations: list[str] = []
    page = browser.new_page(locale="vi-VN")
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{server}/login")
    page.fill("#username", admin.username)
    page.fill("#password", admin.password)
    page.click("main button[type=submit]")
    page.wait_for_url("**/account/totp")
    page.wait_for_function("document.querySelector('img.qr').complete")
    assert page.evaluate("document.querySelector('img.qr').naturalWidth") > 0
    page.screenshot(path=str(ARTIFACTS / "totp-enrolment.png"), full_page=True)
    secret = page.locator("code.secret").first.inner_text()
    page.fill("#code", pyotp.TOTP(secret).now())
    page.click("main button[type=submit]")
    page.wait_for_url("**/account/")

    page.goto(f"{server}/admin/users/new")
    page.fill("#username", "chuyen.vien.moi")
    page.fill("#full_name", "Chuyên viên <Mới>")
    page.select_option("#agency", "thanh_tra")
    page.check("input[name=roles][value=officer]")
    page.select_option("#clearance", "mat")
    page.click("main form.card button[type=submit]")
    temporary = page.locator("#temporary-password").inner_text()
    assert len(temporary) >= 12
    page.screenshot(path=str(ARTIFACTS / "account-created.png"), full_page=True)
    page.goto(f"{server}/admin/users?agency=thanh_tra")
    assert page.locator("text=Chuyên viên <Mới>").count() == 1
    assert violations == []
