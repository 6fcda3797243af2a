"""A search engine that hangs or is gone costs a web request a few seconds at most: a short
timeout, one other attempt, then a circuit breaker answering 503 with Retry-After at once;
``/readyz`` answers within a second; the failure is logged in short lines, not tracebacks."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from records.config import Settings
from records.db import Database
from tests.support.ingest import signed_in
from webapp import create_app

pytestmark = pytest.mark.services


@pytest.fixture
def hung_node() -> Iterator[str]:
    """An address that accepts connections and never answers, as a frozen node does."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def _timed(client, url: str) -> tuple[float, object]:
    started = time.monotonic()
    response = client.get(url)
    return time.monotonic() - started, response


def test_a_hung_search_engine_gets_a_quick_503_then_an_immediate_one(
    hoso_settings: Settings, db: Database, hung_node: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(hoso_settings.with_overrides(search_url=hung_node))
    client, _token = signed_in(app, db, "tracuu")
    with caplog.at_level(logging.INFO):
        first_s, first = _timed(client, "/api/v1/search?q=tham+nhung")
        assert first.status_code == 503 and first_s <= 4, first_s
        assert int(first.headers["Retry-After"]) >= 1
        for _ in range(2):
            assert client.get("/api/v1/search?q=tham+nhung").status_code == 503
        # The breaker is open now: no waiting at all.
        open_s, opened = _timed(client, "/api/v1/search?q=tham+nhung")
        assert opened.status_code == 503 and open_s < 0.5, open_s
        assert int(opened.headers["Retry-After"]) >= 1
        ready_s, ready = _timed(app.test_client(), "/readyz")
        assert ready.status_code == 503 and ready.json["failing"] == ["search"]
        assert ready_s <= 1.0, ready_s
    assert "Traceback" not in caplog.text
    down_lines = [r for r in caplog.records if "search unavailable" in r.getMessage()]
    assert len(down_lines) <= 1  # once per interval (maybe earlier), not once per request


def test_readyz_answers_within_a_second_when_the_engine_hangs_from_the_start(
    hoso_settings: Settings, hung_node: str
) -> None:
    app = create_app(hoso_settings.with_overrides(search_url=hung_node))
    ready_s, ready = _timed(app.test_client(), "/readyz")
    assert ready.status_code == 503 and ready.json["failing"] == ["search"]
    assert ready_s <= 1.0, ready_s


def test_a_stopped_search_engine_gets_an_immediate_503(
    hoso_settings: Settings, db: Database
) -> None:
    app = create_app(hoso_settings.with_overrides(search_url="http://127.0.0.1:9"))
    client, _token = signed_in(app, db, "tracuu")
    took_s, response = _timed(client, "/api/v1/search?q=tham+nhung")
    assert response.status_code == 503 and took_s <= 1.0, took_s
