"""Beat and worker tasks of disposal: propose a list every day, execute an approved one.

Execution commits the database side first (file removed, text dropped, status
``disposed``), then deletes the documents from the search index; if the engine is down the
task retries, and ``hoso check`` reports (and ``repair`` deletes) any copy left behind.
"""

from __future__ import annotations

import logging

from celery import Task
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from indexer import runtime
from indexer.celery_app import celery
from indexer.engine import SearchUnavailable
from records.calendar import local_today
from records.models import DisposalList
from records.retention import disposal

log = logging.getLogger(__name__)


@celery.task(
    name="indexer.retention.propose_disposals", autoretry_for=(OperationalError,), max_retries=3
)
def propose_disposals() -> int:
    """Add newly eligible documents to the draft disposal list and queue again any approved
    list not executed yet (the broker was down); return the draft's id (0: none)."""
    settings = runtime.settings()
    with runtime.database().session() as session:
        draft = disposal.propose(session, None, local_today(), settings.trash_days)
        draft_id = draft.id if draft else 0
        waiting = session.scalars(
            select(DisposalList.id).where(DisposalList.state == "approved")
        ).all()
    for list_id in waiting:
        enqueue_execution(list_id)
    return draft_id


@celery.task(
    name="indexer.retention.execute_disposal",
    bind=True,
    autoretry_for=(SearchUnavailable, OperationalError),
    retry_backoff=5,
    retry_backoff_max=300,
    max_retries=8,
)
def execute_disposal(self: Task, list_id: int) -> list[int]:
    """Dispose an approved list's documents and remove them from the index."""
    settings = runtime.settings()
    with runtime.database().session() as session:
        approved = session.get(DisposalList, list_id)
        if approved is None:
            log.warning("disposal list %s does not exist", list_id)
            return []
        if approved.state == "executed":
            disposed = [item.document_id for item in approved.items if item.state == "disposed"]
        else:
            result = disposal.execute(
                session, runtime.store(), approved, local_today(), settings.trash_days
            )
            disposed = result.disposed
    engine = runtime.engine()
    for document_id in disposed:
        engine.delete(settings.index_alias, str(document_id))
    if disposed:
        engine.refresh(settings.index_alias)  # gone from search at once, not a second later
    log.info("disposal list %s executed: %d documents disposed", list_id, len(disposed))
    return disposed


def enqueue_execution(list_id: int) -> bool:
    """Queue the execution of an approved list; False when the broker is unreachable (the
    list stays approved and the daily job queues it again)."""
    try:
        execute_disposal.apply_async(args=[list_id], queue=runtime.settings().queue)
    except Exception as err:  # kombu raises several kinds when Redis is unreachable
        log.warning("could not queue disposal list %s: %s", list_id, err)
        return False
    return True
