"""``hoso reindex``: rebuild the search index from the database without a gap in search.

A new index version is filled in bulk batches next to the one serving (replicas 0 and no
refresh while it fills, the configured values restored afterwards); documents without a
group of renderings get one (:mod:`indexer.duplicates`), documents changed meanwhile are
caught up, the alias moves to the new index in one atomic call, the few
documents changed around the swap are caught up again, and only then is the old index
removed. Any failure before the swap deletes the new index: the old one never stopped
serving, so an interrupted rebuild costs nothing but the time spent.

The rebuild holds the admin lock (:mod:`indexer.admin_lock`) throughout, and writes the new
index through an alias of its own: should the index vanish meanwhile, the writes fail
instead of the engine creating an index without hoso's analysis. A rebuild that could not
write every document stops before the swap.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select

from indexer import duplicates, pipeline, runtime
from indexer.admin_lock import AdminLock, admin_lock
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
    caught_up: int = 0
    #: Documents that had no group of renderings and joined another document's.
    grouped: int = 0
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
    lock: AdminLock | None = None,
) -> ReindexReport:
    """Build a new index version from the database and swap the alias to it.

    Takes the admin lock unless the caller holds it already (``lock``, e.g. a restore);
    raises :class:`indexer.admin_lock.AdminBusy` while another admin operation runs.
    """
    with _holding(lock) as held:
        return _reindex(held, batch_size, progress, old_index_grace_s)


@contextmanager
def _holding(lock: AdminLock | None) -> Iterator[AdminLock]:
    if lock is not None:
        yield lock
        return
    settings = runtime.settings()
    with admin_lock(
        "reindex", runtime.database(), settings.broker_url, settings.index_alias
    ) as taken:
        yield taken


def _reindex(
    lock: AdminLock,
    batch_size: int,
    progress: Callable[[int, int], None] | None,
    old_index_grace_s: float,
) -> ReindexReport:
    settings = runtime.settings()
    engine = runtime.engine()
    alias = settings.index_alias
    schema = load_schema("documents")
    started_clock = time.perf_counter()
    new = engine.new_index_name(alias, schema)
    filling = f"{new}-filling"
    engine.create_index(new, schema, shards=settings.search_shards, replicas=0, aliases=[filling])
    report = ReindexReport(index=new)
    build_started = utcnow()
    try:
        engine.put_settings(new, {"index": {"refresh_interval": "-1"}})
        _fill(engine, filling, batch_size, report, progress)
        report.grouped = _group_renderings(engine, filling, batch_size)
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
        report.caught_up += _catch_up(filling, since=build_started, batch_size=batch_size)
        engine.refresh(new)
        _verify(engine, filling, schema, report)
        _wait_healthy(engine, new, settings.search_replicas)
        lock.confirm()
        old = engine.swap_alias(alias, new, drop_alias=filling)
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
    lock.confirm()
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


def _verify(engine: SearchEngine, filling: str, schema: dict, report: ReindexReport) -> None:
    """The new index still is the one created here, with hoso's analysis, and holds every
    document written; otherwise the rebuild must not replace the serving index."""
    problems = engine.index_problems(filling, schema)
    if problems:
        raise ReindexFailed("the new index changed while it was filled: " + "; ".join(problems))
    held = engine.count(filling)
    if held < report.documents:
        raise ReindexFailed(
            f"the new index holds {held} documents, {report.documents} were written"
        )


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
            sent = pipeline.send(engine, pipeline.bulk_actions(session, documents, target))
            if sent.refused or sent.transient:
                raise ReindexFailed(_not_written(sent))
            report.documents += len(sent.indexed)
            seen += len(documents)
            if progress:
                progress(seen, max(total, seen))


def _group_renderings(engine: SearchEngine, target: str, batch_size: int) -> int:
    """Look up the renderings of documents that have no group yet (indexed before hoso
    grouped renderings, or while the lookup failed), as indexing them would; return how
    many joined another document's group. Grouped documents keep the group they have."""
    with runtime.database().session() as session:
        ungrouped = list(
            session.scalars(
                select(Document.id)
                .where(Document.status.in_(INDEXABLE), Document.same_group_id.is_(None))
                .order_by(Document.id)
            )
        )
    joined = 0
    for start in range(0, len(ungrouped), batch_size):
        batch = ungrouped[start : start + batch_size]
        joined += len(duplicates.assign_groups(runtime.database(), engine, target, batch))
    return joined


def _not_written(sent: pipeline.Sent) -> str:
    refused = ", ".join(f"{doc_id} ({reason[:200]})" for doc_id, reason in sent.refused.items())
    parts = []
    if refused:
        parts.append(
            f"the engine refused documents {refused}; re-run them (hoso doc rerun ID: one "
            "the engine refuses again ends failed with its reason), then run hoso reindex again"
        )
    if sent.transient:
        parts.append(
            f"{len(sent.transient)} documents could not be written "
            f"(first: {sent.transient[0].reason[:200]})"
        )
    return "; ".join(parts)


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
        batch = ids[start : start + batch_size]
        written = pipeline.index(batch, target=target)
        if target is not None and len(written) < len(batch):
            raise ReindexFailed(
                f"documents changed during the rebuild could not be written: "
                f"{sorted(set(batch) - set(written))[:20]}"
            )
        done += len(written)
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
