"""The policy's own three forms, checked as endpoints: every page, list and search of
hoso goes through one of them, so each must match the table on its own."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from records.models import AuditEvent, Case, Document
from records.policy import (
    Action,
    audit_clause,
    can,
    can_case,
    can_register,
    case_clause,
    document_clause,
    document_engine_filter,
    visible_document_ids,
)
from tests.access.registry import CountEndpoint, ListEndpoint, ObjectEndpoint, register

DOCUMENT_ACTIONS = {
    "see": Action.SEE,
    "download": Action.DOWNLOAD,
    "edit": Action.EDIT,
    "share": Action.SHARE,
}
CASE_ACTIONS = {"see": Action.SEE, "edit": Action.EDIT, "contribute": Action.SHARE}


def _can(action: Action) -> Any:
    def call(h: Any, user: Any, doc: Any) -> bool:
        return can(
            h.users[user.id], action, h.documents[doc.id], case_agency_ids=h.case_agencies[doc.id]
        )

    return call


def _can_from_session(h: Any, user: Any, doc: Any) -> bool:
    """``can`` reading the document's case bodies itself (what views call)."""
    return can(h.users[user.id], Action.SEE, h.documents[doc.id])


def _can_case(action: Action) -> Any:
    def call(h: Any, user: Any, case: Any) -> bool:
        return can_case(h.users[user.id], action, h.cases[case.id])

    return call


def _can_register(h: Any, user: Any, target: Any) -> bool:
    return can_register(h.users[user.id], h.agencies[target.agency], target.level)


def _sql_documents(h: Any, user: Any) -> set[int]:
    return set(h.session.scalars(select(Document.id).where(document_clause(h.users[user.id]))))


def _sql_visible_ids(h: Any, user: Any) -> set[int]:
    return visible_document_ids(h.session, h.users[user.id], list(h.documents))


def _sql_cases(h: Any, user: Any) -> set[int]:
    return set(h.session.scalars(select(Case.id).where(case_clause(h.users[user.id]))))


def _sql_audit(h: Any, user: Any) -> set[int]:
    return set(h.session.scalars(select(AuditEvent.id).where(audit_clause(h.users[user.id]))))


def _engine_query(h: Any, user: Any, **extra: Any) -> dict[str, Any]:
    body = {
        "query": {"bool": {"filter": [document_engine_filter(h.users[user.id])]}},
        "size": 100,
        "_source": False,
        **extra,
    }
    return h.search(body)


def _engine_hits(h: Any, user: Any) -> set[int]:
    return {int(hit["_id"]) for hit in _engine_query(h, user)["hits"]["hits"]}


def _engine_match(h: Any, user: Any) -> set[int]:
    """A full-text query with the filter inside it, as search builds it."""
    body = {
        "query": {
            "bool": {
                "must": [{"match": {"content": "matran"}}],
                "filter": [document_engine_filter(h.users[user.id])],
            }
        },
        "size": 100,
        "_source": False,
    }
    return {int(hit["_id"]) for hit in h.search(body)["hits"]["hits"]}


def _engine_total(h: Any, user: Any) -> dict[str, int]:
    response = _engine_query(h, user, size=0, track_total_hits=True)
    return {"total": response["hits"]["total"]["value"]}


def _engine_facets(h: Any, user: Any) -> dict[str, int]:
    aggs = {
        "owner": {"terms": {"field": "owner_agency", "size": 20}},
        "level": {"terms": {"field": "confidentiality", "size": 10}},
    }
    response = _engine_query(h, user, size=0, aggs=aggs)
    counts: dict[str, int] = {}
    for name, agg in response["aggregations"].items():
        for bucket in agg["buckets"]:
            counts[f"{name}:{bucket['key']}"] = bucket["doc_count"]
    return counts


def _engine_suggest(h: Any, user: Any) -> set[int]:
    """Prefix completion over subjects, with the filter inside (suggestions never leak)."""
    body = {
        "query": {
            "bool": {
                "must": [{"match_phrase_prefix": {"subject": "ma trận"}}],
                "filter": [document_engine_filter(h.users[user.id])],
            }
        },
        "size": 100,
        "_source": False,
    }
    return {int(hit["_id"]) for hit in h.search(body)["hits"]["hits"]}


register(
    *(
        ObjectEndpoint(f"policy.can[{name}]", "document", name, _can(action))
        for name, action in DOCUMENT_ACTIONS.items()
    ),
    ObjectEndpoint("policy.can[see] reading case bodies", "document", "see", _can_from_session),
    *(
        ObjectEndpoint(f"policy.can_case[{name}]", "case", name, _can_case(action))
        for name, action in CASE_ACTIONS.items()
    ),
    ObjectEndpoint("policy.can_register", "register", "register", _can_register),
    ListEndpoint("sql.document_clause", "document", _sql_documents),
    ListEndpoint("sql.visible_document_ids", "document", _sql_visible_ids),
    ListEndpoint("sql.case_clause", "case", _sql_cases),
    ListEndpoint("sql.audit_clause", "audit_event", _sql_audit),
    ListEndpoint("engine.hits", "document", _engine_hits),
    ListEndpoint("engine.full_text_hits", "document", _engine_match),
    ListEndpoint("engine.suggestions", "document", _engine_suggest),
    CountEndpoint("engine.total", "document", _engine_total, lambda doc: ["total"]),
    CountEndpoint(
        "engine.facets",
        "document",
        _engine_facets,
        lambda doc: [f"owner:{doc.facts.owner}", f"level:{doc.facts.level}"],
    ),
)
