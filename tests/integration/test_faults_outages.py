"""The broker or the search engine stops during ingest: uploads stay durable, and once the
service is back the sweep finishes every document."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from indexer import runtime
from indexer.queue import enqueue_ingest
from indexer.tasks import sweep
from records.config import load_settings
from records.db import Database
from records.models import Document
from records.storage import open_store
from tests.support.broker import publishing_to
from tests.support.files import make_letters
from tests.support.ingest import wait_for
from tests.support.private import PrivateServices
from tests.support.scenarios import assert_consistent, ingest
from tests.support.worker import Worker

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.timeout(600)]


@pytest.fixture
def private(tmp_path: Path):
    services = PrivateServices(tmp_path / "services")
    try:
        yield services
    finally:
        services.close()


def _statuses(db: Database) -> dict[str, int]:
    with db.session() as session:
        rows = session.execute(select(Document.status, func.count()).group_by(Document.status))
        return dict(rows.all())


def _wait_indexed(db: Database, ids: list[int], worker: Worker) -> None:
    try:
        wait_for(db, ids, statuses=("indexed",), timeout_s=300)
    except TimeoutError as err:
        raise TimeoutError(f"{err}\nthe worker's log ends:\n{worker.tail()}") from None


def test_uploads_survive_a_stopped_broker_and_are_processed_when_it_returns(
    private: PrivateServices, hoso_settings, db: Database, tmp_path: Path, monkeypatch, caplog
) -> None:
    broker = private.redis()
    monkeypatch.setenv("HOSO_BROKER_URL", broker)
    runtime.reset()
    settings = load_settings()
    paths = make_letters(tmp_path / "in", 30)
    worker = Worker(settings, tmp_path / "worker.log").start()
    try:
        with publishing_to(broker):
            before = ingest(db, settings, paths[:10])  # all indexed: the path works
            private.stop("redis")
            with caplog.at_level(logging.WARNING, logger="indexer.queue"):
                during = ingest(db, settings, paths[10:], wait=False)
                assert enqueue_ingest(during.ids[0]) is False
            assert sum("could not queue" in r.message for r in caplog.records) == 21
            # Durable: rows committed and files stored although nothing could be queued.
            assert _statuses(db) == {"indexed": 10, "received": 20}
            store = open_store(settings)
            with db.session() as session:
                digests = session.scalars(select(Document.sha256)).all()
            assert all(store.verify(sha256) for sha256 in digests)

            private.start("redis")
            monkeypatch.setenv("HOSO_SWEEP_STALE_S", "0")
            runtime.reset()
            assert sweep()["parse"] == 20
            _wait_indexed(db, during.ids, worker)
    finally:
        worker.stop()
    assert_consistent(db, runtime.engine(), settings, len(paths))
    assert len(before.ids) == 10


def test_a_worker_holding_tasks_survives_the_broker_going_away(
    private: PrivateServices, hoso_settings, db: Database, tmp_path: Path, monkeypatch
) -> None:
    """The broker stops while the worker runs one task and holds others unacknowledged:
    the worker keeps running and finishes everything once it is back. (celery 5.7.0's worker
    could die here, restoring those messages over the connection it had just closed; how
    often depends on timing, hence this test and the broker test above.)"""
    broker = private.redis()
    monkeypatch.setenv("HOSO_BROKER_URL", broker)
    runtime.reset()
    settings = load_settings()
    paths = make_letters(tmp_path / "in", 20)
    worker = Worker(settings, tmp_path / "worker.log")
    try:
        with publishing_to(broker):
            run = ingest(db, settings, paths, wait=False)  # queued; nobody consumes yet
            worker.start()
            _wait_until_one_started(db, run.ids)
            private.stop("redis")
            assert _statuses(db).get("indexed", 0) < len(paths)  # it held work when it went
            private.start("redis")
            monkeypatch.setenv("HOSO_SWEEP_STALE_S", "0")
            runtime.reset()
            sweep()
            _wait_indexed(db, run.ids, worker)
        assert worker.process is not None
        assert worker.process.poll() is None, f"the worker exited:\n{worker.tail()}"
    finally:
        worker.stop()
    assert_consistent(db, runtime.engine(), settings, len(paths))


def _wait_until_one_started(db: Database, ids: list[int], timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with db.session() as session:
            started = session.scalar(
                select(func.count()).where(Document.id.in_(ids), Document.status != "received")
            )
        if started:
            return
        time.sleep(0.02)
    raise TimeoutError(f"no document was taken up in {timeout_s}s")


def test_uploads_survive_a_stopped_search_engine_and_the_sweep_indexes_them(
    private: PrivateServices, hoso_settings, db: Database, tmp_path: Path, monkeypatch
) -> None:
    search = private.search()
    monkeypatch.setenv("HOSO_SEARCH_URL", search)
    runtime.reset()
    settings = load_settings()
    paths = make_letters(tmp_path / "in", 30)
    worker = Worker(settings, tmp_path / "worker.log").start()
    try:
        ingest(db, settings, paths[:10])
        private.stop("search")
        during = ingest(db, settings, paths[10:], wait=False)
        # Parsing needs no engine: the worker gets every new document to "parsed".
        wait_for(db, during.ids, statuses=("parsed",), timeout_s=300)
        assert _statuses(db) == {"indexed": 10, "parsed": 20}

        private.start("search")
        monkeypatch.setenv("HOSO_SWEEP_STALE_S", "0")
        runtime.reset()
        assert sweep()["index"] == 20
        _wait_indexed(db, during.ids, worker)
    finally:
        worker.stop()
    assert_consistent(db, runtime.engine(), settings, len(paths))
