"""In a real browser: a clerk registers a petition with its scanned letter in one form, an
officer moves it through its steps, a refused step shows its message. Screenshots are kept
in test-artifacts/petitions/."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from records.db import Database
from records.models import Petition, PetitionDocument
from tests.support.browser import screenshot
from tests.support.petitions import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.services]


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")


def _step(page, action: str, fill=None) -> None:
    step = page.locator(f"#step-{action}")
    if step.get_attribute("open") is None:  # a refused step comes back already open
        step.locator("summary").click()
    if fill:
        fill(step)
    step.locator("button[type=submit]").click()
    page.wait_for_load_state("load")


def test_register_with_a_scan_and_handle_a_complaint(
    server: str, browser_page, db: Database, corpus: Path
) -> None:
    base, page = server, browser_page
    with db.session() as session:
        make_user(session, "vanthu", ["clerk"], full_name="Văn thư Nguyễn Thu")
        make_user(session, "chuyenvien", ["officer"], full_name="Chuyên viên Lê Minh")
    scans = sorted((corpus / "files").glob("*.scan.pdf"))

    # -- the clerk registers the letter in one form ------------------------------------
    _login(page, base, "vanthu")
    page.click("nav.mainnav >> text=Đơn thư")
    page.click("text=Vào sổ đơn mới")
    page.check("input[name=kind][value=khieu_nai]")
    page.select_option("select[name=channel]", "chuyen_den")
    assert page.is_visible("input[name=forwarded_by]")
    page.fill("input[name=forwarded_by]", "Ban Tiếp công dân tỉnh")
    rows = page.locator("#petitioners tbody tr")
    rows.nth(0).locator("input[name=p_name]").fill("Nguyễn Văn An")
    rows.nth(0).locator("input[name=p_address]").fill("Thôn 3, xã Tân Phong")
    rows.nth(1).locator("input[name=p_name]").fill("Lê Thị Hoa")
    page.keyboard.press("Alt+n")  # a third petitioner, added inline
    assert rows.count() == 3
    page.keyboard.type("Phạm Văn Đức")
    page.fill("input[name=respondent]", "UBND xã Tân Phong")
    page.fill(
        "textarea[name=summary]",
        "Khiếu nại Quyết định số 125/QĐ-UBND của UBND xã Tân Phong thu hồi đất nông nghiệp.",
    )
    page.set_input_files("input[name=letter]", str(scans[0]))
    screenshot(page, "petitions", "01-register-form")
    page.focus("textarea[name=summary]")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("text=Đã vào sổ đơn số")
    screenshot(page, "petitions", "02-registered")
    assert page.locator(".state").first.inner_text() == "Đã vào sổ"
    assert "Nguyễn Văn An" in page.inner_text("#petitioners")  # a complaint: the clerk may know
    assert scans[0].name in page.inner_text("#documents")
    assert "K2" in page.inner_text("#deadline")
    page.click("text=Đăng xuất")

    # -- the officer handles it ---------------------------------------------------------
    _login(page, base, "chuyenvien")
    page.goto(f"{base}/petitions/?due=open")
    screenshot(page, "petitions", "03-register-list")
    page.click("table.petitions tbody a")
    _step(page, "triage", lambda form: form.locator("input[name=competent_self]").check())
    assert page.locator(".state").first.inner_text() == "Đang xử lý đơn"
    _step(page, "accept")
    assert "K3" in page.inner_text("#deadline")
    screenshot(page, "petitions", "04-accepted")
    _step(page, "verify")
    # Deciding without the decision document is refused, with the reason.
    _step(page, "decide")
    error = page.locator("#step-decide [role=alert]").inner_text()
    assert "Cần kèm theo văn bản: Quyết định" in error
    screenshot(page, "petitions", "05-refused-without-decision")
    _step(
        page,
        "decide",
        lambda form: form.locator("input[name=document]").set_input_files(str(scans[1])),
    )
    assert page.locator(".state").first.inner_text() == "Đã có quyết định giải quyết"
    assert "K4" in page.inner_text("#deadline")
    _step(
        page, "close", lambda form: form.locator("input[name=note]").fill("Người khiếu nại đồng ý")
    )
    assert page.locator(".state").first.inner_text() == "Kết thúc"
    timeline = page.inner_text("#timeline")
    for label in (
        "Vào sổ",
        "Xử lý đơn",
        "Thụ lý",
        "Xác minh",
        "Ra quyết định giải quyết",
        "Kết thúc",
    ):
        assert label in timeline
    screenshot(page, "petitions", "06-closed-with-timeline")

    with db.session() as session:
        petition = session.scalars(select(Petition)).one()
        roles = session.scalars(select(PetitionDocument.role)).all()
        assert (petition.state, petition.is_mass, petition.closed_on is not None) == (
            "CLOSED",
            False,
            True,
        )
        assert sorted(roles) == ["decision", "letter"]
