"""In a real browser, with users of three bodies (and one not invited): the Commission
schedules a meeting, drafts the agenda from the period's figures, records attendance and a
conclusion for the police; the police report it done; the inspectorate reads the meeting
but not the police's task; the court sees nothing. Screenshots go to
test-artifacts/meetings/."""

from __future__ import annotations

from datetime import timedelta

import pytest

from records import cases
from records.calendar import local_today
from tests.support.browser import screenshot, sign_in
from tests.support.people import PASSWORD, agency, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.services]


def test_three_bodies_hold_a_meeting_in_the_browser(server: str, browser, db) -> None:
    today = local_today()
    with db.session() as s:
        users = {
            name: make_user(s, name, body, (role,), "mat")
            for name, body, role in (
                ("nc_canbo", "noi_chinh", "officer"),
                ("tt_canbo", "thanh_tra", "officer"),
                ("ca_canbo", "cong_an", "officer"),
                ("ta_canbo", "toa_an", "officer"),
            )
        }
        watched = cases.create_case(
            s, users["tt_canbo"], code="VV-E2E-GB", title="Sai phạm đấu thầu thiết bị y tế",
            lead_agency=agency(s, "thanh_tra"),
        )  # fmt: skip
        watched.monitoring_level = "bcd_tinh"

    commission = sign_in(browser, server, "nc_canbo", PASSWORD)
    commission.click("text=Giao ban")
    commission.click("text=Lên lịch giao ban")
    commission.fill("#title", "Giao ban quý IV")
    commission.fill("#held_on", today.isoformat())
    commission.fill("#period_start", (today - timedelta(days=90)).isoformat())
    commission.fill("#period_end", today.isoformat())
    commission.check("input[name=bodies][value=thanh_tra]")
    commission.check("input[name=bodies][value=cong_an]")
    commission.click("#meeting-form button[type=submit]")
    commission.wait_for_selector("#meeting-status")
    meeting_url = commission.url

    commission.click("#draft-agenda")
    commission.wait_for_selector("#agenda-text")
    assert "VV-E2E-GB: Sai phạm đấu thầu thiết bị y tế" in commission.input_value("#agenda-text")
    commission.click("#save-agenda")
    commission.check("input[name=present_cong_an]")
    commission.fill("input[name=attendee_cong_an]", "Phó Giám đốc Công an tỉnh")
    commission.click("#save-attendance")
    commission.wait_for_selector("#follow-up-form")
    commission.fill("#task", "Báo cáo tiến độ điều tra vụ đấu thầu")
    commission.select_option("#task-agency", "cong_an")
    commission.fill("#working_days", "10")
    commission.click("#follow-up-form button[type=submit]")
    commission.wait_for_selector("#follow-ups tr[data-task]")
    screenshot(commission, "meetings", "01-meeting-held")

    police = sign_in(browser, server, "ca_canbo", PASSWORD)
    police.goto(f"{server}/follow-ups?mine=1")
    police.click("#follow-up-list a")
    police.fill("#complete-form textarea", "Đã gửi báo cáo tiến độ.")
    police.click("#complete-form button[type=submit]")
    police.wait_for_selector("#task-status")
    assert "Đã thực hiện" in police.inner_text("#task-status")
    screenshot(police, "meetings", "02-task-done")

    inspector = sign_in(browser, server, "tt_canbo", PASSWORD)
    inspector.goto(meeting_url)
    assert "VV-E2E-GB" in inspector.inner_text("#agenda-text")
    assert "Báo cáo tiến độ điều tra" not in inspector.inner_text("#follow-ups")
    assert inspector.locator("#draft-agenda").count() == 0

    court = sign_in(browser, server, "ta_canbo", PASSWORD)
    assert court.goto(meeting_url).status == 404
