"""Candidate records for a cadre vetting answer: the answering body's own petitions and
cases (``records.coordination.vetting``) and its own documents, found through the engine
with the user's access filter and the body as owner — never another body's documents."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer.engine import SearchEngine
from indexer.normalize import fold
from indexer.search import run_search
from records.coordination import vetting
from records.models import Document, User, VettingAnswer, VettingRequest
from records.policy import document_engine_filter

#: At most this many documents are proposed; a name that common needs the birth year or
#: ID number to tell its bearer apart, which the reasons show.
MAX_DOCUMENTS = 50
_CONTENT = "content.folded"


def _phrase(text: str, name: str) -> dict[str, Any]:
    return {"match_phrase": {_CONTENT: {"query": text, "_name": name}}}


def documents_body(user: User, request: VettingRequest) -> dict[str, Any]:
    """Documents owned by the user's body, within their access, naming the cadre (or their
    ID number); the other facts are named queries, returned as the hit's reasons."""
    needles = vetting.Needles.of(request, fold)
    must = [_phrase(request.cadre_name, "name")]
    if len(needles.id_number) >= 9:
        must.append({"term": {"content": {"value": needles.id_number, "_name": "id_number"}}})
    should = [{"term": {"content": {"value": needles.birth_year, "_name": "birth_year"}}}]
    if needles.unit:
        should.append(_phrase(request.unit, "unit"))
    return {
        "size": MAX_DOCUMENTS,
        "_source": False,
        "query": {
            "bool": {
                "filter": [
                    document_engine_filter(user),
                    {"term": {"owner_agency": user.agency.code}},
                    {"bool": {"should": must, "minimum_should_match": 1}},
                ],
                "should": should,
            }
        },
    }


def document_candidates(
    session: Session, engine: SearchEngine, index: str, user: User, request: VettingRequest
) -> list[vetting.Candidate]:
    response = run_search(engine, index, documents_body(user, request))
    reasons = {
        int(hit["_id"]): tuple(hit.get("matched_queries", [])) for hit in response["hits"]["hits"]
    }
    if not reasons:
        return []
    rows = session.execute(
        select(Document.id, Document.number).where(
            Document.id.in_(reasons), Document.owner_agency_id == user.agency_id
        )
    ).all()
    return [
        vetting.Candidate("document", doc_id, number or f"#{doc_id}", reasons[doc_id])
        for doc_id, number in rows
    ]


def find_candidates(
    session: Session, engine: SearchEngine, index: str, user: User, request: VettingRequest
) -> VettingAnswer:
    """Look in the user's body's petitions, cases and documents and keep what was found."""
    found = [
        *vetting.petition_candidates(session, user, request, fold),
        *vetting.case_candidates(session, user, request, fold),
        *document_candidates(session, engine, index, user, request),
    ]
    return vetting.record_candidates(session, user, request, found)
