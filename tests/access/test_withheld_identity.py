"""A denouncer's identity in the authorisation matrix: every user × every place that shows a
denunciation or its letter. Those handling it (the assigned officer, the leaders of the
receiving body) read the name wherever they may read the object; nobody else ever does —
not on pages, in lists, the API, search hits, highlights or suggestions.

The expectations come from the world's plain facts (as in policy_table), not from
records.policy. The file name sorts after test_matrix: the denunciation it adds must not
change the counts the matrix checks.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

import pytest

from indexer import pipeline
from indexer.normalize import fold
from records.calendar import WorkingCalendar
from records.codes import CONFIDENTIALITY
from records.models import Agency, Document, DocumentPage, Petition, User
from records.petitions.context import Context
from records.petitions.documents import attach
from records.petitions.identity import PetitionerData
from records.petitions.register import Registration, register
from records.policy import (
    identity_engine_filter,
    identity_level,
    identity_readers,
    may_know_denouncers,
)
from tests.access.harness import Harness
from tests.access.policy_table import DocFacts, UserFacts, allowed_document
from tests.access.world import Principal

pytestmark = pytest.mark.services

NAME = "Trần Thị Bích Ngọc"
ID_NUMBER = "001234567890"
PHONE = "0912345678"
#: Folded pieces of the identity; none may appear (folded) in what a non-handler receives.
SECRETS = ("bich ngoc", ID_NUMBER, PHONE)
OWNER = "noi_chinh"
HANDLER = "officer-noichinh-mat"
REGISTRAR = "leader-noichinh-mat"
LETTER = DocFacts(owner=OWNER, level="mat", shared=frozenset({"thanh_tra", "cong_an"}))
READER_ROLES = {"administrator", "leader", "officer", "clerk", "viewer"}
NOTHING = {"bool": {"must_not": {"match_all": {}}}}


@dataclass(frozen=True)
class Denunciation:
    petition_id: int
    document_id: int


@pytest.fixture(scope="module")
def denunciation(harness: Harness) -> Iterator[Denunciation]:
    users = {p.key: p for p in harness.world.users}
    with harness.db.session() as session:
        registrar = session.get(User, users[REGISTRAR].id)
        ctx = Context(WorkingCalendar.load(session), date.today(), fold)
        petition = register(
            session,
            registrar,
            Registration(
                kind="to_cao",
                received_on=date.today(),
                channel="buu_chinh",
                summary=f"Bà {NAME} tố cáo sai phạm trong giao đất tại xã Hòa Bình",
                respondent="Chủ tịch UBND xã Hòa Bình",
                petitioners=[PetitionerData(NAME, "số 12 đường Lê Lợi", ID_NUMBER, PHONE)],
            ),
            ctx,
        )
        petition.handler_id = users[HANDLER].id
        agencies = {a.code: a for a in session.query(Agency)}
        text = (
            f"ĐƠN TỐ CÁO\nTôi là {NAME}, CCCD số {ID_NUMBER}, điện thoại {PHONE}.\n"
            "Tôi tố cáo Chủ tịch UBND xã Hòa Bình về sai phạm trong giao đất."
        )
        letter = Document(
            sha256="d" * 64,
            size=1,
            filename="Don to cao - Tran Thi Bich Ngoc.txt",
            status="parsed",
            kind="txt",
            confidentiality=LETTER.level,
            owner_agency=agencies[OWNER],
            shared_with=[agencies[code] for code in sorted(LETTER.shared)],
            subject=f"Đơn tố cáo của bà {NAME} về sai phạm giao đất",
            signer=NAME,
            pages=[DocumentPage(page_no=1, text=text, original=text)],
        )
        session.add(letter)
        session.flush()
        attach(session, registrar, petition, letter, "letter")
        session.commit()
        made = Denunciation(petition.id, letter.id)
    assert pipeline.index([made.document_id]) == [made.document_id]
    harness.engine.refresh(harness.settings.index_alias)
    yield made


# -- who may know, from the facts ------------------------------------------------------------
def handles(user: Principal) -> bool:
    """The assigned officer, or a leader of the receiving body (the petition is thường)."""
    facts = user.facts
    if not facts.active or not facts.roles & READER_ROLES or facts.agency != OWNER:
        return False
    return user.key == HANDLER or "leader" in facts.roles


def sees_petition(facts: UserFacts) -> bool:
    return facts.active and bool(facts.roles & READER_ROLES) and facts.agency == OWNER


def sees_letter(facts: UserFacts) -> bool:
    return allowed_document(facts, "see", LETTER)


# -- the places ----------------------------------------------------------------------------
def _html(response: Any) -> str:
    return response.get_data(as_text=True)


def _json(response: Any) -> str:
    return json.dumps(response.get_json(silent=True), ensure_ascii=False)


Place = Callable[[Harness, Principal, Denunciation], str]
#: The page echoes its query: the page is searched by what the letter is about; the API
#: (which does not) by the name itself.
TOPIC = quote("tố cáo giao đất")
QUERY = quote("Bích Ngọc")

PLACES: dict[str, tuple[Place, Callable[[UserFacts], bool]]] = {
    "petition page": (
        lambda h, u, d: _html(h.client(u).get(f"/petitions/{d.petition_id}")),
        sees_petition,
    ),
    "petition list": (lambda h, u, d: _html(h.client(u).get("/petitions/")), sees_petition),
    "petition API": (
        lambda h, u, d: _json(h.api(u, "GET", f"/api/v1/petitions/{d.petition_id}")),
        sees_petition,
    ),
    "petition list API": (
        lambda h, u, d: _json(h.api(u, "GET", "/api/v1/petitions")),
        sees_petition,
    ),
    "document page": (
        lambda h, u, d: _html(h.client(u).get(f"/documents/{d.document_id}")),
        sees_letter,
    ),
    "document API": (
        lambda h, u, d: _json(h.api(u, "GET", f"/api/v1/documents/{d.document_id}")),
        sees_letter,
    ),
    "document text API": (
        lambda h, u, d: _json(h.api(u, "GET", f"/api/v1/documents/{d.document_id}/text")),
        sees_letter,
    ),
    "document list": (
        lambda h, u, d: _html(h.client(u).get("/documents?status=indexed")),
        sees_letter,
    ),
    "search hits and highlights": (
        lambda h, u, d: _html(h.client(u).get(f"/search?q={TOPIC}")),
        sees_letter,
    ),
    "search API": (
        lambda h, u, d: _json(h.api(u, "GET", f"/api/v1/search?q={QUERY}")),
        sees_letter,
    ),
    # Suggestions never learn names: nobody, handler included, is offered one.
    "suggestions": (
        lambda h, u, d: _json(h.api(u, "GET", f"/api/v1/suggest?q={quote('Trần Thị Bích')}")),
        lambda facts: False,
    ),
}


def leaked(text: str) -> list[str]:
    folded = fold(text)
    return [secret for secret in SECRETS if secret in folded]


@pytest.mark.parametrize("place", PLACES, ids=str)
def test_identity_is_shown_to_those_handling_it_only(
    harness: Harness, denunciation: Denunciation, place: str
) -> None:
    render, reaches = PLACES[place]
    mismatches, readers = [], 0
    for user in harness.world.users:
        want = handles(user) and reaches(user.facts)
        got = leaked(render(harness, user, denunciation))
        readers += want
        if want and "bich ngoc" not in got:
            mismatches.append(f"{user.key}: handles it but is not shown the name")
        if not want and got:
            mismatches.append(f"{user.key}: is shown {got}")
    assert not mismatches, "\n".join(mismatches[:20])
    if place != "suggestions":  # the cells are not all "hidden": someone reads the name
        assert readers > 0


def test_the_hidden_letter_is_still_found_by_what_it_is_about(
    harness: Harness, denunciation: Denunciation
) -> None:
    """Masking removes the identity only: others find the letter by its subject matter."""
    other = next(u for u in harness.world.users if u.key == "officer-thanhtra-mat")
    found = harness.api(other, "GET", f"/api/v1/search?q={quote('sai phạm giao đất')}").get_json()
    assert denunciation.document_id in [hit["id"] for hit in found["hits"]]


def test_the_original_file_is_for_those_handling_it(
    harness: Harness, denunciation: Denunciation
) -> None:
    """A file cannot be masked: its download and page images are refused to the others,
    who are given a redacted copy instead."""
    from records.storage import LocalStore

    path = LocalStore(harness.settings.files_dir).path("d" * 64)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("ĐƠN TỐ CÁO", encoding="utf-8")
    users = {p.key: p for p in harness.world.users}
    url = f"/documents/{denunciation.document_id}/download"
    assert harness.client(users[HANDLER]).get(url).status_code == 200
    assert harness.client(users["leader-thanhtra-mat"]).get(url).status_code == 403


def test_the_engine_filter_agrees_with_the_policy(harness: Harness) -> None:
    """``identity_engine_filter`` over the fields ``identity_readers``/``identity_level``
    write selects exactly the denunciations ``may_know_denouncers`` allows, for every user
    and for petitions with and without a handler, of two bodies, at every level."""
    users = {p.key: p for p in harness.world.users}
    agencies = {code: harness.agencies[code] for code in ("noi_chinh", "thanh_tra")}
    handlers = (None, users[HANDLER].id, users["officer-thanhtra-mat"].id)
    variants = {
        f"identity-probe-{n}": Petition(
            kind="to_cao",
            owner_agency=agencies[code],
            owner_agency_id=agencies[code].id,
            handler_id=handler,
            confidentiality=level,
        )
        for n, (code, handler, level) in enumerate(
            itertools.product(agencies, handlers, CONFIDENTIALITY)
        )
    }
    alias = harness.settings.index_alias
    actions = [
        {
            "_op_type": "index",
            "_index": alias,
            "_id": key,
            "id": key,
            "identity_readers": identity_readers([p]),
            "identity_level": identity_level([p]),
        }
        for key, p in variants.items()
    ]
    assert harness.engine.bulk(actions, refresh=True) == []
    try:
        cells, mismatches = 0, []
        for principal in harness.world.users:
            user = harness.users[principal.id]
            body = {
                "size": len(variants),
                "_source": False,
                "query": {
                    "bool": {
                        "filter": [
                            {"ids": {"values": list(variants)}},
                            identity_engine_filter(user) or NOTHING,
                        ]
                    }
                },
            }
            got = {hit["_id"] for hit in harness.search(body)["hits"]["hits"]}
            want = {key for key, p in variants.items() if may_know_denouncers(user, [p])}
            cells += len(variants)
            if got != want:
                mismatches.append(f"{principal.key}: engine {sorted(got)}, policy {sorted(want)}")
        assert not mismatches, "\n".join(mismatches[:10])
        assert cells == len(harness.world.users) * len(variants)
    finally:
        for key in variants:
            harness.engine.delete(alias, key)
        harness.engine.refresh(alias)
