"""Celery tasks: thin wrappers that retry the pipeline steps with back-off, by time
(:mod:`indexer.retrying`)."""

from __future__ import annotations

import logging

from celery import Task
from sqlalchemy import or_, select

from indexer import alerts, pipeline, runtime, thumbnails
from indexer.celery_app import celery
from indexer.retrying import retried_by_time
from records.models import Document
from records.models.base import utcnow

log = logging.getLogger(__name__)

#: Retried by time (``failing_since`` carries the first failure), never by count.
RETRIED = {"bind": True, "max_retries": None}
#: Thumbnails wait behind every other message of the queue (the last of the Redis
#: transport's priority steps; 0 is first): in a burst of uploads each document becomes
#: searchable first, and a Word file's LibreOffice rendering never holds the others back.
THUMBNAIL_PRIORITY = 9


@celery.task(name="indexer.tasks.ingest", **RETRIED)
def ingest(
    self: Task, document_id: int, force: bool = False, failing_since: float | None = None
) -> str:
    """Parse then index one document (``force``: parse again even if already done)."""
    with retried_by_time(self, failing_since):
        if pipeline.parse(document_id, force=force):
            _alert_on(pipeline.index_ready(document_id))
            _thumbnail_later(document_id)
            return "indexed"
        return "failed"


@celery.task(name="indexer.tasks.make_thumbnail")
def make_thumbnail(document_id: int) -> bool:
    """Render the document's first-page thumbnail (and a Word file's PDF rendering)."""
    return thumbnails.ensure(document_id)


def _thumbnail_later(document_id: int) -> None:
    """Queue the thumbnail behind the rest of the queue; draw it now if it cannot be queued,
    so a broker that went away after indexing costs time, never the thumbnail."""
    try:
        make_thumbnail.apply_async(
            args=[document_id], queue=runtime.settings().queue, priority=THUMBNAIL_PRIORITY
        )
    except Exception as err:  # kombu raises several kinds when Redis is unreachable
        log.warning("could not queue the thumbnail of %s, drawing it now: %s", document_id, err)
        thumbnails.ensure(document_id)


@celery.task(name="indexer.tasks.index_documents", **RETRIED)
def index_documents(self: Task, document_ids: list[int], failing_since: float | None = None) -> int:
    """(Re)index documents whose text is already parsed, e.g. after a share or case change."""
    with retried_by_time(self, failing_since):
        indexed = pipeline.index(document_ids)
        _alert_on(indexed)
        return len(indexed)


@celery.task(name="indexer.tasks.check_saved_searches", **RETRIED)
def check_saved_searches(
    self: Task, document_ids: list[int], failing_since: float | None = None
) -> int:
    """Notify the owners of saved searches with alerts that these new documents match."""
    with retried_by_time(self, failing_since):
        return alerts.check(document_ids)


def _alert_on(document_ids: list[int]) -> None:
    """Queue the saved-search check for freshly indexed documents, if anyone has alerts.

    A separate task, so a slow or failing check never delays or repeats the indexing.
    """
    if not document_ids:
        return
    with runtime.database().session() as session:
        wanted = alerts.any_enabled(session)
    if wanted:
        check_saved_searches.apply_async(args=[list(document_ids)], queue=runtime.settings().queue)


@celery.task(name="indexer.tasks.sweep")
def sweep() -> dict[str, int]:
    """Re-queue whatever an outage or a killed worker left behind.

    Documents still ``received`` or ``processing`` after :func:`pipeline.stale_after`
    are parsed again; parsed documents and those changed since they were indexed are
    indexed again.
    """
    cutoff = utcnow() - pipeline.stale_after()
    with runtime.database().session() as session:
        to_parse = session.scalars(
            select(Document.id).where(
                Document.status.in_(("received", "processing")), Document.changed_at < cutoff
            )
        ).all()
        to_index = session.scalars(
            select(Document.id).where(
                or_(
                    Document.status == "parsed",
                    (Document.status == "indexed") & (Document.indexed_at < Document.changed_at),
                )
            )
        ).all()
    queue = runtime.settings().queue
    for document_id in to_parse:
        ingest.apply_async(args=[document_id], queue=queue)
    batch = pipeline.INDEX_BATCH
    for start in range(0, len(to_index), batch):
        index_documents.apply_async(args=[list(to_index[start : start + batch])], queue=queue)
    if to_parse or to_index:
        log.info("sweep re-queued %d to parse, %d to index", len(to_parse), len(to_index))
    return {"parse": len(to_parse), "index": len(to_index)}
