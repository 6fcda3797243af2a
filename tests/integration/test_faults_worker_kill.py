"""Two workers share the queue; one is SIGKILLed mid-task. Every document ends indexed once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from indexer import runtime
from indexer.tasks import sweep
from records.config import Settings
from records.db import Database
from tests.support.files import make_letters
from tests.support.ingest import wait_for
from tests.support.scenarios import assert_consistent, ingest
from tests.support.worker import Worker

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.timeout(600)]

FILES = 100


def _count(log: Path, word: str) -> int:
    return sum(word in line for line in log.read_text(errors="replace").splitlines())


def test_a_worker_killed_mid_task_loses_nothing_and_duplicates_nothing(
    hoso_settings: Settings, db: Database, search_engine, tmp_path: Path, monkeypatch
) -> None:
    paths = make_letters(tmp_path / "in", FILES)
    victim_log = tmp_path / "victim.log"
    victim = Worker(hoso_settings, victim_log, concurrency=1).start()
    survivor = Worker(hoso_settings, tmp_path / "survivor.log", concurrency=1).start()
    try:
        run = ingest(db, hoso_settings, paths, wait=False)
        deadline = time.monotonic() + 300
        while _count(victim_log, "succeeded in") < 5:
            assert time.monotonic() < deadline, victim_log.read_text()[-2000:]
            time.sleep(0.1)
        victim.kill()
        in_flight = _count(victim_log, "received") - _count(victim_log, "succeeded in")
        assert in_flight >= 1  # it held tasks it never finished

        # The killed worker's tasks stay unacknowledged in the broker; the sweep sends the
        # documents they left in received/processing again, and parsing twice is harmless.
        monkeypatch.setenv("HOSO_SWEEP_STALE_S", "0")
        runtime.reset()
        sweep()
        wait_for(db, run.ids, statuses=("indexed",), timeout_s=420)
    finally:
        victim.kill()
        survivor.stop()
    assert_consistent(db, search_engine, hoso_settings, FILES)
    for n, doc_id in enumerate(run.ids):
        hits = search_engine.search(
            hoso_settings.index_alias, {"query": {"term": {"number": f"{n}/UBND-NC"}}}
        )["hits"]["hits"]
        assert [hit["_id"] for hit in hits] == [str(doc_id)], n
