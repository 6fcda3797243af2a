"""The home page is the user's desk: deadlines of their body, unread notifications, their
recent work and what waits for review — only what they may see, each a link."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from records import requests
from records.calendar import local_today
from records.models import DocumentPage
from records.notify import notify
from tests.support.people import agency, make_document, make_user
from tests.support.web import Browser

pytestmark = pytest.mark.services


def test_a_new_user_gets_the_search_box_in_focus_and_an_empty_state(app, db) -> None:
    with db.session() as s:
        make_user(s, "new_clerk", "thanh_tra", ("clerk",))
    page = Browser(app, "new_clerk").get("/").get_data(as_text=True)
    assert re.search(r'<input type="search" name="q" id="desk-q"[^>]*autofocus', page)
    assert 'id="desk-empty"' in page and "Chưa có việc nào trên bàn" in page
    assert 'href="/documents/upload"' in page


def test_the_desk_lists_what_needs_the_user_and_nothing_they_may_not_see(app, db) -> None:
    today = local_today()
    with db.session() as s:
        officer = make_user(s, "tt_officer", "thanh_tra", ("officer", "clerk"))
        asker = make_user(s, "nc_officer", "noi_chinh", ("officer",))
        make_user(s, "ta_officer", "toa_an", ("officer",))
        # A request to the officer's body, overdue; one between two other bodies, overdue too.
        ours = requests.create_request(
            s, asker, to_agency=agency(s, "thanh_tra"), subject="Cung cấp hồ sơ thanh tra đất"
        )
        ours.due_date = today - timedelta(days=3)
        theirs = requests.create_request(
            s, asker, to_agency=agency(s, "toa_an"), subject="Bản án phúc thẩm số 9"
        )
        theirs.due_date = today - timedelta(days=3)
        mine = make_document(s, "thanh_tra", number="12/KL-TTr", subject="Kết luận thanh tra X")
        mine.uploaded_by_id = officer.id
        scan = make_document(s, "thanh_tra", subject="Biên bản làm việc scan")
        s.add(DocumentPage(document=scan, page_no=2, text="mờ", ocr_confidence=41.0))
        letter = make_document(s, "thanh_tra", subject="Đơn tố cáo cán bộ xã")
        letter.doc_type = "don_to_cao"
        foreign_letter = make_document(s, "toa_an", subject="Đơn tố cáo thẩm phán")
        foreign_letter.doc_type = "don_to_cao"
        notify(s, officer, "deadline", "Yêu cầu sắp đến hạn", link=f"/requests/{ours.id}")
        s.commit()
        ids = {"ours": ours.id, "theirs": theirs.id, "mine": mine.id, "scan": scan.id}
        ids |= {"letter": letter.id, "foreign_letter": foreign_letter.id}

    page = Browser(app, "tt_officer").get("/").get_data(as_text=True)
    assert 'id="desk-empty"' not in page
    due = page.split('id="desk-due"', 1)[1].split("</section>", 1)[0]
    assert f'href="/requests/{ids["ours"]}"' in due and "quá hạn" in due
    assert (today - timedelta(days=3)).strftime("%d/%m/%Y") in due
    assert "Bản án phúc thẩm số 9" not in page
    assert re.search(r'id="desk-overdue">\s*1<', page)
    assert "Yêu cầu sắp đến hạn" in page.split('id="desk-notifications"', 1)[1]
    assert f'href="/documents/{ids["mine"]}"' in page.split('id="desk-documents"', 1)[1]
    review = page.split('id="desk-review"', 1)[1].split("</section>", 1)[0]
    assert f'href="/documents/{ids["scan"]}/pages/2"' in review
    assert f'href="/documents/{ids["letter"]}"' in review
    assert f'href="/documents/{ids["foreign_letter"]}"' not in page
    status = page.split('id="desk-status"', 1)[1].split("</section>", 1)[0]
    assert 'href="/documents?status=indexed"' in status

    # The court officer sees the other request, not this body's work.
    other = Browser(app, "ta_officer").get("/").get_data(as_text=True)
    assert f'href="/requests/{ids["theirs"]}"' in other
    assert f'href="/requests/{ids["ours"]}"' not in other
    assert "Kết luận thanh tra X" not in other


def test_the_desk_is_english_too(app, db) -> None:
    with db.session() as s:
        make_user(s, "en_clerk", "thanh_tra", ("clerk",))
    browser = Browser(app, "en_clerk")
    browser.post("/locale/en")
    page = browser.get("/").get_data(as_text=True)
    assert "Desk" in page and "Nothing on your desk yet" in page
