"""In a real browser: open a case, attach a document through the attach page, send an
information request, answer it from the other body, and see the notifications arrive.
Screenshots go to test-artifacts/casework/."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.support.browser import screenshot, sign_in
from tests.support.people import PASSWORD, make_document, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.services]


def test_case_attach_request_answer_and_notification(server: str, browser, db) -> None:
    with db.session() as s:
        make_user(s, "tt_officer", "thanh_tra", ("officer",))
        make_user(s, "ubkt_officer", "uy_ban_kiem_tra", ("officer",))
        document_id = make_document(
            s, "thanh_tra", number="21/KL-TTr", subject="Kết luận thanh tra đất đai xã An Bình"
        ).id

    lead = sign_in(browser, server, "tt_officer", PASSWORD)
    # Open a case.
    lead.goto(f"{server}/cases/new")
    lead.fill("#code", "VV-2026-E2E")
    lead.fill("#title", "Sai phạm giao đất xã An Bình")
    lead.check("input[name=agencies][value=uy_ban_kiem_tra]")
    lead.click("form.form-grid button[type=submit]")
    lead.wait_for_selector("#case-status")
    assert "VV-2026-E2E" in lead.inner_text("h1")
    screenshot(lead, "casework", "01-case-opened")

    # Attach the document through the attach page (what search results link to).
    lead.goto(f"{server}/cases/attach?document_id={document_id}")
    lead.fill("#reason", "Kết luận thanh tra làm căn cứ")
    lead.click("#attach-form button[type=submit]")
    lead.wait_for_selector("#documents")
    assert "21/KL-TTr" in lead.inner_text("#documents")
    assert "Gắn văn bản" in lead.inner_text("#timeline")
    screenshot(lead, "casework", "02-document-attached")

    # Send an information request about the case to the Party Inspection Committee.
    lead.click("text=Yêu cầu cung cấp thông tin")
    lead.select_option("#to_agency", "uy_ban_kiem_tra")
    lead.fill("#subject", "Cung cấp quyết định kỷ luật đảng viên liên quan")
    lead.fill("#due_date", (date.today() + timedelta(days=5)).isoformat())
    lead.click("#request-form button[type=submit]")
    lead.wait_for_selector("#request-status")
    request_url = lead.url
    assert "Đang chờ trả lời" in lead.inner_text("#request-status")
    screenshot(lead, "casework", "03-request-sent")

    # The asked body sees the bell, opens the notification, answers with text.
    ubkt = sign_in(browser, server, "ubkt_officer", PASSWORD)
    assert ubkt.inner_text(".bell-count").strip() not in ("", "0")
    screenshot(ubkt, "casework", "04-bell-unread")
    ubkt.click(".bell")
    ubkt.wait_for_selector("ul.notifications")
    ubkt.click("text=đề nghị cung cấp thông tin")
    ubkt.wait_for_url(request_url)
    ubkt.fill("#answer-text", "Gửi kèm Quyết định kỷ luật số 8-QĐ/UBKT.")
    ubkt.click("#answer-form button[type=submit]")
    ubkt.wait_for_selector("#answer")
    assert "Đã trả lời" in ubkt.inner_text("#request-status")
    screenshot(ubkt, "casework", "05-request-answered")

    # The asker is notified of the answer and sees it on the case's timeline.
    lead.goto(f"{server}/notifications")
    assert "đã trả lời yêu cầu thông tin" in lead.inner_text("ul.notifications")
    screenshot(lead, "casework", "06-answer-notification")
    lead.click("text=đã trả lời yêu cầu thông tin")
    lead.wait_for_url(request_url)
    assert "Gửi kèm Quyết định kỷ luật" in lead.inner_text("#answer")
    lead.click("dl.facts a[href^='/cases/']")
    lead.wait_for_selector("#timeline")
    assert "Trả lời yêu cầu thông tin" in lead.inner_text("#timeline")
    screenshot(lead, "casework", "07-case-timeline")
