"""``hoso reindex``: rebuild the search index from the database without a gap in search.

A new index version is filled in bulk batches next to the one serving (replicas 0 and no
refresh while it fills, the configured values restored afterwards); documents changed
meanwhile are caught up, the alias moves to the new index in one atomic call, the few
documents changed around the swap are caught up again, and only then is the old index
removed. Any failure before the swap deletes the new index: the old one never stopped
serving, so an interrupted rebuild costs nothing but the time spent.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select

from indexer import pipeline, runtime
from indexer.documents import BODY_OPTIONS
from indexer.engine import SearchEngine, SearchUnavailable, load_schema
from records.models import Document
from records.models.base import utcnow

log = logging.getLogger(__name__)

INDEXABLE = ("parsed", "indexed")
#: Measured (bench/reindex_speed.py, 5,000 documents of 1–3 pages): 200 -> 105 docs/s,
#: 500 -> 132, 1000 -> 157 at +25 MB resident per 300 documents; 500 keeps big documents
#: well inside a worker's memory.
BATCH = 500
#: Documents changed this long before a catch-up began are caught up too: app servers'
#: clocks set ``changed_at``, and catching a document up twice costs nothing.
CLOCK_MARGIN = timedelta(seconds=60)
#: Searches that resolved the alias just before the swap may still read the old index.
OLD_INDEX_GRACE_S = 5.0
HEALTH_WAIT_S = 120


@dataclass
class ReindexReport:
    index: str
    documents: int = 0
    skipped: list[int] = field(default_factory=list)  # the engine refused them
    caught_up: int = 0
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


class ReindexFailed(Exception):
    """The rebuild stopped before the swap; the old index still serves."""


def reindex(
    *,
    batch_size: int = BATCH,
    progress: Callable[[int, int], None] | None = None,
    old_index_grace_s: float = OLD_INDEX_GRACE_S,
) -> ReindexReport:
    """Build a new index version from the database and swap the alias to it."""
    settings = runtime.settings()
    engine = runtime.engine()
    alias = settings.index_alias
    schema = load_schema("documents")
    started_clock = time.perf_counter()
    new = engine.new_index_name(alias, schema)
    engine.create_index(new, schema, shards=settings.search_shards, replicas=0)
    report = ReindexReport(index=new)
    build_started = utcnow()
    try:
        engine.put_settings(new, {"index": {"refresh_interval": "-1"}})
        _fill(engine, new, batch_size, report, progress)
        engine.put_settings(
            new,
            {
                "index": {
                    "number_of_replicas": settings.search_replicas,
                    "refresh_interval": _refresh_interval(schema),
                }
            },
        )
        swap_mark = utcnow()
        report.caught_up += _catch_up(new, since=build_started, batch_size=batch_size)
        engine.refresh(new)
        _wait_healthy(engine, new, settings.search_replicas)
        old = engine.swap_alias(alias, new)
    except BaseException as err:
        _discard(engine, new)
        if isinstance(err, Exception):
            raise ReindexFailed(
                f"reindex stopped, {alias} still serves the old index: {err}"
            ) from err
        raise
    # From here on the alias points at the new index; workers write there too.
    report.caught_up += _catch_up(None, since=swap_mark, batch_size=batch_size)
    if old:
        time.sleep(old_index_grace_s)
    for name in old:
        engine.delete_index(name)
        report.removed.append(name)
    report.seconds = time.perf_counter() - started_clock
    log.info(
        "reindexed %d documents into %s in %.1f s (%d caught up, removed %s)",
        report.documents,
        new,
        report.seconds,
        report.caught_up,
        ", ".join(report.removed) or "nothing",
    )
    return report


def _fill(
    engine: SearchEngine,
    target: str,
    batch_size: int,
    report: ReindexReport,
    progress: Callable[[int, int], None] | None,
) -> None:
    """Stream every indexable document from one query, ``batch_size`` at a time, each
    batch one bulk request; only the batch being sent is held in memory."""
    indexable = Document.status.in_(INDEXABLE)
    with runtime.database().session() as session:
        total = session.scalar(select(func.count()).where(indexable)) or 0
        stream = session.scalars(
            select(Document)
            .where(indexable)
            .order_by(Document.id)
            .options(*BODY_OPTIONS)
            .execution_options(yield_per=batch_size)
        )
        seen = 0
        for documents in stream.partitions():
            done = set(pipeline.send(engine, pipeline.bulk_actions(session, documents, target)))
            report.documents += len(done)
            report.skipped += [d.id for d in documents if d.id not in done]
            seen += len(documents)
            if progress:
                progress(seen, max(total, seen))


def _ids(since: datetime | None = None) -> list[int]:
    query = select(Document.id).where(Document.status.in_(INDEXABLE)).order_by(Document.id)
    if since is not None:
        query = query.where(Document.changed_at >= since - CLOCK_MARGIN)
    with runtime.database().session() as session:
        return list(session.scalars(query))


def _catch_up(target: str | None, *, since: datetime, batch_size: int) -> int:
    """Index again what changed since ``since`` (into ``target``, or through the alias)."""
    ids = _ids(since)
    done = 0
    for start in range(0, len(ids), batch_size):
        done += len(pipeline.index(ids[start : start + batch_size], target=target))
    return done


def _refresh_interval(schema: dict) -> str | None:
    """The schema's refresh interval, or None to return to the engine's default."""
    return schema.get("settings", {}).get("index", {}).get("refresh_interval")


def _wait_healthy(engine: SearchEngine, index: str, replicas: int) -> None:
    """All primaries active before the swap; replicas too when the cluster can place them."""
    status = engine.wait_for_index(index, "green" if replicas else "yellow", HEALTH_WAIT_S)
    if status == "red":
        raise SearchUnavailable(f"the new index {index} is red after {HEALTH_WAIT_S} s")
    if replicas and status != "green":
        log.warning("index %s is %s: its replicas are still being placed", index, status)


def _discard(engine: SearchEngine, index: str) -> None:
    try:
        engine.delete_index(index)
    except SearchUnavailable as err:
        log.error(
            "could not delete the unfinished index %s (hoso check --repair will): %s", index, err
        )
