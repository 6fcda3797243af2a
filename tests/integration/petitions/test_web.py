"""The petition pages: register with a scanned letter, steps with their messages, identity
kept from those not allowed, the verifier's redacted copy, the calendar, escaping."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from records.calendar import local_today
from records.models import AuditEvent, CalendarDay, Document, Petition, PetitionDocument
from records.petitions.codes import State
from tests.integration.petitions.conftest import World
from tests.support.petitions import PASSWORD

pytestmark = pytest.mark.services

XSS = '<script>alert("x")</script>'


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _login(client, username: str) -> str:
    token = _csrf(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    return _csrf(client.get("/petitions/new").get_data(as_text=True))


def _register(client, token: str, **fields) -> Petition | None:
    data = {
        "csrf_token": token,
        "kind": "to_cao",
        "received_on": local_today().isoformat(),
        "channel": "buu_chinh",
        "addressed_level": "tinh",
        "confidentiality": "thuong",
        "p_name": ["Trần Thị Bình", ""],
        "p_address": ["Tổ 5, phường Trần Hưng Đạo", ""],
        "p_id": ["034190001234", ""],
        "p_phone": ["0987654321", ""],
        "respondent": "Ông Lê Văn C, cán bộ địa chính xã",
        "summary": "Tố cáo ông Lê Văn C nhận tiền của bà Trần Thị Bình để làm sổ đỏ.",
    }
    data.update(fields)
    return client.post("/petitions/new", data=data, content_type="multipart/form-data")


def test_register_with_a_scanned_letter_and_see_the_petition(
    client, world: World, corpus: Path
) -> None:
    token = _login(client, "vanthu")
    scan = sorted((corpus / "files").glob("*.scan.pdf"))[0]
    with scan.open("rb") as letter:
        response = _register(client, token, letter=(letter, scan.name))
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    petition = world.session.scalars(select(Petition)).one()
    assert petition.register_no == f"1/{local_today().year}"
    assert petition.state == State.RECEIVED and petition.due_rule == "T1"
    assert petition.due_on.strftime("%d/%m/%Y") in html and "LTC Điều 24(1)" in html
    link = world.session.scalars(select(PetitionDocument)).one()
    letter_doc = world.session.get(Document, link.document_id)
    assert (link.role, letter_doc.filename) == ("letter", scan.name)
    assert letter_doc.confidentiality == "mat"  # a denunciation's letter (LTC Art. 56)
    # The clerk registered it but may not know a denouncer's identity afterwards.
    assert "Trần Thị Bình" not in html
    assert "được giữ bí mật" in html
    assert "Tố cáo ông Lê Văn C nhận tiền của bà […] để làm sổ đỏ." in html
    assert f'action="/petitions/{petition.id}/steps/triage"' in html


def test_leader_sees_the_identity_and_it_is_audited(client, world: World) -> None:
    token = _login(client, "lanhdao")
    response = _register(client, token)
    petition_id = int(response.headers["Location"].rsplit("/", 1)[1])
    html = client.get(f"/petitions/{petition_id}").get_data(as_text=True)
    assert "Trần Thị Bình" in html and "034190001234" in html
    audits = world.session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_id == str(petition_id))
    ).all()
    assert {"petition.create", "petition.view", "petition.identity.view"} <= set(audits)


def test_petitioner_names_are_escaped_everywhere(client, world: World) -> None:
    token = _login(client, "lanhdao")
    response = _register(
        client,
        token,
        kind="kien_nghi",
        p_name=[XSS, ""],
        summary=f"Kiến nghị {XSS}",
        respondent=XSS,
    )
    location = response.headers["Location"]
    for page in (location, "/petitions/", f"/api/v1/petitions/{location.rsplit('/', 1)[1]}"):
        body = client.get(page).get_data(as_text=True)
        assert XSS not in body, page
    assert "&lt;script&gt;" in client.get(location).get_data(as_text=True)


def test_register_form_keeps_input_and_lists_every_problem(client, world: World) -> None:
    token = _login(client, "vanthu")
    response = _register(
        client,
        token,
        summary="",
        p_name=["", ""],
        p_address=["", ""],
        p_id=["", ""],
        p_phone=["", ""],
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Thiếu tóm tắt nội dung đơn." in html
    assert "Cần ít nhất một người gửi đơn" in html
    assert "Ông Lê Văn C, cán bộ địa chính xã" in html  # what was typed is still there
    assert world.session.scalar(select(func.count(Petition.id))) == 0


def test_steps_from_the_page_with_refusals(client, world: World) -> None:
    token = _login(client, "vanthu")
    location = _register(client, token, kind="khieu_nai").headers["Location"]
    petition_id = int(location.rsplit("/", 1)[1])
    triage = client.post(
        f"{location}/steps/triage",
        data={"csrf_token": token, "competent_level": "tinh", "competent_self": "1"},
    )
    assert triage.status_code == 303
    refused = client.post(f"{location}/steps/accept", data={"csrf_token": token})
    assert refused.status_code == 403
    assert "Bạn không có quyền «Thụ lý»" in refused.get_data(as_text=True)
    denied = world.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "petition.accept", AuditEvent.outcome == "denied"
        )
    ).all()
    assert len(denied) == 1
    illegal = client.post(f"{location}/steps/decide", data={"csrf_token": token})
    assert illegal.status_code == 409
    assert "Không thể «Ra quyết định giải quyết» khi đơn đang ở trạng thái «Đang xử lý đơn»" in (
        illegal.get_data(as_text=True)
    )
    client.post("/logout", data={"csrf_token": token})
    token = _login(client, "lanhdao")
    accepted = client.post(f"{location}/steps/accept", data={"csrf_token": token})
    assert accepted.status_code == 303
    world.session.expire_all()
    petition = world.session.get(Petition, petition_id)
    assert petition.state == State.ACCEPTED and petition.due_rule == "K3"
    html = client.get(location).get_data(as_text=True)
    assert "Đã ghi nhận: Thụ lý" in html and "LKN Điều 28" in html


def test_verifier_copy_removes_the_identity(client, world: World) -> None:
    token = _login(client, "lanhdao")
    location = _register(client, token).headers["Location"]
    copy = client.get(f"{location}/verifier-copy")
    text = copy.get_data(as_text=True)
    assert copy.status_code == 200 and "attachment" in copy.headers["Content-Disposition"]
    assert "Trần Thị Bình" not in text and "0987654321" not in text and "034190001234" not in text
    assert "Tố cáo ông Lê Văn C nhận tiền của bà […] để làm sổ đỏ." in text
    assert "Điều 56" in text
    client.post("/logout", data={"csrf_token": token})
    _login(client, "vanthu")
    assert client.get(f"{location}/verifier-copy").status_code == 403


def test_another_body_cannot_see_the_petition(client, world: World) -> None:
    token = _login(client, "lanhdao")
    location = _register(client, token).headers["Location"]
    client.post("/logout", data={"csrf_token": token})
    _login(client, "congan")
    assert client.get(location).status_code == 404
    assert "Tố cáo ông Lê Văn C" not in client.get("/petitions/").get_data(as_text=True)


def _listed(client, query: str) -> str:
    html = client.get(f"/petitions/?{query}").get_data(as_text=True)
    return html[html.index("<tbody>") : html.index("</tbody>")]


def test_list_filters(client, world: World) -> None:
    token = _login(client, "lanhdao")
    _register(client, token, register_no="TC-1")
    _register(client, token, register_no="KN-1", kind="kien_nghi", summary="Kiến nghị sửa đường")
    by_kind = _listed(client, "kind=kien_nghi")
    assert "KN-1" in by_kind and "TC-1" not in by_kind
    assert "TC-1" in _listed(client, "q=Tran+Thi+Binh")  # a leader may search by a name
    assert "TC-1" in _listed(client, "due=open")
    assert "TC-1" not in _listed(client, "due=near")  # T1: 7 working days, not near yet
    assert "TC-1" not in _listed(client, "due=overdue")
    client.post("/logout", data={"csrf_token": token})
    _login(client, "vanthu")
    assert "TC-1" not in _listed(client, "q=Tran+Thi+Binh")
    assert "TC-1" in _listed(client, "q=TC-1")


def test_calendar_is_edited_by_administrators_only(client, world: World, db) -> None:
    from tests.support.auth import login
    from tests.support.auth import make_user as make_account

    admin = make_account(db, "quantri", roles=("administrator",), totp=True)
    token = _login(client, "lanhdao")
    refused = client.post(
        "/calendar/", data={"csrf_token": token, "day": "2027-01-30", "working": "1", "note": "x"}
    )
    assert refused.status_code == 403
    client.post("/logout", data={"csrf_token": token})
    login(client, admin)  # administrators sign in with a second factor
    token = _csrf(client.get("/calendar/").get_data(as_text=True))
    saved = client.post(
        "/calendar/",
        data={"csrf_token": token, "day": "2027-01-30", "working": "1", "note": "Làm bù Tết 2027"},
    )
    assert saved.status_code == 303
    assert world.session.get(CalendarDay, date(2027, 1, 30)).working is True
    page = client.get("/calendar/?year=2027").get_data(as_text=True)
    assert "30/01/2027" in page and "Làm bù Tết 2027" in page and "Tết Nguyên Đán" in page
    assert client.post("/calendar/2027-01-30/delete", data={"csrf_token": token}).status_code == 303
    assert world.session.get(CalendarDay, date(2027, 1, 30)) is None


def test_english_pages_and_messages(client, world: World) -> None:
    token = _login(client, "lanhdao")
    client.post("/locale/en", data={"csrf_token": token})
    location = _register(client, token, kind="khieu_nai").headers["Location"]
    assert "Petition register" in client.get("/petitions/").get_data(as_text=True)
    refused = client.post(f"{location}/steps/decide", data={"csrf_token": token})
    assert (
        "Cannot “Decide” while the petition is “Registered”. This step is only possible in: "
        "Verifying, Dialogue." in refused.get_data(as_text=True)
    )
