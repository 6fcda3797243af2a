"""Ticked documents of a list, changed at once: each through the same policy check as its
own page; a refused one is named and leaves the others done."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from records.cases import create_case
from records.models import AuditEvent, CaseDocument, Document
from tests.support.people import agency, make_document, make_user
from tests.support.web import Browser

pytestmark = pytest.mark.services


@pytest.fixture
def world(app, db) -> dict[str, int]:
    with db.session() as s:
        officer = make_user(s, "tt_officer", "thanh_tra", ("officer",), clearance="mat")
        make_user(s, "ta_officer", "toa_an", ("officer",))
        first = make_document(s, "thanh_tra", number="1/KL-TTr", subject="Kết luận một")
        second = make_document(s, "thanh_tra", number="2/KL-TTr", subject="Kết luận hai")
        lent = make_document(s, "toa_an", number="3/BA", subject="Bản án được chia sẻ")
        lent.shared_with = [agency(s, "thanh_tra")]
        hidden = make_document(s, "toa_an", number="4/BA", subject="Bản án riêng")
        case = create_case(
            s, officer, code="VV-2026-031", title="Đất đai", lead_agency=officer.agency
        )
        s.commit()
        return {
            "first": first.id, "second": second.id, "lent": lent.id, "hidden": hidden.id,
            "case": case.id,
        }  # fmt: skip


def _bulk(browser: Browser, action: str, ids: list[int], **fields):
    data = {"action": action, "ids": [str(i) for i in ids], "next": "/documents", **fields}
    return browser.post("/documents/bulk", data, follow_redirects=True)


def test_share_adds_a_body_and_reports_what_could_not_be_done(app, db, world) -> None:
    browser = Browser(app, "tt_officer")
    ids = [world["first"], world["second"], world["lent"], world["hidden"]]
    page = _bulk(browser, "share", ids, agencies=["noi_chinh"]).get_data(as_text=True)
    assert "Đã chia sẻ 2 tài liệu." in page
    assert "3-BA.pdf" in page  # the lent document is named: sharing it is its owner's choice
    assert "1 tài liệu không còn hoặc bạn không được xem." in page
    assert "4/BA" not in page and "Bản án riêng" not in page
    with db.session() as s:
        shared = {d.id: [a.code for a in d.shared_with] for d in s.scalars(select(Document))}
        assert shared[world["first"]] == ["noi_chinh"]
        assert shared[world["lent"]] == ["thanh_tra"]
        assert shared[world["hidden"]] == []


def test_level_change_stays_within_the_users_clearance(app, db, world) -> None:
    browser = Browser(app, "tt_officer")
    ids = [world["first"], world["second"]]
    page = _bulk(browser, "level", ids, level="toi_mat").get_data(as_text=True)
    assert "Đã đổi độ mật của 0 tài liệu." in page
    page = _bulk(browser, "level", [*ids, world["lent"]], level="mat").get_data(as_text=True)
    assert "Đã đổi độ mật của 2 tài liệu." in page and "3-BA.pdf" in page
    with db.session() as s:
        levels = {d.id: d.confidentiality for d in s.scalars(select(Document))}
    assert levels[world["first"]] == levels[world["second"]] == "mat"
    assert levels[world["lent"]] == "thuong"


def test_attach_trash_and_export(app, db, world) -> None:
    browser = Browser(app, "tt_officer")
    ids = [world["first"], world["second"]]
    page = _bulk(browser, "attach", ids, case="VV-2026-031").get_data(as_text=True)
    assert "Đã gắn 2 tài liệu vào vụ việc." in page
    unknown = _bulk(browser, "attach", ids, case="VV-KHONG-CO").get_data(as_text=True)
    assert "Không tìm thấy vụ việc này" in unknown

    export = browser.post(
        "/documents/bulk", {"action": "export", "ids": [str(i) for i in [*ids, world["hidden"]]]}
    )
    assert export.status_code == 200 and export.mimetype == "text/csv"
    text = export.get_data(as_text=True)
    assert "1/KL-TTr" in text and "2/KL-TTr" in text and "4/BA" not in text

    page = _bulk(browser, "trash", [world["second"]], reason="Trùng").get_data(as_text=True)
    assert "Đã chuyển 1 tài liệu vào thùng rác." in page
    with db.session() as s:
        attached = set(s.scalars(select(CaseDocument.document_id)))
        assert attached == set(ids)
        assert s.get(Document, world["second"]).trashed_at is not None
        actions = set(s.scalars(select(AuditEvent.action)))
    assert {"case.attached", "document.trash", "document.export_list"} <= actions


def test_the_list_and_the_search_results_carry_the_ticks(app, db, world) -> None:
    page = Browser(app, "tt_officer").get("/documents").get_data(as_text=True)
    assert 'id="bulk-form"' in page
    assert f'name="ids" value="{world["first"]}" form="bulk-form"' in page
    assert 'value="VV-2026-031"' in page  # offered in the case picker
    assert 'value="toi_mat"' not in page.split('id="bulk-level"', 1)[1].split("</select>")[0]
