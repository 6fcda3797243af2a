"""Saved-search alerts: tell users when new documents match what they saved — quietly.

After a batch of documents is indexed, every saved search with its alert on is run once,
limited to those documents AND to what its owner may see now (the owner's access filter
inside the query), in multi-search requests, with the same matching rules as the search
page (not its approximate fallback). A match alerts only if it is new to the search:

* a document alerts **once per saved search, ever**: each alerted document is recorded in
  ``saved_search_documents`` (besides the notification's dedup key), so re-indexing,
  re-parsing or attaching it to a case never alerts again;
* a document uploaded **before** the search was saved alerts only if it was not among the
  documents the search matched for its owner when it was saved or its alert turned on
  (:func:`take_baseline`, recorded in the same table) — that is, if it became visible to
  the owner since. Without a baseline (the engine was down, or too many matched), such
  documents never alert.

Each alert becomes an in-app notification; the periodic mail task e-mails it where SMTP is
configured, so the title of a document marked MẬT or above names only its number, never
its subject. This is how a document one body files reaches the people of another body who
are waiting for it, within their access.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer import runtime
from indexer.engine import SearchEngine, SearchUnavailable
from indexer.query import Filters, match_query
from indexer.query_parser import parse_query
from indexer.search import access_and_filters
from records.codes import clearance_rank
from records.models import Document, SavedSearch, SavedSearchDocument
from records.models.base import utcnow
from records.notification_titles import title
from records.notify import notify

log = logging.getLogger(__name__)

#: Saved searches sent to the engine per multi-search request.
BATCH = 50
ALERT_KIND = "saved_search"
#: A baseline records at most this many documents; a search matching more gets none.
BASELINE_LIMIT = 10_000


@dataclass(frozen=True)
class Match:
    search_id: int
    document_id: int
    number: str | None
    subject: str | None
    filename: str
    confidentiality: str


def any_enabled(session: Session) -> bool:
    return session.scalar(select(SavedSearch.id).where(SavedSearch.alert).limit(1)) is not None


def check(document_ids: Sequence[int]) -> int:
    """Run every alert-enabled saved search over ``document_ids``; return notifications made."""
    ids = sorted({int(i) for i in document_ids})
    if not ids:
        return 0
    settings = runtime.settings()
    engine = runtime.engine()
    with runtime.database().session() as session:
        searches = session.scalars(
            select(SavedSearch).where(SavedSearch.alert).order_by(SavedSearch.id)
        ).all()
        searches = [s for s in searches if s.user.active]
        if not searches:
            return 0
        # Documents indexed a moment ago become searchable at the next refresh; make it now.
        engine.refresh(settings.index_alias)
        rows = session.execute(
            select(Document.id, Document.uploaded_at).where(Document.id.in_(ids))
        )
        uploaded = {document_id: at for document_id, at in rows}
        created = 0
        for start in range(0, len(searches), BATCH):
            chunk = searches[start : start + BATCH]
            for match in run(session, engine, settings.index_alias, chunk, ids):
                saved = next(s for s in chunk if s.id == match.search_id)
                if _new_to(session, saved, match.document_id, uploaded.get(match.document_id)):
                    created += _notify(session, saved, match)
        now = utcnow()
        for saved in searches:
            saved.last_checked_at = now
    return created


def run(
    session: Session,
    engine: SearchEngine,
    index: str,
    searches: Sequence[SavedSearch],
    document_ids: Sequence[int],
) -> list[Match]:
    """Which of ``document_ids`` each saved search matches, for its owner."""
    only = [str(i) for i in document_ids]
    bodies = []
    for saved in searches:
        filters, access = access_and_filters(session, saved.user, Filters.from_dict(saved.filters))
        query = match_query(parse_query(saved.query), access, filters=filters, only_ids=only)
        bodies.append(
            {
                "query": query,
                "size": len(only),
                "_source": ["number", "subject", "filename", "confidentiality"],
            }
        )
    matches: list[Match] = []
    for saved, answer in zip(searches, engine.msearch(index, bodies), strict=True):
        if "error" in answer:
            log.error("saved search %s failed: %s", saved.id, str(answer["error"])[:500])
            continue
        for hit in answer["hits"]["hits"]:
            source = hit.get("_source", {})
            matches.append(
                Match(
                    search_id=saved.id,
                    document_id=int(hit["_id"]),
                    number=source.get("number"),
                    subject=source.get("subject"),
                    filename=source.get("filename") or "",
                    confidentiality=source.get("confidentiality") or "thuong",
                )
            )
    return matches


def take_baseline(session: Session, engine: SearchEngine, index: str, saved: SavedSearch) -> bool:
    """Record the documents ``saved`` matches for its owner now, so that of the documents
    uploaded before it only those that become visible later alert. False (and no baseline)
    when the engine cannot answer or more than :data:`BASELINE_LIMIT` match."""
    filters, access = access_and_filters(session, saved.user, Filters.from_dict(saved.filters))
    body = {
        "query": match_query(parse_query(saved.query), access, filters=filters),
        "size": BASELINE_LIMIT,
        "_source": False,
        "track_total_hits": BASELINE_LIMIT + 1,
    }
    try:
        answer = engine.search(index, body)
    except SearchUnavailable as err:
        log.warning("no baseline for saved search %s: %s", saved.id, err)
        return False
    if answer["hits"]["total"]["value"] > BASELINE_LIMIT:
        log.info("no baseline for saved search %s: over %d matches", saved.id, BASELINE_LIMIT)
        return False
    known = set(
        session.scalars(
            select(SavedSearchDocument.document_id).where(
                SavedSearchDocument.saved_search_id == saved.id
            )
        )
    )
    matched = {int(hit["_id"]) for hit in answer["hits"]["hits"]}
    session.add_all(
        SavedSearchDocument(saved_search_id=saved.id, document_id=document_id)
        for document_id in sorted(matched - known)
    )
    saved.baseline_at = utcnow()
    return True


def _new_to(
    session: Session, saved: SavedSearch, document_id: int, uploaded_at: datetime | None
) -> bool:
    """Whether a match may alert (see the module docstring); if so it is recorded."""
    if session.get(SavedSearchDocument, (saved.id, document_id)) is not None:
        return False
    if uploaded_at is None or (uploaded_at < saved.created_at and saved.baseline_at is None):
        return False
    session.add(
        SavedSearchDocument(saved_search_id=saved.id, document_id=document_id, alerted=True)
    )
    return True


def _notify(session: Session, saved: SavedSearch, match: Match) -> int:
    if clearance_rank(match.confidentiality) > 0:  # e-mailed: a secret's subject stays home
        what = f"văn bản mật số {match.number}" if match.number else "một văn bản mật"
        heading = (
            title("saved_search.secret_numbered", name=saved.name, number=match.number)
            if match.number
            else title("saved_search.secret", name=saved.name)
        )
    else:
        what = " — ".join(p for p in (match.number, match.subject) if p) or match.filename
        heading = title("saved_search.match", name=saved.name, what=what)
    made = notify(
        session,
        saved.user,
        ALERT_KIND,
        heading,
        body=what,
        link=f"/documents/{match.document_id}",
        object_type="document",
        object_id=match.document_id,
        dedup_key=f"saved_search:{saved.id}:document:{match.document_id}",
    )
    if made is None:
        return 0
    saved.last_alert_at = utcnow()
    return 1
