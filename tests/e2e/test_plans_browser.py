"""In a real browser, with users of three bodies: the inspectorate and the Party inspection
committee plan the same unit (named differently) in overlapping months, the police see both
flagged on the one calendar, the Commission resolves the overlap and the inspectorate's
leader approves. Screenshots go to test-artifacts/plans/."""

from __future__ import annotations

from pathlib import Path

import pytest

from records.models import Agency
from tests.support.browser import sign_in
from tests.support.people import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "plans"


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

    inspectorate = sign_in(browser, server, "tt_lanhdao", PASSWORD)
    _register(inspectorate, server, "Sở Giao thông vận tải tỉnh", "Quản lý dự án giao thông",
              "2027-05-01", "2027-06-30")  # fmt: skip
    item_url = inspectorate.url
    party = sign_in(browser, server, "ubkt_canbo", PASSWORD)
    _register(party, server, "Sở GTVT", "Kiểm tra tổ chức đảng", "2027-06-01", "2027-07-31")
    _register(party, server, "Sở Y tế", "Kiểm tra tổ chức đảng", "2027-06-01", "2027-07-31")

    police = sign_in(browser, server, "ca_canbo", PASSWORD)
    police.goto(f"{server}/plans?year=2027")
    flagged = police.locator("#plan-calendar tr.flagged")
    assert flagged.count() == 2
    assert "Sở Y tế" not in " ".join(flagged.all_inner_texts())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    police.screenshot(path=str(ARTIFACTS / "01-calendar-flagged.png"), full_page=True)

    inspectorate.goto(item_url)
    inspectorate.click("#approve-plan")
    assert "chưa thể phê duyệt" in inspectorate.inner_text("main")

    commission = sign_in(browser, server, "nc_canbo", PASSWORD)
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
