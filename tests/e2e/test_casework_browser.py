"""In a real browser: open a case, attach a document through the attach page, send an
information request, answer it from the other body, and see the notifications arrive.
Screenshots go to test-artifacts/casework/."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.support.people import PASSWORD, make_document, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "casework"


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
    page.goto(f"{base}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click(".narrow button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_case_attach_request_answer_and_notification(server: str, browser, db) -> None:
    with db.session() as s:
        make_user(s, "tt_officer", "thanh_tra", ("officer",))
        make_user(s, "ubkt_officer", "uy_ban_kiem_tra", ("officer",))
        document_id = make_document(
            s, "thanh_tra", number="21/KL-TTr", subject="Kết luận thanh tra đất đai xã An Bình"
        ).id

    lead = _sign_in(browser, server, "tt_officer")
    # Open a case.
    lead.goto(f"{server}/cases/new")
    lead.fill("#code", "VV-2026-E2E")
    lead.fill("#title", "Sai phạm giao đất xã An Bình")
    lead.check("input[name=agencies][value=uy_ban_kiem_tra]")
    lead.click("form.form-grid button[type=submit]")
    lead.wait_for_selector("#case-status")
    assert "VV-2026-E2E" in lead.inner_text("h1")
    _shot(lead, "01-case-opened")

    # Attach the document through the attach page (what search results link to).
    lead.goto(f"{server}/cases/attach?document_id={document_id}")
    lead.fill("#reason", "Kết luận thanh tra làm căn cứ")
    lead.click("#attach-form button[type=submit]")
    lead.wait_for_selector("#documents")
    assert "21/KL-TTr" in lead.inner_text("#documents")
    assert "Gắn văn bản" in lead.inner_text("#timeline")
    _shot(lead, "02-document-attached")

    # Send an information request about the case to the Party Inspection Committee.
    lead.click("text=Yêu cầu cung cấp thông tin")
    lead.select_option("#to_agency", "uy_ban_kiem_tra")
    lead.fill("#subject", "Cung cấp quyết định kỷ luật đảng viên liên quan")
    lead.fill("#due_date", (date.today() + timedelta(days=5)).isoformat())
    lead.click("#request-form button[type=submit]")
    lead.wait_for_selector("#request-status")
    request_url = lead.url
    assert "Đang chờ trả lời" in lead.inner_text("#request-status")
    _shot(lead, "03-request-sent")

    # The asked body sees the bell, opens the notification, answers with text.
    ubkt = _sign_in(browser, server, "ubkt_officer")
    assert ubkt.inner_text(".bell-count").strip() not in ("", "0")
    _shot(ubkt, "04-bell-unread")
    ubkt.click(".bell")
    ubkt.wait_for_selector("ul.notifications")
    ubkt.click("text=đề nghị cung cấp thông tin")
    ubkt.wait_for_url(request_url)
    ubkt.fill("#answer-text", "Gửi kèm Quyết định kỷ luật số 8-QĐ/UBKT.")
    ubkt.click("#answer-form button[type=submit]")
    ubkt.wait_for_selector("#answer")
    assert "Đã trả lời" in ubkt.inner_text("#request-status")
    _shot(ubkt, "05-request-answered")

    # The asker is notified of the answer and sees it on the case's timeline.
    lead.goto(f"{server}/notifications")
    assert "đã trả lời yêu cầu thông tin" in lead.inner_text("ul.notifications")
    _shot(lead, "06-answer-notification")
    lead.click("text=đã trả lời yêu cầu thông tin")
    lead.wait_for_url(request_url)
    assert "Gửi kèm Quyết định kỷ luật" in lead.inner_text("#answer")
    lead.click("dl.facts a[href^='/cases/']")
    lead.wait_for_selector("#timeline")
    assert "Trả lời yêu cầu thông tin" in lead.inner_text("#timeline")
    _shot(lead, "07-case-timeline")
