"""``hoso check``: does the search index hold what the database (the record) says?

The database decides. A document that is ``parsed`` or ``indexed`` belongs in the index
with the same ``changed_at`` and ``pipeline_version``; anything else in the index is extra.
Documents stuck in ``received``/``processing`` past the sweep's threshold need parsing
again, and with ``files=True`` every stored file is read back and hashed. The index behind
the alias must also be the one hoso defines (``schemas/index``): an index the engine
created by itself for a stray write has none of its analysis, and every search fails.
:func:`repair` fixes what can be fixed and is safe to run any number of times; it runs
under the admin lock, so never while a reindex, restore or disposal does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from indexer import pipeline, runtime
from indexer.admin_lock import AdminLock
from indexer.engine import SearchEngine, SearchUnavailable, load_schema
from indexer.queue import enqueue_ingest
from records.db import Database
from records.models import Document
from records.models.base import utcnow
from records.storage import FileStore

log = logging.getLogger(__name__)

INDEXABLE = ("parsed", "indexed")
REPAIR_BATCH = 200
#: Documents before parsing longer than this are listed (with their age and why); past
#: the sweep's stale limit they are stuck, and the check fails.
WAITING_LISTED_AFTER_S = 60


@dataclass
class Waiting:
    """A document not parsed yet, and for how long."""

    id: int
    status: str
    age_s: int
    why: str


@dataclass
class Drift:
    """What differs between the database and the index (ids are document ids)."""

    database_documents: int = 0
    indexable: int = 0
    index_documents: int = 0
    missing: list[int] = field(default_factory=list)
    outdated: list[int] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    stuck: list[int] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    missing_files: list[int] = field(default_factory=list)
    corrupt_files: list[int] = field(default_factory=list)
    stray_indexes: list[str] = field(default_factory=list)
    index_problems: list[str] = field(default_factory=list)
    files_checked: bool = False
    #: The admin operation running while this check read the index (its new index is
    #: not a stray one), or None.
    admin_operation: str | None = None

    @property
    def clean(self) -> bool:
        return not any(
            (
                self.missing,
                self.outdated,
                self.extra,
                self.stuck,
                self.missing_files,
                self.corrupt_files,
                self.stray_indexes,
                self.index_problems,
            )
        )

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "clean": self.clean}


@dataclass
class RepairReport:
    indexed: int = 0
    deleted: int = 0
    requeued: int = 0
    not_queued: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    stray_indexes_deleted: list[str] = field(default_factory=list)
    unrepairable_files: list[int] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not (self.not_queued or self.failed or self.unrepairable_files)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "complete": self.complete}


def _utc(value: datetime | str | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def check(
    db: Database,
    engine: SearchEngine,
    alias: str,
    *,
    store: FileStore | None = None,
    stale_after_s: float | None = None,
    progress: Callable[[str], None] | None = None,
    admin_operation: str | None = None,
) -> Drift:
    """Compare database and index (and, given ``store``, the stored files).

    ``admin_operation`` names an admin operation running meanwhile: the index it is
    building is then not reported as stray.
    """
    say = progress or (lambda _message: None)
    drift = Drift(files_checked=store is not None, admin_operation=admin_operation)
    live = engine.indices_for(alias)
    drift.index_problems = engine.index_problems(alias, load_schema("documents"))
    say(f"reading the index behind {alias} ({', '.join(live) or 'none'})")
    if live:
        engine.refresh(alias)  # what was written last must be visible to the scan
    in_index: dict[str, dict[str, Any]] = dict(engine.scan_ids(alias)) if live else {}
    drift.index_documents = len(in_index)
    if admin_operation is None:
        drift.stray_indexes = [
            name for name in engine.indices_matching(f"{alias}-v*") if name not in live
        ]

    stale_s = stale_after_s if stale_after_s is not None else pipeline.stale_after().total_seconds()
    now = utcnow().timestamp()
    cutoff = now - stale_s
    say("reading the database")
    seen: set[str] = set()
    with db.session() as session:
        rows = session.execute(
            select(
                Document.id,
                Document.status,
                Document.changed_at,
                Document.pipeline_version,
                Document.sha256,
                Document.queue_wait_since,
            ).execution_options(yield_per=2000)
        )
        for doc_id, status, changed_at, version, sha256, queue_wait_since in rows:
            drift.database_documents += 1
            key = str(doc_id)
            indexed = in_index.get(key)
            if status in INDEXABLE:
                drift.indexable += 1
                seen.add(key)
                if indexed is None:
                    drift.missing.append(doc_id)
                elif _outdated(status, changed_at, version, indexed):
                    drift.outdated.append(doc_id)
            elif status == "failed":
                continue  # not seen: a copy left in the index is extra
            elif status == "disposed":
                continue  # its file and index entry are gone on purpose; a copy left is extra
            else:
                seen.add(key)  # being (re)parsed: its earlier copy stays until then
                since = _utc(queue_wait_since or changed_at).timestamp()  # type: ignore[union-attr]
                if now - since > WAITING_LISTED_AFTER_S:
                    why = _why_waiting(status, queue_wait_since is not None)
                    drift.waiting.append(Waiting(doc_id, status, int(now - since), why))
                if since < cutoff:
                    drift.stuck.append(doc_id)
            if store is not None:
                _check_file(store, doc_id, sha256, drift)
    drift.extra = sorted((key for key in in_index if key not in seen), key=_numeric)
    return drift


def _why_waiting(status: str, queue_failed: bool) -> str:
    if queue_failed:
        return "waiting for the queue: the broker could not be reached when it was sent"
    if status == "received":
        return "queued, not yet taken by a worker (workers busy or stopped?)"
    return "being parsed, or its worker stopped (it is handed to another)"


def _numeric(key: str) -> tuple[int, str]:
    return (int(key), "") if key.isdigit() else (-1, key)


def _outdated(status: str, changed_at: datetime, version: int | None, body: dict[str, Any]) -> bool:
    if status == "parsed":
        return True  # indexed but never marked so (a worker died between the two writes)
    indexed_at = _utc(body.get("changed_at"))
    if indexed_at is None or indexed_at < _utc(changed_at):  # type: ignore[operator]
        return True
    return body.get("pipeline_version") != version


def _check_file(store: FileStore, doc_id: int, sha256: str, drift: Drift) -> None:
    if not store.exists(sha256):
        drift.missing_files.append(doc_id)
    elif not store.verify(sha256):
        drift.corrupt_files.append(doc_id)


def repair(
    drift: Drift,
    engine: SearchEngine,
    alias: str,
    *,
    lock: AdminLock,
    batch_size: int = REPAIR_BATCH,
    progress: Callable[[str], None] | None = None,
) -> RepairReport:
    """Fix ``drift``: index missing and outdated documents in bulk batches, delete extra
    ones and stray indexes, queue stuck documents for parsing. Files that are missing or
    damaged cannot be repaired from here: they are reported (restore them from a backup),
    and neither can an index whose definition drifted (``hoso reindex`` replaces it).

    ``lock`` is the admin lock the caller holds; it is confirmed before an index is deleted.
    """
    say = progress or (lambda _message: None)
    report = RepairReport(unrepairable_files=sorted(drift.missing_files + drift.corrupt_files))
    if drift.index_problems:
        return report  # writing into an index without hoso's analysis only adds to it
    to_index = sorted(set(drift.missing) | set(drift.outdated))
    for batch in _batches(to_index, batch_size):
        try:
            done = set(pipeline.index(batch))
        except SearchUnavailable as err:
            log.warning("repair could not index a batch: %s", err)
            done = set()
        report.indexed += len(done)
        report.failed += [doc_id for doc_id in batch if doc_id not in done]
        say(f"indexed {report.indexed}/{len(to_index)}")
    if drift.extra:
        report.deleted = _delete(engine, alias, drift.extra, batch_size)
        say(f"deleted {report.deleted} documents that the database does not hold")
    for doc_id in drift.stuck:
        if enqueue_ingest(doc_id):
            report.requeued += 1
        else:
            report.not_queued.append(doc_id)
    for name in drift.stray_indexes:
        lock.confirm()
        if name in engine.indices_for(alias):
            continue  # the alias moved to it since the check: it serves now
        engine.delete_index(name)
        report.stray_indexes_deleted.append(name)
    if engine.indices_for(alias):
        engine.refresh(alias)
    return report


def _delete(engine: SearchEngine, alias: str, ids: list[str], batch_size: int) -> int:
    deleted = 0
    for batch in _batches(ids, batch_size):
        actions = [{"_op_type": "delete", "_index": alias, "_id": doc_id} for doc_id in batch]
        errors = [e for e in engine.bulk(actions) if "not_found" not in e.reason]
        for error in errors:
            log.error("deleting %s from the index failed: %s", error.doc_id, error.reason)
        deleted += len(batch) - len(errors)
    return deleted


def _batches(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def check_here(
    *,
    files: bool = False,
    progress: Callable[[str], None] | None = None,
    admin_operation: str | None = None,
) -> Drift:
    """:func:`check` with this process's configured database, engine and store."""
    return check(
        runtime.database(),
        runtime.engine(),
        runtime.settings().index_alias,
        store=runtime.store() if files else None,
        progress=progress,
        admin_operation=admin_operation,
    )
