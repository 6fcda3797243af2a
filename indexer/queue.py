"""Sending work to the workers without ever losing an upload.

The document row is committed before anything is queued; if the broker is down the send
fails here, is logged, and the periodic sweep queues the document once the broker is back.
"""

from __future__ import annotations

import logging

from celery import Task

from indexer import runtime
from indexer.tasks import index_documents, ingest

log = logging.getLogger(__name__)

PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}


def enqueue_ingest(document_id: int, *, force: bool = False) -> bool:
    """Queue parsing and indexing of a document; False when the broker could not be reached."""
    return _send(ingest, [document_id], {"force": force})


def enqueue_index(document_ids: list[int]) -> bool:
    """Queue re-indexing of already parsed documents (after a share, case or metadata change)."""
    if not document_ids:
        return True
    return _send(index_documents, [list(document_ids)], {})


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
        log.warning("could not queue %s%s: %s (the sweep will retry)", task.name, args, err)
        return False
    return True
