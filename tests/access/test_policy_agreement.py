"""Property test: for random bodies, users, cases, documents and shares, the policy's three
forms — ``can`` on one object, the SQL clause (PostgreSQL) and the engine filter (the live
search node) — agree with each other and with the table of docs/access-policy.md."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from indexer.documents import index_bodies
from indexer.engine import load_schema
from records.codes import CONFIDENTIALITY, ROLES
from records.models import Agency, Case, CaseDocument, Document, DocumentPage, User
from records.policy import (
    DENUNCIATION_LETTER,
    Action,
    can,
    can_case,
    can_retain,
    case_clause,
    document_clause,
    document_engine_filter,
)
from tests.access import policy_table as table
from tests.access.harness import Harness

pytestmark = pytest.mark.services

BODIES = ("noi_chinh", "thanh_tra", "cong_an", "toa_an", "outside")
levels = st.sampled_from(CONFIDENTIALITY)
bodies = st.sampled_from(BODIES)
users = st.fixed_dictionaries(
    {
        "roles": st.frozensets(st.sampled_from(ROLES), min_size=1, max_size=2),
        "agency": bodies,
        "clearance": levels,
        "active": st.booleans(),
    }
)
cases = st.fixed_dictionaries(
    {
        "lead": bodies,
        "coordinating": st.frozensets(bodies, max_size=2),
        "monitored": st.booleans(),
        "level": levels,
    }
)
links = st.lists(
    st.tuples(st.integers(0, 2), st.sampled_from(("attached", "suggested", "detached"))),
    max_size=2,
    unique_by=lambda link: link[0],
)
documents = st.fixed_dictionaries(
    {
        "owner": bodies,
        "level": levels,
        "shared": st.frozensets(bodies, max_size=2),
        "shared_all": st.booleans(),
        "links": links,
        # A recognised denunciation letter no petition registered ("Recognised denunciations").
        "letter": st.booleans(),
    }
)


@pytest.fixture(scope="module")
def scratch_index(harness: Harness) -> Iterator[str]:
    name = f"{harness.settings.index_alias}-agreement"
    harness.engine.create_index(name, load_schema("documents"))
    yield name
    harness.engine.delete_index(name)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    user_specs=st.lists(users, min_size=1, max_size=4),
    case_specs=st.lists(cases, min_size=3, max_size=3),
    doc_specs=st.lists(documents, min_size=1, max_size=5),
)
def test_three_forms_agree_with_the_table(
    harness: Harness, scratch_index: str, user_specs, case_specs, doc_specs
) -> None:
    session = harness.db.sessionmaker()
    try:
        _check(harness, session, scratch_index, user_specs, case_specs, doc_specs)
    finally:
        session.rollback()
        session.close()


def _check(harness, session, index, user_specs, case_specs, doc_specs) -> None:
    agencies = {a.code: a for a in session.scalars(select(Agency).where(Agency.code.in_(BODIES)))}
    # A body outside the coordination regulation: "shared with all" does not reach it.
    agencies["outside"] = Agency(code=f"outside-{uuid.uuid4().hex[:8]}", name="Ngoài",
                                 coordinating=False)  # fmt: skip
    session.add(agencies["outside"])
    tag = uuid.uuid4().hex[:12]

    case_rows, case_facts = [], []
    for n, spec in enumerate(case_specs):
        case = Case(
            code=f"P-{tag}-{n}", title="t", confidentiality=spec["level"],
            lead_agency=agencies[spec["lead"]],
            agencies=[agencies[code] for code in sorted(spec["coordinating"])],
            monitoring_level="bcd_tinh" if spec["monitored"] else None,
        )  # fmt: skip
        session.add(case)
        case_rows.append(case)
        case_facts.append(table.CaseFacts(spec["lead"], spec["coordinating"], spec["monitored"],
                                          spec["level"]))  # fmt: skip
    session.flush()

    doc_rows, doc_facts = [], []
    for n, spec in enumerate(doc_specs):
        doc = Document(
            sha256=uuid.uuid4().hex * 2, size=1, filename=f"{tag}-{n}.txt", status="parsed",
            confidentiality=spec["level"], owner_agency=agencies[spec["owner"]],
            shared_all=spec["shared_all"],
            shared_with=[agencies[code] for code in sorted(spec["shared"])],
            doc_type=DENUNCIATION_LETTER if spec["letter"] else None,
            pages=[DocumentPage(page_no=1, text=f"dongthuan {tag}")],
        )  # fmt: skip
        session.add(doc)
        session.flush()
        for case_no, state in spec["links"]:
            session.add(
                CaseDocument(case_id=case_rows[case_no].id, document_id=doc.id, state=state)
            )
        attached = tuple(case_facts[no] for no, state in spec["links"] if state == "attached")
        doc_rows.append(doc)
        doc_facts.append(table.DocFacts(spec["owner"], spec["level"], spec["shared"],
                                        spec["shared_all"], attached, spec["letter"]))  # fmt: skip
    session.flush()

    harness.engine.bulk(
        [{"_op_type": "index", "_index": index, "_id": body["id"], "_source": body}
         for body in index_bodies(session, doc_rows)],
        refresh=True,
        require_alias=False,  # a scratch index of this test, written by name
    )  # fmt: skip
    doc_ids = [d.id for d in doc_rows]
    case_ids = [c.id for c in case_rows]

    for n, spec in enumerate(user_specs):
        agency = agencies[spec["agency"]]
        user = User(username=f"p-{tag}-{n}", agency=agency, roles=sorted(spec["roles"]),
                    clearance=spec["clearance"], active=spec["active"])  # fmt: skip
        session.add(user)
        session.flush()
        facts = table.UserFacts(spec["roles"], spec["agency"], spec["clearance"], spec["active"],
                                coordinating=agency.coordinating)  # fmt: skip
        in_sql = set(session.scalars(
            select(Document.id).where(Document.id.in_(doc_ids), document_clause(user))
        ))  # fmt: skip
        query = {"bool": {"filter": [{"ids": {"values": [str(i) for i in doc_ids]}},
                                     document_engine_filter(user)]}}  # fmt: skip
        hits = harness.engine.search(index, {"query": query, "size": 50, "_source": False})
        in_engine = {int(hit["_id"]) for hit in hits["hits"]["hits"]}
        for doc, expected in zip(doc_rows, doc_facts, strict=True):
            see = table.allowed_document(facts, "see", expected)
            where = f"{spec} on {expected}"
            assert can(user, Action.SEE, doc) == see, f"can: {where}"
            assert (doc.id in in_sql) == see, f"SQL: {where}"
            assert (doc.id in in_engine) == see, f"engine: {where}"
            for name, action in (("download", Action.DOWNLOAD), ("edit", Action.EDIT),
                                 ("share", Action.SHARE), ("trash", Action.TRASH)):  # fmt: skip
                assert can(user, action, doc) == table.allowed_document(facts, name, expected), (
                    f"can {name}: {where}"
                )
            assert can_retain(user, Action.HOLD, doc) == table.allowed_document(
                facts, "hold", expected
            ), f"can_retain hold: {where}"
        cases_in_sql = set(session.scalars(
            select(Case.id).where(Case.id.in_(case_ids), case_clause(user))
        ))  # fmt: skip
        for case, expected in zip(case_rows, case_facts, strict=True):
            see = table.allowed_case(facts, "see", expected)
            assert can_case(user, Action.SEE, case) == see
            assert (case.id in cases_in_sql) == see
            for name, action in (("edit", Action.EDIT), ("contribute", Action.SHARE)):
                assert can_case(user, action, case) == table.allowed_case(facts, name, expected)
