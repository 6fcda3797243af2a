"""A denouncer's name in the audit log (an outside review of issue 13): the entries that name
a denunciation's document — its upload, its detaching from a case, its corrections — carry
its file name and fields, which name the denouncer. The commission's auditor reads every
body's entries, so the log shows them masked, like the document, to all who do not handle
the denunciation; those who do read them as written (docs/access-policy.md, "Documents of a
denunciation")."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from indexer import pipeline
from records import accounts, tokens
from tests.access.actors import Actor, Actors
from tests.access.test_denouncer_identity import NAME
from tests.access.test_recognised_letters import _attach, _case, _letter, _register, _web
from tests.support.auth import PASSWORD

pytestmark = pytest.mark.services

FILE_NAME = "Don_to_cao_Do_Van_Quyllen.txt"
#: The entries that name the letter with words the denouncer may be named by.
NAMING = ("document.upload", "case.detached", "document.correct")


@dataclass(frozen=True)
class Trail:
    leader: Actor
    document_id: int
    case_id: int


@pytest.fixture
def actors(db, client) -> Iterator[Actors]:
    yield Actors(db, client)


@pytest.fixture
def trail(actors: Actors) -> Trail:
    """A letter uploaded under its denouncer's name, detached by parsing from a case another
    body sees, its subject corrected, then registered by a denunciation."""
    leader = actors.make("lanh_dao_au", "thanh_tra", "leader", "mat")
    document_id = _letter(actors, leader, FILE_NAME)
    case_id = _case(actors, leader, "VV-AU-1", ["cong_an"])
    assert _attach(actors, leader, case_id, document_id).status_code == 200
    assert pipeline.parse(document_id)
    subject = {"subject": f"Đơn tố cáo của ông {NAME} về giao đất"}
    corrected = actors.patch(leader, f"/api/v1/documents/{document_id}", subject)
    assert corrected.status_code == 200, corrected.get_data(as_text=True)
    _register(actors, leader, document_id)
    return Trail(leader, document_id, case_id)


def _auditor(actors: Actors, username: str, agency: str, roles: list[str]) -> Actor:
    with actors.db.session() as session:
        user = accounts.create_user(
            session, username=username, agency_code=agency, roles=roles, clearance="mat",
            password=PASSWORD, actor=None,
        )  # fmt: skip
        _, raw = tokens.issue(session, user, "test", scope="read")
        headers = {"Authorization": f"Bearer {raw}"}
        return Actor(user.id, username, agency, tuple(roles), "mat", headers)


Surface = Callable[[Actors, object, Actor], str]

SURFACES: dict[str, Surface] = {
    "page": lambda actors, app, who: _web(app, who).get("/audit/").get_data(as_text=True),
    "API": lambda actors, app, who: json.dumps(
        actors.get(who, "/api/v1/audit").get_json(), ensure_ascii=False
    ),
    "CSV export": lambda actors, app, who: (
        _web(app, who).get("/audit/export.csv").get_data(as_text=True)
    ),
}


@pytest.mark.parametrize("surface", SURFACES, ids=str)
def test_the_commission_auditor_reads_the_entries_masked(
    actors: Actors, app, trail: Trail, surface: str
) -> None:
    auditor = _auditor(actors, "kiem_tra_au", "noi_chinh", ["auditor"])

    shown = SURFACES[surface](actors, app, auditor)

    assert all(action in shown for action in NAMING), shown
    assert "Don_to_cao_[…].txt" in shown
    assert "Quyllen" not in shown


@pytest.mark.parametrize("surface", SURFACES, ids=str)
def test_a_leader_of_the_receiving_body_reads_the_entries_as_written(
    actors: Actors, app, trail: Trail, surface: str
) -> None:
    """Roles add up: an auditor who also leads the body that received the denunciation
    handles it, and reads the trail intact."""
    auditor = _auditor(actors, "lanh_dao_kiem_tra_au", "thanh_tra", ["leader", "auditor"])

    shown = SURFACES[surface](actors, app, auditor)

    assert FILE_NAME in shown
    assert NAME in shown


def test_the_case_timeline_shows_the_letter_masked_to_another_body(
    actors: Actors, app, trail: Trail
) -> None:
    """The case's own history carries the same detail as its audit entries: once registered,
    the letter may be attached to a case another body sees, which reads it masked."""
    police = actors.make("can_bo_au", "cong_an", "officer", "mat")
    attached = _attach(actors, trail.leader, trail.case_id, trail.document_id)
    assert attached.status_code == 200, attached.get_data(as_text=True)

    page = _web(app, police).get(f"/cases/{trail.case_id}").get_data(as_text=True)
    api = actors.get(police, f"/api/v1/cases/{trail.case_id}/timeline").get_json()

    for shown in (page, json.dumps(api, ensure_ascii=False)):
        assert "Don_to_cao_[…].txt" in shown
        assert "Quyllen" not in shown
