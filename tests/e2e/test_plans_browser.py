"""In a real browser, with users of three bodies: the inspectorate and the Party inspection
committee plan the same unit (named differently) in overlapping months, the police see both
flagged on the one calendar, the Commission resolves the overlap and the inspectorate's
leader approves. Screenshots go to test-artifacts/plans/."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from records.models import Agency
from tests.support.people import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "plans"


@pytest.fixture
def server(app) -> Iterator[str]:
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=10)


def _sign_in(browser, base: str, username: str):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{base}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click(".narrow button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def _register(page, base: str, unit: str, subject: str, start: str, end: str) -> None:
    page.goto(f"{base}/plans/new")
    page.fill("#unit_name", unit)
    page.fill("#subject", subject)
    page.fill("#period_start", start)
    page.fill("#period_end", end)
    page.click("#plan-form button[type=submit]")
    page.wait_for_selector("#plan-status")


def test_three_bodies_plan_without_overlap_in_the_browser(server: str, browser, db) -> None:
    with db.session() as s:
        s.add(Agency(code="so_gtvt", name="Sở Giao thông vận tải tỉnh", abbreviation="SGTVT",
                     aliases=["Sở GTVT"], coordinating=False))  # fmt: skip
        for name, body, role in (
            ("tt_lanhdao", "thanh_tra", "leader"),
            ("ubkt_canbo", "uy_ban_kiem_tra", "officer"),
            ("ca_canbo", "cong_an", "officer"),
            ("nc_canbo", "noi_chinh", "officer"),
        ):
            make_user(s, name, body, (role,), "mat")

    inspectorate = _sign_in(browser, server, "tt_lanhdao")
    _register(inspectorate, server, "Sở Giao thông vận tải tỉnh", "Quản lý dự án giao thông",
              "2027-05-01", "2027-06-30")  # fmt: skip
    item_url = inspectorate.url
    party = _sign_in(browser, server, "ubkt_canbo")
    _register(party, server, "Sở GTVT", "Kiểm tra tổ chức đảng", "2027-06-01", "2027-07-31")
    _register(party, server, "Sở Y tế", "Kiểm tra tổ chức đảng", "2027-06-01", "2027-07-31")

    police = _sign_in(browser, server, "ca_canbo")
    police.goto(f"{server}/plans?year=2027")
    flagged = police.locator("#plan-calendar tr.flagged")
    assert flagged.count() == 2
    assert "Sở Y tế" not in " ".join(flagged.all_inner_texts())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    police.screenshot(path=str(ARTIFACTS / "01-calendar-flagged.png"), full_page=True)

    inspectorate.goto(item_url)
    inspectorate.click("#approve-plan")
    assert "chưa thể phê duyệt" in inspectorate.inner_text("main")

    commission = _sign_in(browser, server, "nc_canbo")
    commission.goto(f"{server}/plans/overlaps")
    commission.fill("#overlap-list input[name=resolution]", "Lập đoàn liên ngành.")
    commission.click("#overlap-list button[type=submit]")
    commission.wait_for_selector("#overlap-list")
    assert "Không có chồng chéo" in commission.inner_text("#overlap-list")

    inspectorate.goto(item_url)
    inspectorate.click("#approve-plan")
    inspectorate.wait_for_selector("#plan-status")
    assert "Đã phê duyệt" in inspectorate.inner_text("#plan-status")
    assert "Lập đoàn liên ngành." in inspectorate.inner_text("#overlaps")
