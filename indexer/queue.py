"""Sending work to the workers without ever losing an upload.

The document row is committed before anything is queued; if the broker is down the send
fails here, the document is marked as waiting for the queue (``queue_wait_since``), and
:func:`requeue_waiting`, run every few seconds by beat, queues it once the broker answers.
"""

from __future__ import annotations

import logging

from celery import Task
from sqlalchemy import select, update

from indexer import runtime
from indexer.celery_app import celery
from indexer.tasks import index_documents, ingest
from records.models import Document
from records.models.base import utcnow

log = logging.getLogger(__name__)

PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
#: Documents queued again per run of :func:`requeue_waiting`.
REQUEUE_BATCH = 500


def enqueue_ingest(document_id: int, *, force: bool = False) -> bool:
    """Queue parsing and indexing of a document; False when the broker could not be reached
    (the document is then marked as waiting for the queue)."""
    if _send(ingest, [document_id], {"force": force}):
        return True
    _mark_waiting([document_id])
    return False


def enqueue_index(document_ids: list[int]) -> bool:
    """Queue re-indexing of already parsed documents (after a share, case or metadata change).

    When the broker is down the documents stay changed since they were indexed, and the
    periodic sweep indexes them.
    """
    if not document_ids:
        return True
    return _send(index_documents, [list(document_ids)], {})


@celery.task(name="indexer.queue.requeue_waiting")
def requeue_waiting() -> int:
    """Queue the documents waiting for the queue; return how many were sent (beat runs
    this every few seconds: it reaches a worker only once the broker answers again)."""
    with runtime.database().session() as session:
        waiting = session.scalars(
            select(Document.id)
            .where(Document.queue_wait_since.is_not(None))
            .order_by(Document.queue_wait_since)
            .limit(REQUEUE_BATCH)
        ).all()
    sent = [doc_id for doc_id in waiting if _send(ingest, [doc_id], {"force": False})]
    if sent:
        with runtime.database().session() as session:
            session.execute(
                update(Document).where(Document.id.in_(sent)).values(queue_wait_since=None)
            )
        log.info("queued %d documents that waited for the broker", len(sent))
    return len(sent)


def _mark_waiting(document_ids: list[int]) -> None:
    try:
        with runtime.database().session() as session:
            session.execute(
                update(Document)
                .where(Document.id.in_(document_ids), Document.queue_wait_since.is_(None))
                .values(queue_wait_since=utcnow())
            )
    except Exception as err:  # the sweep still finds it by its status and age
        log.warning("could not mark documents %s as waiting for the queue: %s", document_ids, err)


def _send(task: Task, args: list, kwargs: dict) -> bool:
    try:
        task.apply_async(
            args=args,
            kwargs=kwargs,
            queue=runtime.settings().queue,
            retry=True,
            retry_policy=PUBLISH_RETRY,
        )
    except Exception as err:  # kombu raises several kinds when Redis is unreachable
        log.warning("could not queue %s%s: %s", task.name, args, err)
        return False
    return True
