"""Suggestions while the user types: document numbers, subjects, issuers and case names.

Numbers, subjects and issuers come from the engine, under the user's access filter, so a
suggestion never names a document (or an issuer known only from documents) the user may
not see. Case names come from the database through ``records.policy.case_clause``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer.engine import SearchEngine
from indexer.metadata import number_key
from indexer.normalize import fold, normalize_text
from indexer.search import run_search
from records.models import Case, User
from records.policy import case_clause, document_engine_filter

MIN_CHARS = 2
MAX_CHARS = 100
#: Visible cases read for matching names without diacritics; newest first.
CASE_SCAN_LIMIT = 5000


@dataclass(frozen=True)
class Suggestion:
    kind: str  # number | subject | issuer | case
    label: str
    value: str  # what goes into the search (a number, an issuer, a case code)
    document_id: int | None = None
    confidentiality: str | None = None  # of the document a number or subject comes from

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def suggest_body(text: str, access: dict[str, Any], limit: int) -> dict[str, Any]:
    """One engine request for numbers, subjects and issuers starting like ``text``.

    Every word typed must begin a word of the subject (or issuer); subjects that continue
    the typed words in order rank first. Issuers are counted by an aggregation over the
    matching documents, all inside the access filter.
    """
    issuer_match = {"match": {"issuer.prefix": {"query": text, "operator": "and"}}}
    should: list[dict[str, Any]] = [
        {"match": {"subject.prefix": {"query": text, "operator": "and", "_name": "subject"}}},
        {"match_phrase_prefix": {"subject.folded": {"query": text, "boost": 3}}},
        {"match": {"issuer.prefix": {"query": text, "operator": "and", "_name": "issuer"}}},
    ]
    key = number_key(text)
    if text[:1].isdigit() and key:
        should.append({"prefix": {"number_keys": {"value": key, "_name": "number", "boost": 5}}})
    return {
        "size": limit,
        "_source": ["id", "number", "subject", "doc_type", "confidentiality"],
        "query": {"bool": {"filter": [access], "should": should, "minimum_should_match": 1}},
        "aggs": {
            "issuers": {
                "filter": issuer_match,
                "aggs": {"names": {"terms": {"field": "issuer.raw", "size": 5}}},
            }
        },
        "sort": ["_score", {"issued_date": {"order": "desc", "missing": "_last"}}],
    }


def suggest(
    session: Session, engine: SearchEngine, index: str, user: User, text: str, limit: int = 8
) -> list[Suggestion]:
    text = " ".join(normalize_text(text[:MAX_CHARS]).split())
    if len(text) < MIN_CHARS:
        return []
    response = run_search(engine, index, suggest_body(text, document_engine_filter(user), limit))
    numbers: list[Suggestion] = []
    subjects: list[Suggestion] = []
    for hit in response["hits"]["hits"]:
        source, matched = hit["_source"], set(hit.get("matched_queries") or [])
        document_id, level = int(hit["_id"]), source.get("confidentiality")
        if "number" in matched and source.get("number"):
            number = source["number"]
            numbers.append(Suggestion("number", number, number, document_id, level))
        if "subject" in matched and source.get("subject"):
            label = " ".join(source["subject"].split())[:160]
            subjects.append(Suggestion("subject", label, label, document_id, level))
    buckets = response.get("aggregations", {}).get("issuers", {}).get("names", {})
    issuers = [
        Suggestion("issuer", str(b["key"]), str(b["key"])) for b in buckets.get("buckets", [])
    ]
    cases = [
        Suggestion("case", f"{code} — {title}", code)
        for code, title in matching_cases(session, user, text, limit=3)
    ]
    return (numbers + cases + issuers + subjects)[: limit + len(cases)]


def matching_cases(session: Session, user: User, text: str, limit: int) -> list[tuple[str, str]]:
    """Visible cases whose code or name contains every word typed (diacritics optional)."""
    words = fold(text).split()
    rows = session.execute(
        select(Case.code, Case.title)
        .where(case_clause(user))
        .order_by(Case.created_at.desc())
        .limit(CASE_SCAN_LIMIT)
    ).all()
    found = []
    for code, title in rows:
        haystack = fold(f"{code} {title}")
        if all(word in haystack for word in words):
            found.append((code, title))
            if len(found) == limit:
                break
    return found
