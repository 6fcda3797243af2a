"""What releases a recognised denunciation letter, and what does not (issue 13, an outside
tester's findings F5–F7; docs/access-policy.md, "Recognised denunciations"): a redacted copy
is held with its unregistered original, and only a denunciation petition naming the
letter's denouncer registers the letter — an anonymous one, or one naming someone else,
masks nothing the letter says of its denouncer."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from indexer import pipeline
from records.models import DocumentRedaction
from tests.access.actors import Actor, Actors
from tests.access.test_denouncer_identity import LETTER, NAME
from tests.access.test_recognised_letters import _attach, _case, _letter, _web

pytestmark = pytest.mark.services


@pytest.fixture
def actors(db, client) -> Iterator[Actors]:
    yield Actors(db, client)


def _csrf_post(client, url: str, data: dict):
    page = client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    fields = dict(data)
    if token:
        fields["csrf_token"] = token.group(1)
    return client.post(url, data=fields)


def _petition(actors: Actors, who: Actor, document_id: int, petitioners: list, **extra):
    return actors.post(
        who,
        "/api/v1/petitions",
        {
            "kind": "to_cao", "received_on": date.today().isoformat(),
            "summary": "Tố cáo sai phạm giao đất", "respondent": "Chủ tịch UBND xã",
            "petitioners": petitioners, "document_ids": [document_id], **extra,
        },
    )  # fmt: skip


def _prefilled_name(app, who: Actor, document_id: int) -> str:
    """The petitioner's name the register's form is filled with from the letter."""
    page = _web(app, who).get(f"/petitions/new?document={document_id}")
    assert page.status_code == 200, page.status_code
    field = re.search(r'name="p_name"[^>]*value="([^"]*)"', page.get_data(as_text=True))
    assert field
    return html.unescape(field.group(1))


def _shares(actors: Actors, who: Actor, document_id: int) -> int:
    return actors.patch(
        who, f"/api/v1/documents/{document_id}", {"shared_with": ["cong_an"]}
    ).status_code


def test_a_redacted_copy_of_an_unregistered_letter_is_held_with_it(actors: Actors, app) -> None:
    """F5: a copy made without bodies (allowed) that hides nothing, parsed and not typed a
    letter, was shared by the ordinary PATCH a moment later and the police read the name.
    The copy is held as long as its original is unregistered, then released with it and
    read masked by the others like its original."""
    from tests.support.pdfs import lines_pdf

    leader = actors.make("lanh_dao_rl1", "thanh_tra", "leader", "mat")
    police = actors.make("lanh_dao_rl1b", "cong_an", "leader", "mat")
    pdf = lines_pdf([[(60, b"Nguoi viet don: Do Van Quyllen, CCCD 001188002345"),
                      (120, b"Noi dung: sai pham giao dat")]])  # fmt: skip
    document_id = actors.upload(leader, pdf, "don_rl1.pdf", confidentiality="mat").get_json()["id"]
    assert pipeline.parse(document_id)
    marked = actors.patch(leader, f"/api/v1/documents/{document_id}", {"doc_type": "don_to_cao"})
    assert marked.status_code == 200
    assert _shares(actors, leader, document_id) == 403

    made = _csrf_post(
        _web(app, leader),
        f"/documents/{document_id}/redact",
        {"regions": "1 90 90 5 5", "reason": "Bản che"},  # a corner: nothing hidden
    )
    assert made.status_code == 303, made.get_data(as_text=True)
    with actors.db.session() as session:
        copy_id = session.scalar(
            select(DocumentRedaction.copy_id).where(DocumentRedaction.original_id == document_id)
        )
    assert copy_id is not None
    pipeline.parse(copy_id)  # parsing does not release it either
    assert actors.document(copy_id).doc_type != "don_to_cao"

    assert _shares(actors, leader, copy_id) == 403
    assert actors.get(police, f"/api/v1/documents/{copy_id}/text").status_code == 404
    assert actors.document(copy_id).shared_with == []

    # Registered from the form filled from the letter: the copy goes with its original,
    # and the other body reads it masked like the original.
    name = _prefilled_name(app, leader, document_id) or NAME  # parsing read no name here
    registered = _petition(actors, leader, document_id, [{"name": name}])
    assert registered.status_code == 201, registered.get_data(as_text=True)
    assert _shares(actors, leader, copy_id) == 200
    text = actors.get(police, f"/api/v1/documents/{copy_id}/text")
    assert text.status_code == 200
    assert "Quyllen" not in text.get_data(as_text=True)


def test_an_anonymous_denunciation_does_not_register_the_letter(actors: Actors) -> None:
    """F6: a denunciation petition naming no petitioner masks nothing, so the letter stays
    with its body (the police read the name, ID and phone before)."""
    leader = actors.make("lanh_dao_rl2", "thanh_tra", "leader", "mat")
    police = actors.make("can_bo_rl2", "cong_an", "officer", "mat")
    document_id = _letter(actors, leader, "don_rl2.txt")
    assert pipeline.parse(document_id)
    registered = _petition(actors, leader, document_id, [], anonymous=True)
    assert registered.status_code == 201, registered.get_data(as_text=True)

    assert _shares(actors, leader, document_id) == 403
    assert actors.get(police, f"/api/v1/documents/{document_id}/text").status_code == 404
    assert actors.document(document_id).shared_with == []


def test_a_petition_naming_another_person_does_not_register_the_letter(actors: Actors, app) -> None:
    """F7: the petition names someone other than the letter's denouncer; masking follows
    the petition, so the letter stays kept — until its denouncer is named, however spelt
    (case and diacritics aside)."""
    leader = actors.make("lanh_dao_rl3", "thanh_tra", "leader", "mat")
    police = actors.make("can_bo_rl3", "cong_an", "officer", "mat")
    document_id = _letter(actors, leader, "don_rl3.txt")
    assert pipeline.parse(document_id)
    assert _prefilled_name(app, leader, document_id) == NAME
    wrong = _petition(actors, leader, document_id, [{"name": "Nguyễn Văn Tèo"}])
    assert wrong.status_code == 201, wrong.get_data(as_text=True)
    assert _shares(actors, leader, document_id) == 403
    assert actors.get(police, f"/api/v1/documents/{document_id}/text").status_code == 404

    other = actors.upload(leader, (LETTER + "\n").encode(), "don_rl3b.txt", confidentiality="mat")
    other_id = other.get_json()["id"]
    assert pipeline.parse(other_id)
    right = _petition(actors, leader, other_id, [{"name": "ĐỖ VAN  quyllen"}])
    assert right.status_code == 201, right.get_data(as_text=True)
    assert _shares(actors, leader, other_id) == 200
    text = actors.get(police, f"/api/v1/documents/{other_id}/text")
    assert text.status_code == 200 and "Quyllen" not in text.get_data(as_text=True)


# --- sequences that already held (kept as regressions) --------------------------------------
def test_bulk_share_and_level_of_an_unregistered_letter_hold(actors: Actors, app) -> None:
    leader = actors.make("lanh_dao_rl4", "thanh_tra", "leader", "mat")
    police = actors.make("can_bo_rl4", "cong_an", "officer", "mat")
    document_id = _letter(actors, leader, "don_rl4.txt")
    assert pipeline.parse(document_id)
    web = _web(app, leader)
    _csrf_post(
        web, "/documents/bulk",
        {"action": "share", "ids": str(document_id), "agencies": "cong_an"},
    )  # fmt: skip
    _csrf_post(
        web, "/documents/bulk",
        {"action": "level", "ids": str(document_id), "level": "thuong"},
    )  # fmt: skip
    document = actors.document(document_id)
    assert document.shared_with == [] and document.confidentiality == "mat"
    assert actors.get(police, f"/api/v1/documents/{document_id}").status_code == 404


def test_widening_or_transferring_a_case_holding_the_letter_holds(actors: Actors) -> None:
    leader = actors.make("lanh_dao_rl5", "thanh_tra", "leader", "mat")
    police = actors.make("can_bo_rl5", "cong_an", "officer", "mat")
    document_id = _letter(actors, leader, "don_rl5.txt")
    assert pipeline.parse(document_id)
    case_id = _case(actors, leader, "VV-RL-5", [])
    assert _attach(actors, leader, case_id, document_id).status_code == 200
    widened = actors.patch(leader, f"/api/v1/cases/{case_id}", {"agencies": ["cong_an"]})
    assert widened.status_code >= 400, widened.get_data(as_text=True)
    transfer = actors.post(
        leader,
        f"/api/v1/cases/{case_id}/transfers",
        {
            "to_agency": "cong_an", "legal_basis": "ltc_27_1",
            "sent_date": date.today().isoformat(), "documents": [str(document_id)],
        },
    )  # fmt: skip
    assert transfer.status_code >= 400
    assert actors.get(police, f"/api/v1/documents/{document_id}").status_code == 404
    assert actors.document(document_id).shared_with == []


def test_the_same_letter_uploaded_by_another_body_names_nothing(actors: Actors, app) -> None:
    """Another body uploads the same bytes: a neutral refusal naming nothing."""
    leader = actors.make("lanh_dao_rl6", "thanh_tra", "leader", "mat")
    police = actors.make("can_bo_rl6", "cong_an", "officer", "mat")
    document_id = _letter(actors, leader, "Don_Do_Van_Quyllen.txt")
    assert pipeline.parse(document_id)
    again = actors.upload(police, LETTER.encode(), "x.txt", confidentiality="mat")
    assert again.status_code == 409
    assert "Quyllen" not in again.get_data(as_text=True)
    assert str(document_id) not in again.get_json().get("error", "")
    assert NAME not in _web(app, police).get("/documents/status").get_data(as_text=True)
