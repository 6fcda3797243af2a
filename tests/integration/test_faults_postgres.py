"""PostgreSQL restarts under load: requests fail with a clear 503, then the app recovers."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa
from werkzeug.serving import make_server

from indexer import runtime
from indexer.tasks import sweep
from records import migrate
from records.config import Settings, load_settings
from records.db import Database
from tests.support.auth import make_user
from tests.support.files import make_letters
from tests.support.ingest import wait_for
from tests.support.private import PrivateServices
from tests.support.scenarios import assert_consistent, ingest
from tests.support.worker import Worker

pytestmark = [
    pytest.mark.services,
    pytest.mark.postgresql,
    pytest.mark.slow,
    pytest.mark.timeout(600),
]

MESSAGE = "Cơ sở dữ liệu đang tạm ngừng"


@pytest.fixture
def private_postgres(tmp_path: Path):
    services = PrivateServices(tmp_path / "services")
    try:
        admin_url = services.postgres()
        yield services, admin_url
    finally:
        services.close()


class Load:
    """Signed-in page views from a few threads, recording every answer."""

    def __init__(self, base: str, cookies: requests.cookies.RequestsCookieJar, threads: int = 3):
        self.base = base
        self.cookies = cookies
        self.answers: list[tuple[float, int, str]] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def _run(self) -> None:
        with requests.Session() as http:
            http.cookies.update(self.cookies)
            while not self._stop.is_set():
                try:
                    response = http.get(f"{self.base}/", timeout=30, allow_redirects=False)
                    self.answers.append((time.monotonic(), response.status_code, response.text))
                except requests.RequestException as err:
                    self.answers.append((time.monotonic(), -1, str(err)))
                self._stop.wait(0.05)

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)


def _unhandled(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The tracebacks of requests that ended in a 500, to say why."""
    return [
        record.getMessage() + logging.Formatter().formatException(record.exc_info)
        for record in caplog.records
        if record.exc_info and record.getMessage().startswith("Exception on")
    ]


def test_requests_fail_cleanly_while_postgres_restarts_and_the_app_recovers(
    private_postgres, hoso_settings: Settings, tmp_path: Path, monkeypatch, caplog
) -> None:
    services, admin_url = private_postgres
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text("CREATE DATABASE hoso"))
    admin.dispose()
    url = sa.make_url(admin_url).set(database="hoso").render_as_string(hide_password=False)
    migrate.upgrade(url)
    monkeypatch.setenv("HOSO_DATABASE_URL", url)
    runtime.reset()
    settings = load_settings()
    db = Database(url)
    officer = make_user(db, "can_bo_tai")

    from webapp import create_app

    app = create_app(settings)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: errors become pages
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    worker = Worker(settings, tmp_path / "worker.log").start()
    try:
        try:
            with requests.Session() as http:
                form = http.get(f"{base}/login").text
                token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
                signed_in = http.post(
                    f"{base}/login",
                    data={
                        "csrf_token": token,
                        "username": officer.username,
                        "password": officer.password,
                    },
                    allow_redirects=False,
                )
                assert signed_in.status_code == 302
                cookies = http.cookies
            paths = make_letters(tmp_path / "in", 40)
            with Load(base, cookies) as load:
                first = ingest(db, settings, paths[:20], wait=False)
                services.stop("postgres")
                down_at = time.monotonic()
                while not any(code == 503 for _, code, _ in load.answers):
                    assert time.monotonic() - down_at < 60, Counter(c for _, c, _ in load.answers)
                    time.sleep(0.2)
                services.start("postgres")
                back_at = time.monotonic()
                # Recovery needs no restart of the app: wait for a run of good answers.
                while not (
                    len(load.answers) > 10
                    and all(code == 200 for _, code, _ in load.answers[-10:])
                    and load.answers[-10][0] > back_at
                ):
                    assert time.monotonic() - back_at < 120, load.answers[-3:]
                    time.sleep(0.2)
                second = ingest(db, settings, paths[20:], wait=False)
        finally:
            server.shutdown()
            app.extensions["hoso"].db.dispose()
        codes = Counter(code for _, code, _ in load.answers)
        odd = [text[:300] for _, code, text in load.answers if code not in (200, 503)]
        assert set(codes) <= {200, 503}, (codes, odd, _unhandled(caplog))
        outage = [text for _, code, text in load.answers if code == 503]
        assert outage and all(MESSAGE in text and "Traceback" not in text for text in outage)

        # Tasks that met the outage are retried by the worker; the sweep sends any left over.
        monkeypatch.setenv("HOSO_SWEEP_STALE_S", "0")
        runtime.reset()
        sweep()
        wait_for(db, first.ids + second.ids, statuses=("indexed",), timeout_s=300)
    finally:
        worker.stop()
    assert_consistent(db, runtime.engine(), settings, len(paths))
    db.dispose()


def test_a_two_minute_postgres_outage_exhausts_no_task(
    private_postgres, hoso_settings: Settings, tmp_path: Path, monkeypatch
) -> None:
    """Tasks that meet the outage retry by time: after two minutes without a database every
    document is indexed, no task gave up, and nobody called the sweep."""
    services, admin_url = private_postgres
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text("CREATE DATABASE hoso"))
    admin.dispose()
    url = sa.make_url(admin_url).set(database="hoso").render_as_string(hide_password=False)
    migrate.upgrade(url)
    monkeypatch.setenv("HOSO_DATABASE_URL", url)
    runtime.reset()
    settings = load_settings()
    db = Database(url)
    paths = make_letters(tmp_path / "in", 20)
    log = tmp_path / "worker.log"
    worker = Worker(settings, log).start()
    try:
        run = ingest(db, settings, paths, wait=False)
        services.stop("postgres")
        time.sleep(120)
        services.start("postgres")
        wait_for(db, run.ids, statuses=("indexed",), timeout_s=180)
    finally:
        worker.stop()
    text = log.read_text(errors="replace")
    retries = Counter(re.findall(r"Task \S+\[([0-9a-f-]+)\] retry: Retry in", text))
    assert retries, "the outage met no task"  # it did happen while work was queued
    assert "gives up" not in text and "raised unexpected" not in text
    assert_consistent(db, runtime.engine(), settings, len(paths))
    db.dispose()
