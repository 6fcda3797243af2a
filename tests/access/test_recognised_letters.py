"""A letter hoso recognises as a denunciation (Đơn tố cáo) and no petition has registered yet
stays with its own body (issue 13; docs/access-policy.md, "Recognised denunciations"): no
share with another body, no attachment to a case another body sees, until a petition
registers it — then the rules of a denunciation's documents apply."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from indexer import pipeline
from records.models import AuditEvent, CaseDocument
from tests.access.actors import Actor, Actors
from tests.access.test_denouncer_identity import LETTER, NAME
from tests.support.auth import PASSWORD, Account, login

pytestmark = pytest.mark.services


@pytest.fixture
def actors(db, client) -> Iterator[Actors]:
    yield Actors(db, client)


def _letter(actors: Actors, who: Actor, name: str) -> int:
    response = actors.upload(who, LETTER.encode(), name, confidentiality="mat")
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["id"]


def _case(actors: Actors, who: Actor, code: str, coordinating: list[str]) -> int:
    response = actors.post(
        who,
        "/api/v1/cases",
        {"code": code, "title": f"Vụ việc {code}", "agencies": coordinating},
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["id"]


def _attach(actors: Actors, who: Actor, case_id: int, document_id: int):
    return actors.post(who, f"/api/v1/cases/{case_id}/documents", {"document": str(document_id)})


def _register(actors: Actors, who: Actor, document_id: int) -> None:
    response = actors.post(
        who,
        "/api/v1/petitions",
        {
            "kind": "to_cao", "received_on": date.today().isoformat(),
            "summary": f"Ông {NAME} tố cáo sai phạm giao đất", "respondent": "Chủ tịch UBND xã",
            "petitioners": [{"name": NAME}], "document_ids": [document_id],
        },
    )  # fmt: skip
    assert response.status_code == 201, response.get_data(as_text=True)


def _web(app, who: Actor):
    client = app.test_client()
    login(client, Account(who.id, who.username, PASSWORD))
    return client


def test_a_leader_may_not_share_a_recognised_letter_again(actors: Actors, app) -> None:
    leader = actors.make("lanh_dao_rl1", "thanh_tra", "leader", "mat")
    police = actors.make("can_bo_rl1", "cong_an", "officer", "mat")
    document_id = _letter(actors, leader, "don_rl1.txt")
    assert pipeline.parse(document_id)

    refused = actors.patch(leader, f"/api/v1/documents/{document_id}", {"shared_with": ["cong_an"]})

    assert refused.status_code == 403, refused.get_data(as_text=True)
    assert actors.document(document_id).shared_with == []
    assert actors.get(police, f"/api/v1/documents/{document_id}").status_code == 404
    page = _web(app, leader).get(f"/documents/{document_id}/edit").get_data(as_text=True)
    assert 'name="shared_with"' not in page  # the form offers no sharing


def test_a_recognised_letter_is_not_attached_to_a_case_another_body_sees(
    actors: Actors, app
) -> None:
    leader = actors.make("lanh_dao_rl2", "thanh_tra", "leader", "mat")
    police = actors.make("can_bo_rl2", "cong_an", "officer", "mat")
    document_id = _letter(actors, leader, "don_rl2.txt")
    assert pipeline.parse(document_id)
    shared_case = _case(actors, leader, "VV-RL-2", ["cong_an"])
    own_case = _case(actors, leader, "VV-RL-2B", [])

    refused = _attach(actors, leader, shared_case, document_id)

    assert refused.status_code == 403, refused.get_data(as_text=True)
    assert actors.get(police, f"/api/v1/documents/{document_id}").status_code == 404
    form = _web(app, leader).get(f"/cases/attach?document_id={document_id}")
    offered = form.get_data(as_text=True)
    assert "VV-RL-2B" in offered and "VV-RL-2<" not in offered
    assert _attach(actors, leader, own_case, document_id).status_code == 200


def test_parsing_detaches_a_letter_from_the_cases_of_other_bodies(actors: Actors, db) -> None:
    leader = actors.make("lanh_dao_rl3", "thanh_tra", "leader", "mat")
    police = actors.make("can_bo_rl3", "cong_an", "officer", "mat")
    document_id = _letter(actors, leader, "don_rl3.txt")
    shared_case = _case(actors, leader, "VV-RL-3", ["cong_an"])
    own_case = _case(actors, leader, "VV-RL-3B", [])
    for case_id in (shared_case, own_case):
        assert _attach(actors, leader, case_id, document_id).status_code == 200
    assert actors.get(police, f"/api/v1/documents/{document_id}").status_code == 200

    assert pipeline.parse(document_id)

    assert actors.get(police, f"/api/v1/documents/{document_id}").status_code == 404
    with db.session() as session:
        states = dict(
            session.execute(
                select(CaseDocument.case_id, CaseDocument.state).where(
                    CaseDocument.document_id == document_id
                )
            ).all()
        )
        detached = session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "case.detached", AuditEvent.object_id == str(shared_case)
            )
        ).all()
    assert states == {shared_case: "detached", own_case: "attached"}
    assert len(detached) == 1 and detached[0].level == "mat"


def test_once_a_petition_registers_the_letter_its_rules_apply(actors: Actors) -> None:
    leader = actors.make("lanh_dao_rl4", "thanh_tra", "leader", "mat")
    police = actors.make("can_bo_rl4", "cong_an", "officer", "mat")
    document_id = _letter(actors, leader, "don_rl4.txt")
    assert pipeline.parse(document_id)
    case_id = _case(actors, leader, "VV-RL-4", ["vien_kiem_sat"])
    _register(actors, leader, document_id)

    shared = actors.patch(leader, f"/api/v1/documents/{document_id}", {"shared_with": ["cong_an"]})
    attached = _attach(actors, leader, case_id, document_id)

    assert shared.status_code == 200, shared.get_data(as_text=True)
    assert attached.status_code == 200, attached.get_data(as_text=True)
    seen = actors.get(police, f"/api/v1/documents/{document_id}")
    assert seen.status_code == 200
    text = actors.get(police, f"/api/v1/documents/{document_id}/text").get_data(as_text=True)
    assert "Quyllen" not in text  # masked for those not handling the denunciation


def test_placing_its_case_under_monitoring_detaches_the_letter(actors: Actors) -> None:
    """Monitoring lets the commission see the case's documents: the letter leaves it."""
    leader = actors.make("lanh_dao_rl5", "thanh_tra", "leader", "mat")
    commission = actors.make("can_bo_rl5", "noi_chinh", "officer", "mat")
    document_id = _letter(actors, leader, "don_rl5.txt")
    assert pipeline.parse(document_id)
    case_id = _case(actors, leader, "VV-RL-5", [])
    assert _attach(actors, leader, case_id, document_id).status_code == 200

    placed = actors.post(
        leader,
        f"/api/v1/cases/{case_id}/monitoring",
        {"level": "bcd_tinh", "reason": "Theo chỉ đạo của Ban Chỉ đạo"},
    )

    assert placed.status_code == 200, placed.get_data(as_text=True)
    assert actors.get(commission, f"/api/v1/documents/{document_id}").status_code == 404
    listed = actors.get(leader, f"/api/v1/cases/{case_id}/documents").get_json()
    assert [(d["id"], d["state"], d["reason"]) for d in listed["documents"]] == [
        (document_id, "detached", "denunciation_protected")
    ]
