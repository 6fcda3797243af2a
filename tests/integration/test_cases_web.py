"""Case, transfer, request and notification pages and API with the test client: each flow
works for the right people, and bodies outside a case cannot reach it."""

from __future__ import annotations

import re
from datetime import date, timedelta
from io import BytesIO

import pytest
from sqlalchemy import select

from records import requests
from records.cases import attaches_anywhere
from records.models import AuditEvent, CaseDocument, InfoRequest, Notification, User
from tests.support.people import agency, make_document, make_user
from tests.support.web import Browser

pytestmark = pytest.mark.services


@pytest.fixture
def world(app, db):
    with db.session() as s:
        make_user(s, "tt_officer", "thanh_tra", ("officer",))
        make_user(s, "ubkt_officer", "uy_ban_kiem_tra", ("officer",))
        make_user(s, "ta_officer", "toa_an", ("officer",))
        make_user(s, "nc_officer", "noi_chinh", ("officer",))
        make_user(s, "ca_officer", "cong_an", ("officer",))
        doc = make_document(
            s, "thanh_tra", number="12/KL-TTr", subject="Kết luận thanh tra <b>X</b>"
        )
        foreign = make_document(s, "toa_an", number="4/BA-TA", subject="Bản án")
        ids = {"doc": doc.id, "foreign": foreign.id}
    return ids


def _create_case(browser: Browser, code: str = "VV-2026-010", **extra) -> int:
    response = browser.post(
        "/cases/new",
        {
            "code": code,
            "title": "Sai phạm đất đai",
            "kind": "vu_viec",
            "lead": "thanh_tra",
            "agencies": "uy_ban_kiem_tra",
            "confidentiality": "thuong",
            **extra,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def test_case_lifecycle_in_the_browser_pages(app, db, world) -> None:
    lead = Browser(app, "tt_officer")
    case_id = _create_case(lead)
    page = lead.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "VV-2026-010" in page and "Tiếp nhận" in page

    # Status, monitoring, parties.
    lead.post(f"/cases/{case_id}/status", {"status": "xac_minh", "note": "QĐ thanh tra 5/QĐ-TTr"})
    refused = lead.post(f"/cases/{case_id}/status", {"status": "truy_to"}, follow_redirects=True)
    assert (
        "Không thể chuyển từ trạng thái «Xác minh, thanh tra» sang «Truy tố»"
        in refused.get_data(as_text=True)
    )
    lead.post(
        f"/cases/{case_id}/monitoring", {"level": "bcd_tinh", "reason": "Thông báo 12-TB/BCĐ"}
    )
    lead.post(
        f"/cases/{case_id}/parties", {"name": "Trần Văn B", "kind": "person", "role": "Giám đốc"}
    )

    # Attach by number, then detach with a reason; the timeline shows both.
    lead.post(f"/cases/{case_id}/documents", {"reference": "12/KL-TTr", "reason": "Kết luận"})
    missing = lead.post(
        f"/cases/{case_id}/documents", {"reference": "4/BA-TA"}, follow_redirects=True
    )
    assert "Không tìm thấy văn bản «4/BA-TA»" in missing.get_data(as_text=True)
    lead.post(f"/cases/{case_id}/documents/{world['doc']}/detach", {"reason": "Nhầm"})
    page = lead.get(f"/cases/{case_id}").get_data(as_text=True)
    for text in ("Xác minh, thanh tra", "Ban Chỉ đạo tỉnh", "Trần Văn B", "Gỡ văn bản", "Nhầm"):
        assert text in page
    assert "<b>X</b>" not in page and "&lt;b&gt;X&lt;/b&gt;" in page  # escaped subject
    with db.session() as s:
        assert s.get(CaseDocument, (case_id, world["doc"])).state == "detached"
        actions = s.scalars(
            select(AuditEvent.action).where(AuditEvent.object_id == str(case_id))
        ).all()
    assert {
        "case.create",
        "case.view",
        "case.status",
        "case.monitoring",
        "case.attached",
        "case.detached",
    } <= set(actions)
    lead.post("/locale/en")
    english = lead.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "Timeline" in english and "Verification, inspection" in english


def test_bodies_outside_a_case_cannot_reach_it_but_coordinating_and_commission_can(
    app, world
) -> None:
    lead = Browser(app, "tt_officer")
    case_id = _create_case(lead)
    outsider = Browser(app, "ta_officer")
    for url in (
        f"/cases/{case_id}",
        f"/cases/{case_id}/edit",
        f"/api/v1/cases/{case_id}",
        f"/api/v1/cases/{case_id}/timeline",
    ):
        assert outsider.get(url).status_code == 404, url
    assert outsider.post(f"/cases/{case_id}/status", {"status": "xac_minh"}).status_code == 404
    assert "VV-2026-010" not in outsider.get("/cases").get_data(as_text=True)
    assert outsider.get("/api/v1/cases").json["total"] == 0

    coordinating = Browser(app, "ubkt_officer")
    assert coordinating.get(f"/cases/{case_id}").status_code == 200
    assert coordinating.post(f"/cases/{case_id}/status", {"status": "xac_minh"}).status_code == 403

    commission = Browser(app, "nc_officer")
    assert commission.get(f"/cases/{case_id}").status_code == 404  # not monitored yet
    lead.post(f"/cases/{case_id}/monitoring", {"level": "ban_thuong_vu", "reason": "BTV chỉ đạo"})
    assert commission.get(f"/cases/{case_id}").status_code == 200
    assert commission.get("/api/v1/cases?monitoring=any").json["total"] == 1


def test_attach_page_from_a_document_lists_only_workable_cases(app, db, world) -> None:
    lead = Browser(app, "tt_officer")
    case_id = _create_case(lead)
    page = lead.get(f"/cases/attach?document_id={world['doc']}").get_data(as_text=True)
    assert "VV-2026-010" in page
    response = lead.post(
        "/cases/attach", {"document_id": world["doc"], "case_id": case_id, "reason": "Từ tìm kiếm"}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("#documents")
    with db.session() as s:
        assert s.get(CaseDocument, (case_id, world["doc"])).state == "attached"
    # A document the user may not see has no attach page.
    assert lead.get(f"/cases/attach?document_id={world['foreign']}").status_code == 404
    # The court officer sees the court's document but no case to attach it to.
    court = Browser(app, "ta_officer")
    assert "Không có vụ việc nào" in court.get(
        f"/cases/attach?document_id={world['foreign']}"
    ).get_data(as_text=True)


def test_a_document_page_offers_attaching_only_when_a_case_can_take_it(app, db, world) -> None:
    attach_link = "/cases/attach?document_id="
    court = Browser(app, "ta_officer")  # sees the court's document, works on no case
    assert attach_link not in court.get(f"/documents/{world['foreign']}").get_data(as_text=True)
    lead = Browser(app, "tt_officer")
    assert attach_link not in lead.get(f"/documents/{world['doc']}").get_data(as_text=True)
    case_id = _create_case(lead)
    assert attach_link in lead.get(f"/documents/{world['doc']}").get_data(as_text=True)
    lead.post("/cases/attach", {"document_id": world["doc"], "case_id": case_id, "reason": "r"})
    # Its only case holds it now: nothing left to attach it to.
    assert attach_link not in lead.get(f"/documents/{world['doc']}").get_data(as_text=True)
    with db.session() as s:
        by_name = {u.username: u for u in s.scalars(select(User))}
        assert attaches_anywhere(s, by_name["tt_officer"])
        assert not attaches_anywhere(s, by_name["ta_officer"])


def test_suggestions_are_confirmed_and_rejected_on_the_case_page(app, db, world) -> None:
    lead = Browser(app, "tt_officer")
    case_id = _create_case(lead)
    with db.session() as s:
        other = make_document(s, "thanh_tra", number="13/BC-TTr")
        for document_id in (world["doc"], other.id):
            s.add(
                CaseDocument(
                    case_id=case_id,
                    document_id=document_id,
                    state="suggested",
                    reason="nêu tên Trần Văn B",
                )
            )
        other_id = other.id
    page = lead.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "Văn bản được gợi ý (2)" in page and "nêu tên Trần Văn B" in page
    lead.post(f"/cases/{case_id}/documents/{world['doc']}/confirm")
    lead.post(f"/cases/{case_id}/documents/{other_id}/reject", {"reason": "Không liên quan"})
    with db.session() as s:
        assert s.get(CaseDocument, (case_id, world["doc"])).state == "attached"
        assert s.get(CaseDocument, (case_id, other_id)).state == "rejected"


def test_transfer_flow_and_watch_list(app, db, world) -> None:
    lead = Browser(app, "tt_officer")
    case_id = _create_case(lead)
    since = (date.today() - timedelta(days=9)).isoformat()
    lead.post(
        f"/cases/{case_id}/crime-signs", {"basis": "ttlt03_5_2", "since": since, "note": "KL số 12"}
    )
    watch = lead.get("/transfers").get_data(as_text=True)
    assert "VV-2026-010" in watch and "quá hạn" in watch
    assert lead.get("/cases?awaiting_transfer=1").get_data(as_text=True).count("VV-2026-010") == 1
    refused = lead.post(
        f"/cases/{case_id}/transfers",
        {"to_agency": "toa_an", "legal_basis": "ttlt03_5_2", "sent_date": date.today().isoformat()},
        follow_redirects=True,
    )
    assert "Chỉ chuyển hồ sơ cho cơ quan điều tra" in refused.get_data(as_text=True)
    response = lead.post(
        f"/cases/{case_id}/transfers",
        {
            "to_agency": "cong_an",
            "legal_basis": "ttlt03_5_2",
            "reference": "30/KNKT-TTr",
            "sent_date": date.today().isoformat(),
            "documents": "12/KL-TTr",
        },
    )
    assert response.status_code == 302
    transfer_url = response.headers["Location"]
    police = Browser(app, "ca_officer")
    page = police.get(transfer_url).get_data(as_text=True)
    assert "30/KNKT-TTr" in page and "Ghi nhận kết quả xử lý" in page
    assert police.get(f"/cases/{case_id}").status_code == 404  # the police is not in the case
    police.post(
        transfer_url + "/outcome", {"outcome": "khoi_to", "outcome_date": date.today().isoformat()}
    )
    summary = lead.api("GET", "/api/v1/transfers/summary").json
    assert (
        summary["total"] == 1
        and summary["by_outcome"]["khoi_to"] == 1
        and summary["awaiting_transfer"] == 0
    )
    assert "Khởi tố" in lead.get(transfer_url).get_data(as_text=True)


def test_request_answered_with_upload_and_notifications(app, db, world) -> None:
    lead = Browser(app, "tt_officer")
    case_id = _create_case(lead)
    response = lead.post(
        "/requests/new",
        {
            "case_id": case_id,
            "to_agency": "uy_ban_kiem_tra",
            "subject": "Cung cấp quyết định kỷ luật",
            "due_date": (date.today() + timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    request_url = response.headers["Location"]
    ubkt = Browser(app, "ubkt_officer")
    bell = ubkt.get("/").get_data(as_text=True)
    assert re.search(r'class="bell-count"[^>]*>\d+<', bell)
    notices = ubkt.get("/notifications").get_data(as_text=True)
    assert "đề nghị cung cấp thông tin" in notices
    assert Browser(app, "ta_officer").get(request_url).status_code == 404
    assert Browser(app, "nc_officer").get(request_url).status_code == 200  # the commission sees all

    answer = ubkt.client.post(
        request_url + "/answer",
        data={
            "csrf_token": ubkt.token,
            "text": "Gửi kèm quyết định kỷ luật",
            "files": (BytesIO("Quyết định kỷ luật số 8/QĐ-UBKT".encode()), "qd-ky-luat.txt"),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 302
    page = lead.get(request_url).get_data(as_text=True)
    assert "Đã trả lời" in page and "qd-ky-luat.txt" in page
    with db.session() as s:
        item = s.scalars(select(InfoRequest)).one()
        assert item.status == "answered" and len(item.documents) == 1
        lead_notes = s.scalars(select(Notification).where(Notification.kind == "request")).all()
    assert any("đã trả lời yêu cầu thông tin" in n.title for n in lead_notes)
    timeline = lead.api("GET", f"/api/v1/cases/{case_id}/timeline").json["events"]
    assert [e["kind"] for e in timeline][-2:] == ["request", "request_answered"]


def test_notification_about_an_object_no_longer_visible_shows_no_title(app, db, world) -> None:
    lead = Browser(app, "tt_officer")
    case_id = _create_case(lead)
    ubkt = Browser(app, "ubkt_officer")
    assert "VV-2026-010: Sai phạm đất đai" in ubkt.get("/notifications").get_data(as_text=True)
    lead.post(
        f"/cases/{case_id}/edit",
        {"title": "Sai phạm đất đai", "summary": "", "confidentiality": "thuong"},
    )
    page = ubkt.get("/notifications").get_data(as_text=True)
    assert "VV-2026-010" not in page and "không còn quyền xem" in page
    listed = ubkt.api("GET", "/api/v1/notifications").json["notifications"]
    assert listed and listed[0]["title"] is None and listed[0]["link"] is None
    # Opening it leads nowhere but the list; marking all read empties the bell.
    assert (
        ubkt.get(f"/notifications/{listed[0]['id']}/open")
        .headers["Location"]
        .endswith("/notifications")
    )
    ubkt.post("/notifications/read-all")
    assert ubkt.get("/notifications/unread.json").json == {"unread": 0}


def test_api_cases_and_requests(app, db, world) -> None:
    lead = Browser(app, "tt_officer")
    created = lead.api(
        "POST",
        "/api/v1/cases",
        {
            "code": "VV-API-1",
            "title": "Qua API",
            "agencies": ["uy_ban_kiem_tra"],
            "lead_agency": "thanh_tra",
        },
    )
    assert created.status_code == 201, created.json
    case_id = created.json["id"]
    duplicate = lead.api("POST", "/api/v1/cases", {"code": "VV-API-1", "title": "x"})
    assert duplicate.status_code == 422 and duplicate.json["error"] == "case.code_taken"
    assert "đã được dùng" in duplicate.json["message"]
    assert (
        lead.api("POST", f"/api/v1/cases/{case_id}/status", {"status": "xac_minh"}).json["status"]
        == "xac_minh"
    )
    bad = lead.api("POST", f"/api/v1/cases/{case_id}/status", {"status": "thi_hanh_an"})
    assert bad.status_code == 422 and bad.json["error"] == "case.status_not_allowed"
    attached = lead.api(
        "POST",
        f"/api/v1/cases/{case_id}/documents",
        {"document": str(world["doc"]), "reason": "API"},
    )
    assert [d["state"] for d in attached.json["documents"]] == ["attached"]
    detached = lead.api(
        "POST", f"/api/v1/cases/{case_id}/documents/{world['doc']}/detach", {"reason": "sai"}
    )
    assert detached.json["state"] == "detached"
    asked = lead.api(
        "POST",
        "/api/v1/requests",
        {
            "to_agency": "uy_ban_kiem_tra",
            "subject": "Hồ sơ",
            "due_date": (date.today() + timedelta(days=5)).isoformat(),
            "case_id": case_id,
        },
    )
    assert asked.status_code == 201
    ubkt = Browser(app, "ubkt_officer")
    assert ubkt.api("GET", "/api/v1/requests?box=incoming").json["total"] == 1
    answered = ubkt.api("POST", f"/api/v1/requests/{asked.json['id']}/answer", {"text": "Đã có"})
    assert answered.json["status"] == "answered"
    assert (
        Browser(app, "ta_officer").api("GET", f"/api/v1/requests/{asked.json['id']}").status_code
        == 404
    )
    spec = lead.get("/api/v1/openapi.json").json["paths"]
    for path in (
        "/cases",
        "/cases/{case_id}/documents/{document_id}/detach",
        "/requests/{request_id}/answer",
        "/transfers/summary",
        "/notifications",
    ):
        assert path in spec, path


def test_api_write_without_csrf_token_is_refused(app, world) -> None:
    lead = Browser(app, "tt_officer")
    response = lead.client.post("/api/v1/cases", json={"code": "VV-X", "title": "x"})
    assert response.status_code == 400


def test_request_domain_overdue_listing(app, db, world) -> None:
    with db.session() as s:
        asker = s.scalars(select(User).where(User.username == "tt_officer")).one()
        item = requests.create_request(
            s,
            asker,
            to_agency=agency(s, "uy_ban_kiem_tra"),
            subject="Quá hạn",
            due_date=date.today() + timedelta(days=2),
        )
        item.due_date = date.today() - timedelta(days=1)
    ubkt = Browser(app, "ubkt_officer")
    page = ubkt.get("/requests?state=overdue").get_data(as_text=True)
    assert "Quá hạn" in page and "quá hạn 1 ngày" in page


def test_unreadable_input_gets_a_clear_error(app, world) -> None:
    lead = Browser(app, "tt_officer")
    page = lead.get("/cases/attach?document_id=abc")
    assert page.status_code == 400 and "Dữ liệu không hợp lệ: document_id" in page.get_data(
        as_text=True
    )
    case_id = _create_case(lead)
    bad_date = lead.api(
        "POST",
        f"/api/v1/cases/{case_id}/transfers",
        {"to_agency": "cong_an", "legal_basis": "lpctn_62", "sent_date": "31/02/2026"},
    )
    assert bad_date.status_code == 422 and bad_date.json["detail"] == {"field": "sent_date"}
    unknown_body = lead.api(
        "POST",
        "/api/v1/requests",
        {"to_agency": "khong_co", "subject": "x", "due_date": "2099-01-01"},
    )
    assert unknown_body.status_code == 422 and unknown_body.json["error"] == "invalid_input"
