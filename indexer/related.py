"""Material related to a document, each kind within what the user may see.

* what it cites and what cites it: ``DocumentReference`` rows (numbers found in the text,
  resolved to documents in hoso), through ``records.policy.document_clause``;
* the other documents of its cases, for the cases the user may see (``case_clause``);
* the same document in another rendering (PDF and DOCX, a scan of a printed file): the
  documents whose more_like_this score relative to the document's own score is at least
  :data:`indexer.duplicates.SAME_DOCUMENT_MIN` and that are in its group of renderings;
* similar documents: the engine's more_like_this, with the access filter in the query,
  only those scoring at least :data:`SIMILAR_MIN` of the document's own score (none is a
  valid answer), never the same document again nor what is already listed above.

Both thresholds were measured on the shared corpus with ``bench/related_threshold.py``
(``bench/results/related_threshold.json``).

Numbers the document cites that hoso does not hold (or that the user may not see) are
listed as text only: they are printed in this document, so they reveal nothing more.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from indexer.duplicates import SAME_DOCUMENT_MIN
from indexer.engine import SearchEngine, SearchUnavailable
from indexer.normalize import fold
from indexer.search import run_search
from records.models import Case, CaseDocument, Document, DocumentReference, User
from records.petitions.protection import Protection, hidden_from
from records.policy import case_clause, document_clause, document_engine_filter

log = logging.getLogger(__name__)

SIMILAR_FIELDS = ["subject.folded", "content.folded"]
#: Below this share of the document's own score a document is not listed as similar.
SIMILAR_MIN = 0.43


@dataclass(frozen=True)
class DocumentRef:
    id: int
    number: str | None
    subject: str | None
    doc_type: str | None
    issued_date: str | None
    filename: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "subject": self.subject,
            "doc_type": self.doc_type,
            "issued_date": self.issued_date,
            "filename": self.filename,
        }


@dataclass(frozen=True)
class CaseGroup:
    code: str
    title: str
    documents: tuple[DocumentRef, ...]


@dataclass(frozen=True)
class Related:
    cites: tuple[DocumentRef, ...] = ()
    cited_by: tuple[DocumentRef, ...] = ()
    unresolved: tuple[str, ...] = ()  # numbers cited that the user cannot open here
    cases: tuple[CaseGroup, ...] = ()
    similar: tuple[DocumentRef, ...] = field(default=())
    #: The same document in other renderings (another file format, a scan).
    same_document: tuple[DocumentRef, ...] = ()
    #: The engine did not answer, so similar documents could not be looked up.
    similar_unavailable: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "cites": [d.to_json() for d in self.cites],
            "cited_by": [d.to_json() for d in self.cited_by],
            "unresolved": list(self.unresolved),
            "cases": [
                {"code": g.code, "title": g.title, "documents": [d.to_json() for d in g.documents]}
                for g in self.cases
            ],
            "similar": [d.to_json() for d in self.similar],
            "same_document": [d.to_json() for d in self.same_document],
            "similar_unavailable": self.similar_unavailable,
        }


def related(
    session: Session,
    engine: SearchEngine,
    index: str,
    user: User,
    document: Document,
    *,
    limit: int = 20,
) -> Related:
    """Related material of ``document`` (which the caller has checked the user may see).

    Similar documents come from the index, where denunciations' documents are masked; the
    others are read from the database and masked here for those not handling them. For a
    user who reads ``document`` masked, the similar documents are only those masked for
    them too, and the titles and file names of the others have its denouncers masked.
    """
    cites, unresolved = _cites(session, user, document, limit)
    cited_by = _cited_by(session, user, document, limit)
    cases = _same_cases(session, user, document, limit)
    listed = [*cites, *cited_by, *(ref for group in cases for ref in group.documents)]
    try:
        scored = similar(engine, index, user, document.id, limit=min(limit, 10))
        unavailable = False
    except SearchUnavailable as err:
        log.warning("similar documents of %s not looked up: %s", document.id, err)
        scored, unavailable = (), True
    hidden = hidden_from(
        session,
        user,
        [document.id, *(ref.id for ref, _ in scored), *(ref.id for ref in listed)],
    )
    own = hidden.get(document.id)
    if own is not None:
        # A letter the user reads masked: a document like it that is not masked for them
        # (an unregistered copy, a reply quoting it) would show the denouncer.
        scored = tuple((ref, share) for ref, share in scored if ref.id in hidden)
    same = _renderings(
        session, document, [ref for ref, share in scored if share >= SAME_DOCUMENT_MIN]
    )
    shown_ids = {ref.id for ref in [*listed, *same]}
    alike = tuple(ref for ref, share in scored if share >= SIMILAR_MIN and ref.id not in shown_ids)

    def shown(refs: tuple[DocumentRef, ...]) -> tuple[DocumentRef, ...]:
        refs = tuple(_masked(ref, hidden[ref.id]) if ref.id in hidden else ref for ref in refs)
        return tuple(_masked(ref, own) for ref in refs) if own is not None else refs

    return Related(
        cites=shown(cites),
        cited_by=shown(cited_by),
        unresolved=unresolved,
        cases=tuple(replace(group, documents=shown(group.documents)) for group in cases),
        similar=shown(alike),
        same_document=shown(same),
        similar_unavailable=unavailable,
    )


def _renderings(
    session: Session, document: Document, refs: list[DocumentRef]
) -> tuple[DocumentRef, ...]:
    """Those of ``refs`` in the document's group of renderings (``indexer.duplicates``
    checks the engine's score against the texts when it groups them)."""
    group = document.same_group_id or document.id
    grouped = set(
        session.scalars(
            select(Document.id).where(
                Document.id.in_([ref.id for ref in refs]),
                func.coalesce(Document.same_group_id, Document.id) == group,
            )
        )
    )
    return tuple(ref for ref in refs if ref.id in grouped)


def _masked(ref: DocumentRef, protection: Protection) -> DocumentRef:
    return replace(
        ref,
        subject=protection.mask(ref.subject, fold),
        filename=protection.mask(ref.filename, fold) or "",
    )


def _ref(document: Document) -> DocumentRef:
    return DocumentRef(
        id=document.id,
        number=document.number,
        subject=document.subject,
        doc_type=document.doc_type,
        issued_date=document.issued_date.isoformat() if document.issued_date else None,
        filename=document.filename,
    )


def _cites(
    session: Session, user: User, document: Document, limit: int
) -> tuple[tuple[DocumentRef, ...], tuple[str, ...]]:
    references = session.scalars(
        select(DocumentReference)
        .where(DocumentReference.document_id == document.id)
        .order_by(DocumentReference.id)
    ).all()
    cited_ids = [ref.cited_id for ref in references if ref.cited_id is not None]
    visible = {
        d.id: d
        for d in session.scalars(
            select(Document).where(Document.id.in_(cited_ids), document_clause(user))
        )
    }
    cites = [_ref(visible[i]) for i in dict.fromkeys(cited_ids) if i in visible][:limit]
    unresolved = [ref.number for ref in references if ref.cited_id not in visible]
    return tuple(cites), tuple(dict.fromkeys(unresolved))[:limit]


def _cited_by(
    session: Session, user: User, document: Document, limit: int
) -> tuple[DocumentRef, ...]:
    rows = session.scalars(
        select(Document)
        .join(DocumentReference, DocumentReference.document_id == Document.id)
        .where(DocumentReference.cited_id == document.id, document_clause(user))
        .order_by(Document.issued_date.desc().nulls_last(), Document.id.desc())
        .limit(limit)
    ).all()
    return tuple(_ref(d) for d in dict.fromkeys(rows))


def _same_cases(
    session: Session, user: User, document: Document, limit: int
) -> tuple[CaseGroup, ...]:
    cases = session.scalars(
        select(Case)
        .where(Case.id.in_(_attached(CaseDocument.document_id == document.id)), case_clause(user))
        .order_by(Case.code)
    ).all()
    groups = []
    for case in cases:
        documents = session.scalars(
            select(Document)
            .where(
                Document.id.in_(
                    select(CaseDocument.document_id).where(
                        CaseDocument.case_id == case.id, CaseDocument.state == "attached"
                    )
                ),
                Document.id != document.id,
                document_clause(user),
            )
            .order_by(Document.issued_date.desc().nulls_last(), Document.id.desc())
            .limit(limit)
        ).all()
        groups.append(CaseGroup(case.code, case.title, tuple(_ref(d) for d in documents)))
    return tuple(groups)


def _attached(condition: ColumnElement[bool]) -> Select[tuple[int]]:
    """Ids of the cases with an attached document matching ``condition`` (a subquery, so
    the policy clauses, which look at case attachments themselves, stay uncorrelated)."""
    return select(CaseDocument.case_id).where(condition, CaseDocument.state == "attached")


def similar_body(index: str, document_id: int, access: dict[str, Any], size: int) -> dict[str, Any]:
    """more_like_this of the document, which is itself among the hits (its own score is
    what the others' scores are compared with)."""
    return {
        "size": size + 1,
        "_source": ["id", "number", "subject", "doc_type", "issued_date", "filename"],
        "query": {
            "bool": {
                "must": {
                    "more_like_this": {
                        "fields": SIMILAR_FIELDS,
                        "like": [{"_index": index, "_id": str(document_id)}],
                        "include": True,
                        "min_term_freq": 1,
                        "min_doc_freq": 1,
                        "max_doc_freq": 5000,
                        "max_query_terms": 40,
                        "minimum_should_match": "10%",
                    }
                },
                "filter": [access],
            }
        },
    }


def similar(
    engine: SearchEngine, index: str, user: User, document_id: int, *, limit: int = 10
) -> tuple[tuple[DocumentRef, float], ...]:
    """Documents like this one, among those ``user`` may see, each with its score as a
    share of the document's own (1.0: the same text)."""
    body = similar_body(index, document_id, document_engine_filter(user), limit)
    hits = run_search(engine, index, body)["hits"]["hits"]
    own = next((hit["_score"] for hit in hits if hit["_id"] == str(document_id)), None)
    out = []
    for hit in hits:
        if hit["_id"] == str(document_id) or not own:
            continue
        source = hit["_source"]
        ref = DocumentRef(
            id=int(hit["_id"]),
            number=source.get("number"),
            subject=source.get("subject"),
            doc_type=source.get("doc_type"),
            issued_date=source.get("issued_date"),
            filename=source.get("filename") or "",
        )
        out.append((ref, hit["_score"] / own))
    return tuple(out)
