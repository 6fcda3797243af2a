"""Sequences an outside review of the unregistered-letter rule tried, which the rule holds
against: widening or transferring an own-body case, and marking a document a letter."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from indexer import pipeline
from tests.access.actors import Actors
from tests.access.test_recognised_letters import _attach, _case, _letter

pytestmark = pytest.mark.services


@pytest.fixture
def actors(db, client) -> Iterator[Actors]:
    yield Actors(db, client)


def test_widening_or_transferring_an_own_case_does_not_hand_the_letter_on(
    actors: Actors,
) -> None:
    leader = actors.make("lanh_dao_rs1", "thanh_tra", "leader", "mat")
    police = actors.make("lanh_dao_rs1b", "cong_an", "leader", "mat")
    document_id = _letter(actors, leader, "don_rs1.txt")
    assert pipeline.parse(document_id)
    case_id = _case(actors, leader, "VV-RS-1", [])
    assert _attach(actors, leader, case_id, document_id).status_code == 200

    widened = actors.patch(leader, f"/api/v1/cases/{case_id}", {"agencies": ["cong_an"]})
    sent = actors.post(
        leader,
        f"/api/v1/cases/{case_id}/transfers",
        {
            "to_agency": "cong_an", "legal_basis": "khac", "legal_basis_text": "x",
            "sent_date": date.today().isoformat(), "documents": [str(document_id)],
        },
    )  # fmt: skip

    assert widened.status_code in (403, 422), widened.get_data(as_text=True)
    assert sent.status_code in (403, 422), sent.get_data(as_text=True)
    assert sent.json["error"] == "document.letter_kept"  # what holds it, not who owns it
    assert actors.get(police, f"/api/v1/documents/{document_id}").status_code == 404


def test_marking_a_document_a_letter_withdraws_what_was_shared_and_keeps_it(
    actors: Actors,
) -> None:
    """A person who finds a denouncer named in a document the parser did not type as a
    letter marks it one: what was shared meanwhile is withdrawn, and the mark stays until a
    petition registers it."""
    leader = actors.make("lanh_dao_rs2", "thanh_tra", "leader", "mat")
    police = actors.make("lanh_dao_rs2b", "cong_an", "leader", "mat")
    text = "Số: 5/TTr\nV/v phản ánh của ông Đỗ Văn Quyllen về sai phạm giao đất.\n"
    uploaded = actors.upload(leader, text.encode(), "cv_rs2.txt", confidentiality="mat")
    document_id = uploaded.get_json()["id"]
    assert pipeline.parse(document_id)
    assert actors.document(document_id).doc_type != "don_to_cao"
    shared_case = _case(actors, leader, "VV-RS-2", ["cong_an"])
    path = f"/api/v1/documents/{document_id}"
    assert actors.patch(leader, path, {"shared_with": ["cong_an"]}).status_code == 200
    assert _attach(actors, leader, shared_case, document_id).status_code == 200

    assert actors.patch(leader, path, {"doc_type": "don_to_cao"}).status_code == 200

    assert actors.document(document_id).shared_with == []
    assert actors.get(police, path).status_code == 404
    assert actors.patch(leader, path, {"doc_type": "cong_van"}).status_code == 422
