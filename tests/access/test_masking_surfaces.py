"""A registered denunciation letter on the surfaces an outside review of issue 13 found
showing its denouncer: a case's list of documents, the reasons of its file versions, the
reply to a duplicate upload, and the audit entries of searches whose hits include it. Each
shows the letter masked, like the document itself, to all who do not handle the
denunciation (docs/access-policy.md, "Documents of a denunciation")."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import date

import pytest

from indexer import pipeline
from tests.access.actors import Actor, Actors
from tests.access.test_audit_identity import _auditor
from tests.access.test_denouncer_identity import ID_NUMBER, LETTER, NAME, PHONE
from tests.access.test_recognised_letters import _attach, _case, _letter, _web

pytestmark = pytest.mark.services

FILE_NAME = "Don_to_cao_Do_Van_Quyllen.txt"
SURNAME = "Quyllen"


@pytest.fixture
def actors(db, client) -> Iterator[Actors]:
    yield Actors(db, client)


def _registered(actors: Actors, leader: Actor, name: str = FILE_NAME) -> int:
    """A letter uploaded under its denouncer's name, its subject corrected to name him, then
    registered by a denunciation recording him as the letter gives him (name, ID, phone)."""
    document_id = _letter(actors, leader, name)
    assert pipeline.parse(document_id)
    subject = {"subject": f"Đơn tố cáo của ông {NAME} về giao đất"}
    fixed = actors.patch(leader, f"/api/v1/documents/{document_id}", subject)
    assert fixed.status_code == 200, fixed.get_data(as_text=True)
    registered = actors.post(
        leader,
        "/api/v1/petitions",
        {
            "kind": "to_cao",
            "received_on": date.today().isoformat(),
            "summary": f"Ông {NAME} tố cáo sai phạm giao đất",
            "respondent": "Chủ tịch UBND xã",
            "petitioners": [{"name": NAME, "id_number": ID_NUMBER, "phone": PHONE}],
            "document_ids": [document_id],
        },
    )
    assert registered.status_code == 201, registered.get_data(as_text=True)
    return document_id


def test_the_case_documents_list_masks_the_letter_for_another_body(actors: Actors, app) -> None:
    """The police coordinate in the case the letter is attached to: they read it masked, in
    the case's list of documents (API and page) as on the document itself."""
    leader = actors.make("lanh_dao_ms1", "thanh_tra", "leader", "mat")
    police = actors.make("can_bo_ms1", "cong_an", "officer", "mat")
    document_id = _registered(actors, leader)
    case_id = _case(actors, leader, "VV-MS-1", ["cong_an"])
    assert _attach(actors, leader, case_id, document_id).status_code == 200
    own = actors.get(police, f"/api/v1/documents/{document_id}")
    assert own.status_code == 200
    assert SURNAME not in own.get_data(as_text=True)

    listed = actors.get(police, f"/api/v1/cases/{case_id}/documents")
    page = _web(app, police).get(f"/cases/{case_id}")

    assert listed.status_code == 200 and page.status_code == 200
    assert document_id in [d["id"] for d in listed.get_json()["documents"]]
    assert SURNAME not in listed.get_data(as_text=True), listed.get_json()
    assert SURNAME not in page.get_data(as_text=True)
    # The leader handling it reads the list as written.
    mine = actors.get(leader, f"/api/v1/cases/{case_id}/documents")
    assert SURNAME in mine.get_data(as_text=True)


def test_a_version_reason_is_masked_for_a_non_handler(actors: Actors, app) -> None:
    """A new version's reason names the denouncer: the version list (API and page) shows it
    masked to a colleague who reads the letter masked."""
    leader = actors.make("lanh_dao_ms2", "thanh_tra", "leader", "mat")
    clerk = actors.make("van_thu_ms2", "thanh_tra", "clerk", "mat")
    document_id = _registered(actors, leader)
    added = actors.client.post(
        f"/api/v1/documents/{document_id}/versions",
        data={
            "file": (io.BytesIO((LETTER + "Đã ký.\n").encode()), "ban_ky.txt"),
            "reason": f"Bản có chữ ký của ông {NAME}, SĐT 0987.654.321",
        },
        headers=leader.headers,
        content_type="multipart/form-data",
    )
    assert added.status_code == 201, added.get_data(as_text=True)

    api = actors.get(clerk, f"/api/v1/documents/{document_id}/versions")
    page = _web(app, clerk).get(f"/documents/{document_id}").get_data(as_text=True)

    assert api.status_code == 200
    assert len(api.get_json()["versions"]) == 2
    for shown in (api.get_data(as_text=True), page):
        assert SURNAME not in shown
        assert "654.321" not in shown
    # The leader handling it reads the reason as written.
    mine = actors.get(leader, f"/api/v1/documents/{document_id}/versions")
    assert SURNAME in mine.get_data(as_text=True)


def test_a_duplicate_upload_reply_masks_the_file_name(actors: Actors, app) -> None:
    """A colleague of the owning body, not handling the denunciation, uploads the same file:
    the reply names the document held already by its stored file name, masked (API, and
    the web upload's JSON and page)."""
    leader = actors.make("lanh_dao_ms3", "thanh_tra", "leader", "mat")
    officer = actors.make("can_bo_ms3", "thanh_tra", "officer", "mat")
    document_id = _registered(actors, leader)
    seen = actors.get(officer, f"/api/v1/documents/{document_id}")
    assert seen.status_code == 200 and SURNAME not in seen.get_data(as_text=True)

    again = actors.upload(officer, LETTER.encode(), "scan.txt", confidentiality="mat")

    assert again.status_code in (200, 201), again.get_data(as_text=True)
    assert again.get_json()["duplicate"] is True
    assert again.get_json()["id"] == document_id
    assert SURNAME not in again.get_data(as_text=True), again.get_json()
    web = _web(app, officer)
    token = re.search(
        r'name="csrf_token" value="([^"]+)"', web.get("/documents/upload").get_data(as_text=True)
    )
    for accept in ("application/json", "text/html"):
        reply = web.post(
            "/documents/upload",
            data={
                "files": (io.BytesIO(LETTER.encode()), "scan.txt"),
                "confidentiality": "mat",
                "csrf_token": token.group(1) if token else "",
            },
            headers={"Accept": accept},
            content_type="multipart/form-data",
        )
        assert reply.status_code == 200, reply.get_data(as_text=True)[:500]
        assert SURNAME not in reply.get_data(as_text=True)


def test_the_auditor_does_not_read_the_name_a_handler_searched_for(
    actors: Actors, app, search_engine, hoso_settings
) -> None:
    """The leader handling the denunciation searches by the denouncer's name and number and
    finds the letter. The commission's auditor, who does not handle it, reads the log: the
    search entries, whose hits include the letter, show the query masked (page, API, CSV)."""
    leader = actors.make("lanh_dao_ms4", "thanh_tra", "leader", "mat")
    document_id = _registered(actors, leader)
    assert pipeline.index([document_id]) == [document_id]
    search_engine.refresh(hoso_settings.index_alias)
    found = actors.get(leader, f"/api/v1/search?q={NAME}")
    assert found.status_code == 200, found.get_data(as_text=True)
    assert document_id in [hit["id"] for hit in found.get_json()["hits"]]
    actors.get(leader, f"/api/v1/search?q={PHONE}")
    auditor = _auditor(actors, "kiem_tra_ms4", "noi_chinh", ["auditor"])

    events = actors.get(auditor, "/api/v1/audit").get_json()["events"]
    shown = json.dumps(events, ensure_ascii=False)
    page = _web(app, auditor).get("/audit/").get_data(as_text=True)
    csv = _web(app, auditor).get("/audit/export.csv").get_data(as_text=True)

    assert any(e["action"] == "search" for e in events)
    for surface in (shown, page, csv):
        assert SURNAME not in surface
        assert PHONE not in surface
    # An auditor who also leads the receiving body handles it, and reads the query as typed.
    handler = _auditor(actors, "lanh_dao_kiem_tra_ms4", "thanh_tra", ["leader", "auditor"])
    own = json.dumps(actors.get(handler, "/api/v1/audit").get_json(), ensure_ascii=False)
    assert NAME in own and PHONE in own


def test_after_a_share_the_other_body_reads_no_name_anywhere(
    actors: Actors, app, search_engine, hoso_settings
) -> None:
    """The letter shared with the police by its leader: notifications, search hits,
    suggestions, the document page, the desk and the bulk CSV export of a police officer."""
    leader = actors.make("lanh_dao_ms5", "thanh_tra", "leader", "mat")
    police = actors.make("can_bo_ms5", "cong_an", "officer", "mat")
    document_id = _registered(actors, leader)
    shared = actors.patch(leader, f"/api/v1/documents/{document_id}", {"shared_with": ["cong_an"]})
    assert shared.status_code == 200
    assert pipeline.index([document_id]) == [document_id]
    search_engine.refresh(hoso_settings.index_alias)
    web = _web(app, police)
    desk = web.get("/")
    token = re.search(r'name="csrf_token" value="([^"]+)"', desk.get_data(as_text=True))
    surfaces = {
        "notifications": actors.get(police, "/api/v1/notifications").get_data(as_text=True),
        "search": actors.get(police, "/api/v1/search?q=giao đất").get_data(as_text=True),
        "suggest": actors.get(police, "/api/v1/suggest?q=Don to cao").get_data(as_text=True),
        "page": web.get(f"/documents/{document_id}").get_data(as_text=True),
        "desk": desk.get_data(as_text=True),
        "export": web.post(
            "/documents/bulk",
            data={
                "action": "export",
                "ids": str(document_id),
                "csrf_token": token.group(1) if token else "",
            },
        ).get_data(as_text=True),
    }
    assert document_id in [h["id"] for h in json.loads(surfaces["search"])["hits"]]
    leaking = [name for name, shown in surfaces.items() if SURNAME in shown]
    assert leaking == []


def test_the_trash_names_the_letter_masked_to_those_not_handling_it(
    actors: Actors, app, db
) -> None:
    """A trashed letter is listed on the trash page of its body's editors and of every
    administrator: those not handling the denunciation read its file name masked."""
    from records.models import Document, User
    from records.retention import trash

    leader = actors.make("lanh_dao_ms6", "thanh_tra", "leader", "mat")
    officer = actors.make("can_bo_ms6", "thanh_tra", "officer", "mat")
    document_id = _registered(actors, leader)
    with db.session() as session:
        trash.move_to_trash(
            session, session.get(User, leader.id), session.get(Document, document_id), "Trùng"
        )

    page = _web(app, officer).get("/retention/trash").get_data(as_text=True)
    assert f'data-id="{document_id}"' in page
    assert SURNAME not in page
    handler_page = _web(app, leader).get("/retention/trash").get_data(as_text=True)
    assert SURNAME in handler_page  # the handler reads it as written
