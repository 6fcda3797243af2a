"""Small pure pieces of scale-out: node URL lists, failure categories, log lines, settings."""

from __future__ import annotations

import json
import logging

import pytest

from indexer.engine import SearchEngine, SearchUnavailable, split_urls
from records import logs
from records.config import ConfigError, load_settings
from records.metrics import failure_reason


def test_search_url_lists_every_node_to_the_client() -> None:
    assert split_urls(" http://a:9200 , http://b:9200,,http://c:9200 ") == [
        "http://a:9200",
        "http://b:9200",
        "http://c:9200",
    ]
    with pytest.raises(SearchUnavailable):
        split_urls(" , ")
    engine = SearchEngine("http://127.0.0.1:1,http://127.0.0.1:2")
    hosts = sorted(c.host for c in engine._client.transport.connection_pool.connections)
    assert hosts == ["http://127.0.0.1:1", "http://127.0.0.1:2"]


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("parsing took longer than 300 s", "timeout"),
        ("parsing ran out of memory (1536 MB)", "memory"),
        ("too many pages: 2400 > 2000 allowed", "too_large"),
        ("PDF is protected by a password", "encrypted"),
        ("scanned pages need Tesseract OCR, which is not installed", "unsupported"),
        ("file is truncated or damaged: no valid ZIP directory", "damaged"),
        ("SearchUnavailable: search engine at http://x: bulk failed", "engine_unavailable"),
        ("something nobody foresaw", "other"),
    ],
)
def test_failure_messages_fall_into_few_categories(message: str, reason: str) -> None:
    assert failure_reason(message) == reason


def test_json_log_lines_carry_the_bound_ids(capsys: pytest.CaptureFixture[str]) -> None:
    logs.configure("json", "INFO", "worker")
    try:
        logs.bind(task_id="t-1", document_id=42)
        logging.getLogger("indexer.pipeline").info("indexed %d documents", 3)
    finally:
        logs.clear()
        root = logging.getLogger()
        for handler in [h for h in root.handlers if h.get_name() == "hoso"]:
            root.removeHandler(handler)
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["event"] == "indexed 3 documents"
    assert line["task_id"] == "t-1" and line["document_id"] == 42
    assert line["level"] == "info" and line["logger"] == "indexer.pipeline"
    assert line["service"] == "worker" and line["time"].endswith("Z")


def test_new_settings_have_defaults_and_are_validated(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HOSO_PARSE_TIMEOUT_S", "100")
    monkeypatch.delenv("HOSO_SWEEP_STALE_S", raising=False)
    monkeypatch.delenv("HOSO_LOG_FORMAT", raising=False)
    monkeypatch.setenv("HOSO_ENV", "development")
    settings = load_settings()
    assert settings.sweep_stale_s == 200 and settings.log_format == "text"
    assert load_settings().to_env()["HOSO_SWEEP_STALE_S"] == "200"
    monkeypatch.setenv("HOSO_LOG_FORMAT", "xml")
    with pytest.raises(ConfigError, match="HOSO_LOG_FORMAT"):
        load_settings()
