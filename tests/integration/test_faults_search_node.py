"""A search node of a three-JVM cluster is SIGKILLed during ingest and started again."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from indexer import runtime
from indexer.engine import SearchEngine, load_schema
from indexer.reindex import reindex
from records.config import Settings, load_settings
from records.db import Database
from tests.support.files import make_letters
from tests.support.private import PrivateServices
from tests.support.scenarios import SearchLoop, assert_consistent, ingest
from tests.support.worker import Worker

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.timeout(1200)]

FILES = 500
KILL_AT = 100  # uploads before the kill
RESTART_AT = 300  # uploads before the node starts again


def _manager_node(urls: list[str]) -> int:
    """The number (1..N) of the node currently elected cluster manager."""
    with urllib.request.urlopen(f"{urls[0]}/_cat/cluster_manager?format=json") as response:
        manager_id = json.load(response)[0]["id"]
    for number, url in enumerate(urls, start=1):
        with urllib.request.urlopen(f"{url}/_nodes/_local?filter_path=nodes.*.name") as response:
            if any(node_id.startswith(manager_id) for node_id in json.load(response)["nodes"]):
                return number
    raise AssertionError(f"no node has id {manager_id}")


@pytest.fixture
def cluster(tmp_path: Path):
    services = PrivateServices(tmp_path / "services")
    try:
        yield services, services.cluster(3)
    finally:
        services.close()


def test_ingest_and_search_survive_a_killed_search_node(
    cluster, hoso_settings: Settings, db: Database, tmp_path: Path, monkeypatch
) -> None:
    services, urls = cluster
    monkeypatch.setenv("HOSO_SEARCH_URL", urls)
    monkeypatch.setenv("HOSO_SEARCH_SHARDS", "2")
    monkeypatch.setenv("HOSO_SEARCH_REPLICAS", "1")
    runtime.reset()
    settings = load_settings()
    engine = SearchEngine(settings.search_url)
    engine.ensure_alias(settings.index_alias, load_schema("documents"), shards=2, replicas=1)
    assert engine.wait_for_index(settings.index_alias, "green", 60) == "green"

    paths = make_letters(tmp_path / "in", FILES)
    victim = _manager_node(urls.split(","))
    events: list[str] = []

    def fault(count: int) -> None:
        if count == KILL_AT:
            services.kill_node(victim)
            events.append(f"killed node {victim} after {count} uploads")
        elif count == RESTART_AT:
            services.start_node(victim)
            events.append(f"node {victim} back after {count} uploads")

    worker = Worker(settings, tmp_path / "worker.log").start()
    query = {"query": {"match": {"content.folded": "phoi hop xac minh"}}, "size": 5}
    try:
        with SearchLoop(engine, settings.index_alias, query) as loop:
            run = ingest(db, settings, paths, after_upload=fault, timeout_s=900)
            # The alias moves to a rebuilt index while the loop keeps searching.
            report = reindex(old_index_grace_s=1)
    finally:
        worker.stop()
    assert len(events) == 2, events
    assert loop.failures == [], loop.failures[:5]
    assert loop.answered > 100
    assert report.documents == FILES
    assert engine.wait_for_index(settings.index_alias, "green", 120) == "green"
    assert_consistent(db, engine, settings, FILES)
    assert len(run.ids) == len(set(run.ids)) == FILES
