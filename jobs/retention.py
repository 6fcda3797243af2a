"""Beat and worker tasks of disposal: propose a list every day, execute an approved one.

Execution commits the database side first (file removed, text dropped, status
``disposed``), then deletes the documents from the search index; if the engine is down the
task retries, and ``hoso check`` reports (and ``repair`` deletes) any copy left behind.
It holds the admin lock (:mod:`indexer.admin_lock`): a reindex running meanwhile would
write the disposed documents back, so while one runs the execution waits its turn.
"""

from __future__ import annotations

import logging

from celery import Task
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from indexer import runtime
from indexer.admin_lock import AdminBusy, AdminLock, admin_lock
from indexer.celery_app import celery
from indexer.engine import SearchUnavailable
from indexer.retrying import retried_by_time
from records.calendar import local_today
from records.models import DisposalList
from records.retention import disposal

log = logging.getLogger(__name__)

#: While another admin operation holds the lock, try again this often (the list stays
#: approved meanwhile, and the daily job queues it again should this task be lost).
BUSY_RETRY_S = 60


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
    max_retries=None,
)
def execute_disposal(self: Task, list_id: int, failing_since: float | None = None) -> list[int]:
    """Dispose an approved list's documents and remove them from the index."""
    settings = runtime.settings()
    try:
        with (
            retried_by_time(self, failing_since),
            admin_lock(
                "disposal", runtime.database(), settings.broker_url, settings.index_alias
            ) as lock,
        ):
            return _execute(list_id, lock)
    except AdminBusy as err:
        log.info("disposal list %s waits: %s", list_id, err)
        raise self.retry(countdown=BUSY_RETRY_S) from err


def _execute(list_id: int, lock: AdminLock) -> list[int]:
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
    lock.confirm()
    errors = engine.bulk(
        [
            {"_op_type": "delete", "_index": settings.index_alias, "_id": str(doc_id)}
            for doc_id in disposed
        ]
    )
    left = [error for error in errors if "not_found" not in error.reason]
    if left:
        raise SearchUnavailable(
            f"{len(left)} disposed documents are still in the index: {left[0].reason}"
        )
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
