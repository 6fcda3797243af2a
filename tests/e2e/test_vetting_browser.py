"""In a real browser, with users of three bodies and the Commission outside the request: the
Organization Board asks about a cadre, the inspectorate finds a petition of its own by the
unaccented name, confirms it and answers, the police answer that they hold nothing, and the
Board's leader reads both answers. Screenshots go to test-artifacts/vetting/."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from records.calendar import local_today
from records.models import User
from tests.support.browser import screenshot, sign_in
from tests.support.people import PASSWORD, make_user
from tests.support.petitions import context, petition

pytestmark = [pytest.mark.e2e, pytest.mark.services]


def test_three_bodies_vet_a_cadre_in_the_browser(server: str, browser, db) -> None:
    with db.session() as s:
        for name, body, role in (
            ("tc_lanhdao", "to_chuc", "leader"),
            ("tt_canbo", "thanh_tra", "officer"),
            ("ca_canbo", "cong_an", "officer"),
            ("nc_lanhdao", "noi_chinh", "leader"),
        ):
            make_user(s, name, body, (role,), "toi_mat")
        officer = s.scalars(select(User).where(User.username == "tt_canbo")).one()
        petition(
            s, officer, context(s, local_today()),
            respondent="Ong Hoang Van Nam, sinh nam 1970, Truong phong Tai nguyen",
            summary="Khieu nai viec giao dat.",
        )  # fmt: skip

    board = sign_in(browser, server, "tc_lanhdao", PASSWORD)
    board.click("text=Thẩm định cán bộ")
    board.click("text=Đề nghị thẩm định")
    board.fill("#cadre_name", "Hoàng Văn Nam")
    board.fill("#birth_date", "1970-06-15")
    board.fill("#position", "Trưởng phòng Tài nguyên và Môi trường")
    board.check("input[name=bodies][value=thanh_tra]")
    board.check("input[name=bodies][value=cong_an]")
    board.click("#vetting-form button[type=submit]")
    board.wait_for_selector("#vetting-status")
    vetting_url = board.url
    assert "Tối mật" in board.inner_text("h1")
    screenshot(board, "vetting", "01-asked")

    inspector = sign_in(browser, server, "tt_canbo", PASSWORD)
    inspector.goto(vetting_url)
    inspector.click("#vetting-search")
    row = inspector.locator("#match-list tr[data-match^=petition]")
    assert "họ tên" in row.inner_text() and "năm sinh" in row.inner_text()
    row.locator("select[name=state]").select_option("confirmed")
    row.locator("button[type=submit]").click()
    inspector.wait_for_selector("#match-list")
    screenshot(inspector, "vetting", "02-candidate-confirmed")
    inspector.fill("#answer-text", "Có đơn khiếu nại liên quan đến việc giao đất năm 2026.")
    inspector.click("#answer-form button[type=submit]")
    inspector.wait_for_selector("#answer-thanh_tra")
    assert "Đã trả lời" in inspector.inner_text("#answer-thanh_tra")

    police = sign_in(browser, server, "ca_canbo", PASSWORD)
    police.goto(vetting_url)
    police.click("#vetting-search")
    assert "Chưa có kết quả đối chiếu" in police.inner_text("#match-list")
    assert "giao đất" not in police.inner_text("#answers")  # not the inspectorate's answer
    police.click("#answer-form button[type=submit]")
    police.wait_for_selector("#answer-cong_an")

    outsider = sign_in(browser, server, "nc_lanhdao", PASSWORD)
    response = outsider.goto(vetting_url)
    assert response.status == 404
    outsider.goto(f"{server}/vetting")
    assert "Hoàng Văn Nam" not in outsider.inner_text("main")

    board.goto(vetting_url)
    assert "Đã đủ ý kiến" in board.inner_text("#vetting-status")
    assert "giao đất năm 2026" in board.inner_text("#answer-thanh_tra")
    assert "Không có thông tin vi phạm" in board.inner_text("#answer-cong_an")
    screenshot(board, "vetting", "03-answers-read-by-the-board")
