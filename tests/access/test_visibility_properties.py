"""Random sequences of the actions that change who sees a document — upload, duplicate
upload, share, unshare, attach to a case, detach, change the level, type it as a
denunciation letter, register a denunciation with documents, assign its handler — by random
users, through the REST API. After every step each user's view of each document is compared
with the oracle (tests/access/oracle.py, written from docs/access-policy.md): the policy
module, the document API, search hits, totals and facets, and suggestions. Each example works
on documents and cases of its own in one hoso, so the examples are independent; their number
is bounded for CI.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer import pipeline
from indexer.engine import SearchEngine
from records import policy
from records.models import Document, DocumentPage, User
from tests.access.actors import Actor, Actors
from tests.access.oracle import LEVELS, CaseFacts, DocFacts, Model, Person, PetitionFacts

pytestmark = pytest.mark.services

PEOPLE = (
    Person("nc_leader", "noi_chinh", "leader", "tuyet_mat"),
    Person("nc_officer", "noi_chinh", "officer", "mat"),
    Person("nc_clerk", "noi_chinh", "clerk", "thuong"),
    Person("tt_leader", "thanh_tra", "leader", "mat"),
    Person("tt_officer", "thanh_tra", "officer", "thuong"),
    Person("ca_officer", "cong_an", "officer", "mat"),
    Person("vks_viewer", "vien_kiem_sat", "viewer", "toi_mat"),
)
SHARES = (frozenset(), frozenset({"cong_an"}), frozenset({"thanh_tra", "vien_kiem_sat"}))
#: Two cases per example: (lead's person, coordinating bodies, level).
CASES = (
    ("nc_leader", ("cong_an",), "thuong"),
    ("tt_leader", ("noi_chinh", "vien_kiem_sat"), "mat"),
)
DENOUNCER = "Đỗ Văn Quyllen"

_counter = itertools.count(1)

person = st.integers(0, len(PEOPLE) - 1)
index = st.integers(0, 7)
ACTIONS = st.one_of(
    st.tuples(st.just("upload"), person, st.integers(0, 3), st.integers(0, len(SHARES) - 1)),
    st.tuples(st.just("duplicate"), person, index),
    st.tuples(st.just("share"), person, index, st.integers(0, len(SHARES) - 1)),
    st.tuples(st.just("attach"), person, st.integers(0, 1), index),
    st.tuples(st.just("detach"), person, st.integers(0, 1), index),
    st.tuples(st.just("level"), person, index, st.integers(0, 3)),
    st.tuples(st.just("recognise"), person, index),
    st.tuples(st.just("petition"), person, index),
    st.tuples(st.just("assign"), person, index, person),
)


class Run:
    """One example: the app, the people's tokens, and the oracle's model of the example."""

    def __init__(self, actors: Actors, people: dict[str, Actor], engine: SearchEngine, alias):
        self.actors = actors
        self.people = people
        self.engine = engine
        self.alias = alias
        self.example = next(_counter)
        self.model = Model()
        self.doc_ids: list[int] = []
        self.bytes: dict[int, bytes] = {}
        self.petition_ids: list[int] = []
        self.case_ids: list[int] = []
        self.log: list[str] = []

    def actor(self, who: Person) -> Actor:
        return self.people[who.key]

    def expect(self, allowed: bool, response: Any, what: str) -> bool:
        ok = 200 <= response.status_code < 300
        detail = response.get_data(as_text=True)[:300]
        assert ok == allowed, f"{what}: {response.status_code} {detail}\n" + "\n".join(self.log)
        return ok

    # -- set-up -------------------------------------------------------------------------------
    def make_cases(self) -> None:
        for number, (lead_key, coordinating, level) in enumerate(CASES):
            lead = next(p for p in PEOPLE if p.key == lead_key)
            response = self.actors.post(
                self.actor(lead),
                "/api/v1/cases",
                {
                    "code": f"PT-{self.example}-{number}",
                    "title": "Vụ việc thử",
                    "agencies": list(coordinating),
                    "confidentiality": level,
                },
            )
            assert response.status_code == 201, response.get_data(as_text=True)
            case_id = response.get_json()["id"]
            self.case_ids.append(case_id)
            self.model.cases[case_id] = CaseFacts(lead.body, frozenset(coordinating), level)

    # -- the actions ----------------------------------------------------------------------------
    def step(self, action: tuple) -> None:
        kind, who = action[0], PEOPLE[action[1]]
        self.log.append(f"{who.key} {action}")
        getattr(self, f"_{kind}")(who, *action[2:])
        self.reindex()

    def _document(self, number: int) -> tuple[int, DocFacts] | None:
        if not self.doc_ids:
            return None
        doc_id = self.doc_ids[number % len(self.doc_ids)]
        return doc_id, self.model.documents[doc_id]

    def _upload(self, who: Person, level_no: int, share_no: int) -> None:
        level, shared = LEVELS[level_no], SHARES[share_no]
        number = len(self.doc_ids) + 1
        data = f"vong{self.example} tai lieu {number} {DENOUNCER}".encode()
        form: dict[str, Any] = {"confidentiality": level}
        if shared:
            form["share"] = ",".join(sorted(shared))
        name = f"Don_to_cao_Do_Van_Quyllen_{self.example}_{number}.txt"
        response = self.actors.upload(self.actor(who), data, name, **form)
        if self.expect(self.model.may_upload(who, level, shared), response, "upload"):
            doc_id = response.get_json()["id"]
            self._parsed(doc_id, data.decode())
            self.doc_ids.append(doc_id)
            self.bytes[doc_id] = data
            self.model.documents[doc_id] = DocFacts(who.body, level, shared - {who.body})

    def _parsed(self, doc_id: int, text: str) -> None:
        """What the parse leaves, written directly rather than by ``pipeline.parse``: the
        letters here are one line of plain text, so a parse would add no field the oracle
        checks; the rule a parse adds to visibility (a letter typed *Đơn tố cáo* stays with
        its body) is reached here by a person typing it so (``_recognise``), and parsing
        has tests of its own (``test_recognised_letters``)."""
        with self.actors.db.session() as session:
            document = session.get(Document, doc_id)
            document.status = "parsed"
            document.subject = f"Vong{self.example} tài liệu {doc_id}"
            document.pages = [DocumentPage(page_no=1, text=text, original=text)]

    def _duplicate(self, who: Person, number: int) -> None:
        found = self._document(number)
        if found is None or who.role not in ("leader", "officer", "clerk"):
            return
        doc_id, doc = found
        response = self.actors.upload(self.actor(who), self.bytes[doc_id], "ban_sao.txt")
        sees = self.model.visible(who, doc)
        assert response.status_code == (200 if sees else 409), response.get_data(as_text=True)
        if sees:
            assert response.get_json()["id"] == doc_id
        else:
            assert str(doc_id) not in str(response.get_json().get("id"))

    def _share(self, who: Person, number: int, share_no: int) -> None:
        found = self._document(number)
        if found is None:
            return
        doc_id, doc = found
        shared = SHARES[share_no]
        response = self.actors.patch(
            self.actor(who), f"/api/v1/documents/{doc_id}", {"shared_with": sorted(shared)}
        )
        if not self.model.visible(who, doc):
            assert response.status_code == 404
        elif self.expect(self.model.may_share(who, doc), response, "share"):
            doc.shared = shared - {doc.owner}

    def _attach(self, who: Person, case_no: int, number: int) -> None:
        found = self._document(number)
        if found is None:
            return
        doc_id, doc = found
        case_id = self.case_ids[case_no]
        case = self.model.cases[case_id]
        allowed = case_id not in doc.cases and self.model.may_attach(who, case, doc)
        response = self.actors.post(
            self.actor(who), f"/api/v1/cases/{case_id}/documents", {"document": str(doc_id)}
        )
        if self.expect(allowed, response, "attach"):
            doc.cases.add(case_id)

    def _detach(self, who: Person, case_no: int, number: int) -> None:
        found = self._document(number)
        if found is None:
            return
        doc_id, doc = found
        case_id = self.case_ids[case_no]
        case = self.model.cases[case_id]
        allowed = case_id in doc.cases and self.model.may_detach(who, case, doc)
        response = self.actors.post(
            self.actor(who),
            f"/api/v1/cases/{case_id}/documents/{doc_id}/detach",
            {"reason": "Không liên quan"},
        )
        if self.expect(allowed, response, "detach"):
            doc.cases.discard(case_id)

    def _level(self, who: Person, number: int, level_no: int) -> None:
        found = self._document(number)
        if found is None:
            return
        doc_id, doc = found
        level = LEVELS[level_no]
        if level == doc.level:
            return
        response = self.actors.patch(
            self.actor(who),
            f"/api/v1/documents/{doc_id}",
            {"confidentiality": level, "reason": "Theo quyết định của lãnh đạo"},
        )
        if not self.model.visible(who, doc):
            assert response.status_code == 404
        elif self.expect(self.model.may_change_level(who, doc, level), response, "level"):
            self.model.change_level(who, doc, level)

    def _recognise(self, who: Person, number: int) -> None:
        """Type the document as a denunciation letter, as a person correcting it does."""
        found = self._document(number)
        if found is None:
            return
        doc_id, doc = found
        response = self.actors.patch(
            self.actor(who), f"/api/v1/documents/{doc_id}", {"doc_type": "don_to_cao"}
        )
        if not self.model.visible(who, doc):
            assert response.status_code == 404
        elif self.expect(self.model.may_edit(who, doc), response, "recognise"):
            self.model.recognise(doc)

    def _petition(self, who: Person, number: int) -> None:
        found = self._document(number)
        linked = [] if found is None else [found]
        allowed = who.role in ("leader", "officer", "clerk") and all(
            self.model.may_link(who, doc) for _, doc in linked
        )
        response = self.actors.post(
            self.actor(who),
            "/api/v1/petitions",
            {
                "kind": "to_cao",
                "received_on": date.today().isoformat(),
                "summary": f"Ông {DENOUNCER} tố cáo",
                "respondent": "Chủ tịch UBND xã",
                "petitioners": [{"name": DENOUNCER}],
                "document_ids": [doc_id for doc_id, _ in linked],
            },
        )
        if self.expect(allowed, response, "petition"):
            petition_id = response.get_json()["id"]
            self.petition_ids.append(petition_id)
            self.model.petitions[petition_id] = PetitionFacts(who.body)
            for _, doc in linked:
                doc.petitions.add(petition_id)

    def _assign(self, who: Person, number: int, handler_no: int) -> None:
        if not self.petition_ids:
            return
        petition_id = self.petition_ids[number % len(self.petition_ids)]
        petition = self.model.petitions[petition_id]
        if who.body != petition.owner:
            return  # another body's petition is not found: not a visibility change
        handler = PEOPLE[handler_no]
        allowed = self.model.may_assign(who, petition) and handler.body == petition.owner
        response = self.actors.post(
            self.actor(who),
            f"/api/v1/petitions/{petition_id}/steps",
            {"action": "assign", "values": {"handler": self.actor(handler).id}},
        )
        if self.expect(allowed, response, "assign"):
            petition.handler = handler.key

    # -- the checks ---------------------------------------------------------------------------
    def reindex(self) -> None:
        if self.doc_ids:
            pipeline.index(list(self.doc_ids))
            self.engine.refresh(self.alias)

    def check(self) -> None:
        with self.actors.db.session() as session:
            for who in PEOPLE:
                user = session.get(User, self.actor(who).id)
                for doc_id in self.doc_ids:
                    expected = self.model.visible(who, self.model.documents[doc_id])
                    document = session.get(Document, doc_id)
                    assert policy.can(user, policy.Action.SEE, document) == expected, (
                        f"policy: {who.key} doc {doc_id}\n" + "\n".join(self.log)
                    )
        for who in PEOPLE:
            self._check_api(who)
            self._check_search(who)

    def _visible_ids(self, who: Person) -> set[int]:
        return {d for d in self.doc_ids if self.model.visible(who, self.model.documents[d])}

    def _check_api(self, who: Person) -> None:
        for doc_id in self.doc_ids:
            doc = self.model.documents[doc_id]
            response = self.actors.get(self.actor(who), f"/api/v1/documents/{doc_id}")
            expected = 200 if self.model.visible(who, doc) else 404
            assert response.status_code == expected, (
                f"GET document {doc_id} as {who.key}\n" + "\n".join(self.log)
            )
            if expected == 200 and not self.model.handles(who, doc):
                assert "Quyllen" not in response.get_json()["filename"]

    def _check_search(self, who: Person) -> None:
        visible = self._visible_ids(who)
        query = f"vong{self.example}"
        response = self.actors.get(self.actor(who), f"/api/v1/search?q={query}&size=100")
        context = f"search as {who.key}\n" + "\n".join(self.log)
        assert response.status_code == 200, context
        body = response.get_json()
        assert {hit["id"] for hit in body["hits"]} == visible, context
        assert body["total"] == len(visible), context
        levels = Counter(self.model.documents[d].level for d in visible)
        facets = {b["value"]: b["count"] for b in body["facets"]["confidentiality"]}
        assert facets == dict(levels), context
        suggested = self.actors.get(self.actor(who), f"/api/v1/suggest?q={query}").get_json()
        shown = {s["document_id"] for s in suggested["suggestions"] if s.get("document_id")}
        assert shown <= visible, f"suggest as {who.key}\n" + "\n".join(self.log)


@pytest.fixture
def people(db, client) -> Iterator[tuple[Actors, dict[str, Actor]]]:
    actors = Actors(db, client)
    yield actors, {p.key: actors.make(p.key, p.body, p.role, p.clearance) for p in PEOPLE}


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=st.lists(ACTIONS, min_size=1, max_size=6))
def test_every_view_of_every_document_follows_the_policy(
    people, hoso_settings, search_engine, actions
) -> None:
    actors, accounts = people
    run = Run(actors, accounts, search_engine, hoso_settings.index_alias)
    run.make_cases()
    # Every example starts with one document of each body's leader, so the actions have
    # something to act on.
    for leader in (0, 3):
        run.step(("upload", leader, 1, 0))
    run.check()
    for action in actions:
        run.step(action)
        run.check()
