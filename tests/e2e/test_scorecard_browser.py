"""In a real browser, with users of three bodies: the Commission's officer sees every body's
scorecard with its charts and downloads the XLSX; the police's leader sees only the police;
an inspectorate officer is refused."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from records import requests
from records.calendar import local_today
from tests.support.browser import sign_in
from tests.support.people import PASSWORD, agency, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "scorecard"


def test_scorecards_of_three_bodies_in_the_browser(server: str, browser, db) -> None:
    with db.session() as s:
        officer = make_user(s, "nc_canbo", "noi_chinh", ("officer",), "mat")
        make_user(s, "ca_lanhdao", "cong_an", ("leader",), "mat")
        make_user(s, "tt_canbo", "thanh_tra", ("officer",), "mat")
        requests.create_request(
            s, officer, to_agency=agency(s, "cong_an"), subject="Kết quả xác minh",
            due_date=local_today() + timedelta(days=5),
        )  # fmt: skip
    year = local_today().year

    commission = sign_in(browser, server, "nc_canbo", PASSWORD, accept_downloads=True)
    commission.goto(f"{server}/scorecard?period={year}")
    table = commission.inner_text("#table-scorecard")
    assert "Công an tỉnh" in table and "Thanh tra tỉnh" in table
    assert commission.locator("svg#chart-scorecard-requests rect").count() > 0
    assert "Chưa có số liệu" in commission.inner_text("main")  # no meeting tasks yet
    with commission.expect_download() as download:
        commission.click("#scorecard-xlsx")
    assert download.value.suggested_filename == f"bang-diem-{year}.xlsx"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    commission.screenshot(path=str(ARTIFACTS / "01-commission.png"), full_page=True)

    head = sign_in(browser, server, "ca_lanhdao", PASSWORD, accept_downloads=True)
    head.click("text=Kết quả phối hợp")
    rows = head.locator("#table-scorecard tbody th").all_inner_texts()
    assert rows == ["Công an tỉnh"]

    officer_page = sign_in(browser, server, "tt_canbo", PASSWORD, accept_downloads=True)
    assert officer_page.goto(f"{server}/scorecard").status == 403
