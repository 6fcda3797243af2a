"""Pieces the fault tests and bench/recovery.py share: a search loop that counts failures,
ingesting many files while something breaks, and the end state every fault test demands."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from indexer import consistency
from indexer.engine import SearchEngine
from records.config import Settings
from records.db import Database
from records.models import Document
from tests.support.ingest import upload, wait_for


class SearchLoop:
    """Searches the alias over and over in a thread until stopped; counts what failed."""

    def __init__(self, engine: SearchEngine, alias: str, query: dict, pause_s: float = 0.02):
        self.engine = engine
        self.alias = alias
        self.query = query
        self.pause_s = pause_s
        self.answered = 0
        self.failures: list[str] = []
        self.partial = 0  # answered, but some shard copy did not
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> SearchLoop:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=60)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                result = self.engine.search(self.alias, self.query)
                self.answered += 1
                if result.get("_shards", {}).get("failed"):
                    self.partial += 1
            except Exception as err:
                self.failures.append(f"{time.strftime('%H:%M:%S')} {err}"[:500])
            self._stop.wait(self.pause_s)


@dataclass
class IngestRun:
    ids: list[int] = field(default_factory=list)
    upload_s: float = 0.0
    total_s: float = 0.0


def ingest(
    db: Database,
    settings: Settings,
    paths: list[Path],
    *,
    after_upload: Callable[[int], None] | None = None,
    wait: bool = True,
    timeout_s: float = 900,
) -> IngestRun:
    """Upload ``paths`` the way users do (file stored, row committed, task queued), calling
    ``after_upload(count)`` after each; then wait until every document is indexed."""
    run = IngestRun()
    started = time.perf_counter()
    for count, path in enumerate(paths, start=1):
        run.ids.append(upload(db, settings, path))
        if after_upload:
            after_upload(count)
    run.upload_s = time.perf_counter() - started
    if wait:
        wait_for(db, run.ids, statuses=("indexed",), timeout_s=timeout_s)
    run.total_s = time.perf_counter() - started
    return run


def assert_consistent(db: Database, engine: SearchEngine, settings: Settings, files: int) -> None:
    """The end of every fault test: check clean, and database = index = files ingested."""
    drift = consistency.check(db, engine, settings.index_alias, stale_after_s=3600)
    assert drift.clean, drift.to_dict()
    with db.session() as session:
        statuses = dict(
            session.execute(select(Document.status, func.count()).group_by(Document.status)).all()
        )
    assert statuses == {"indexed": files}, statuses
    assert engine.count(settings.index_alias) == files
