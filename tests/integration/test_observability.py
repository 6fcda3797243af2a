"""Probes, Prometheus metrics across processes, and JSON log lines from a real worker."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
import redis
from prometheus_client.parser import text_string_to_metric_families

from indexer.engine import load_schema
from records.config import Settings
from records.db import Database
from tests.support.files import make_letters
from tests.support.ingest import upload, wait_for
from tests.support.worker import Worker

pytestmark = pytest.mark.services


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _samples(text: str) -> dict[tuple[str, tuple], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_probes_answer_without_sign_in_and_reveal_no_details(client, hoso_settings) -> None:
    live = client.get("/livez", headers={"X-Request-ID": "probe-1234567"})
    assert live.status_code == 200 and live.json == {"status": "alive"}
    assert live.headers["X-Request-ID"] == "probe-1234567"
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json == {"status": "ready"}
    assert client.get("/").status_code == 302  # everything else still wants a sign-in


def test_readyz_names_the_unreachable_service_only(hoso_settings: Settings) -> None:
    from webapp import create_app

    broken = hoso_settings.with_overrides(broker_url=f"redis://127.0.0.1:{_free_port()}/0")
    app = create_app(broken)
    try:
        response = app.test_client().get("/readyz")
    finally:
        app.extensions["hoso"].db.dispose()
    assert response.status_code == 503
    assert response.json == {"status": "not ready", "failing": ["broker"]}
    assert "127.0.0.1" not in response.get_data(as_text=True)


def test_metrics_add_up_worker_processes_and_show_state(
    hoso_settings: Settings,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(metrics_dir))
    settings = hoso_settings.with_overrides(log_format="json")
    worker = Worker(settings, tmp_path / "worker.log").start()
    try:
        paths = make_letters(tmp_path / "in", 3)
        ids = [upload(db, settings, path) for path in paths]
        assert {d.status for d in wait_for(db, ids).values()} == {"indexed"}
    finally:
        worker.stop()
    # Follow-up tasks (thumbnails, saved-search alerts) may still wait when the worker stops:
    # the metric must show what the broker holds, counted here independently (the queue's
    # list and the lists the transport keeps for its priorities, all named after it).
    broker = redis.Redis.from_url(settings.broker_url)
    waiting = sum(broker.llen(key) for key in broker.scan_iter(match=f"{settings.queue}*"))
    broker.close()

    from webapp import create_app

    app = create_app(settings)
    try:
        text = app.test_client().get("/metrics").get_data(as_text=True)
    finally:
        app.extensions["hoso"].db.dispose()
    samples = _samples(text)
    # Parsing and indexing happened in the worker's pool processes, not in this one.
    extract_ok = samples[("hoso_ingest_documents_total", (("outcome", "ok"), ("stage", "extract")))]
    assert extract_ok == 3
    assert samples[("hoso_ingest_documents_total", (("outcome", "ok"), ("stage", "index")))] == 3
    assert samples[("hoso_ingest_stage_seconds_count", (("stage", "metadata"),))] == 3
    assert samples[("hoso_ingest_stage_seconds_count", (("stage", "save"),))] == 3
    assert samples[("hoso_documents", (("status", "indexed"),))] == 3
    assert samples[("hoso_queue_depth", (("queue", settings.queue),))] == waiting
    assert samples[("hoso_service_up", (("service", "broker"),))] == 1

    lines = [
        json.loads(line)
        for line in (tmp_path / "worker.log").read_text().splitlines()
        if line.startswith("{")
    ]
    task_lines = [line for line in lines if line.get("document_id") in ids]
    assert task_lines, "no worker log line names a document"
    assert all(line["task_id"] and line["service"] == "worker" for line in task_lines)
    assert {"time", "level", "logger", "event"} <= set(task_lines[0])


def test_metrics_want_the_token_when_one_is_set(hoso_settings: Settings, search_engine) -> None:
    from webapp import create_app

    search_engine.ensure_alias(hoso_settings.index_alias, load_schema("documents"))
    app = create_app(hoso_settings.with_overrides(metrics_token="s3cret-token"))
    try:
        client = app.test_client()
        assert client.get("/metrics").status_code == 401
        before = _samples(
            client.get("/metrics", headers={"Authorization": "Bearer s3cret-token"}).text
        )
        search_engine.search(hoso_settings.index_alias, {"query": {"match_all": {}}})
        ok = client.get("/metrics", headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200
        after = _samples(ok.text)
        key = ("hoso_search_seconds_count", (("outcome", "ok"),))
        assert after[key] == before.get(key, 0) + 1
    finally:
        app.extensions["hoso"].db.dispose()


def test_metrics_without_a_token_answer_only_this_machine(client) -> None:
    """No HOSO_METRICS_TOKEN: a scraper on loopback reads them; the network and anything that
    came through the proxy do not (document counts by status are nobody else's business)."""
    assert client.get("/metrics").status_code == 200
    lan = client.get("/metrics", environ_base={"REMOTE_ADDR": "192.168.1.20"})
    assert lan.status_code == 403 and "hoso_documents" not in lan.text
    proxied = client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
    assert proxied.status_code == 403
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200
