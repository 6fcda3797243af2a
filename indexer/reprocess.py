"""Parsing documents again: one on request (a "re-run"), or many after the rules changed.

A document to re-run is first set back to ``received`` and committed, then queued with
``force``: if the broker is down the sweep still finds it, so a request is never lost.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from indexer import unit_of_work
from indexer.pipeline import PIPELINE_VERSION
from indexer.queue import enqueue_ingest
from records import audit
from records.models import Document, User
from records.models.base import utcnow


def request_rerun(
    session: Session, document: Document, user: User | None, *, ip: str = "", channel: str = "web"
) -> bool:
    """Queue ``document`` to be parsed again (the caller checked it may: Action.EDIT).

    Commits the (watched, :mod:`indexer.unit_of_work`) session, which queues the parsing;
    returns False when the broker was unreachable (the sweep will queue it later).
    """
    document.status = "received"
    document.touch()
    audit.record(
        session,
        user,
        "document.rerun",
        object_type="document",
        object_id=document.id,
        ip=ip,
        level=document.confidentiality,
        channel=channel,
    )
    unit_of_work.reparse(session, document)
    session.commit()
    return unit_of_work.delivered(session, document.id)


def outdated_clause(statuses: Sequence[str] = ()) -> ColumnElement[bool]:
    """Documents parsed by an older pipeline (or never), optionally only in ``statuses``;
    never disposed ones (their file and text are gone)."""
    clause = or_(Document.pipeline_version.is_(None), Document.pipeline_version < PIPELINE_VERSION)
    clause = clause & (Document.status != "disposed")
    if statuses:
        clause = clause & Document.status.in_(list(statuses))
    return clause


def requeue(session: Session, where: ColumnElement[bool], user: User | None) -> tuple[int, int]:
    """Set every document matching ``where`` back to received and queue it with ``force``;
    return (documents, queued). Commits the session."""
    ids = list(session.scalars(select(Document.id).where(where).order_by(Document.id)))
    if not ids:
        return 0, 0
    now = utcnow()
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        session.execute(
            update(Document)
            .where(Document.id.in_(chunk))
            .values(status="received", changed_at=now)
            .execution_options(synchronize_session=False)
        )
    audit.record(
        session,
        user,
        "document.reprocess",
        object_type="document",
        count=len(ids),
        pipeline_version=PIPELINE_VERSION,
    )
    session.commit()
    queued = sum(enqueue_ingest(document_id, force=True) for document_id in ids)
    return len(ids), queued
