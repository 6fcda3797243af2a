"""Three "hosts" on one machine: the web app and two Celery workers, each with a data folder
of its own (no shared disk), meeting only at PostgreSQL, Redis, the search node and the S3
object store over loopback. One worker is killed mid-run; nothing is lost."""

from __future__ import annotations

import hashlib
import io
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import runtime
from indexer.tasks import sweep
from records.config import Settings
from records.db import Database
from records.storage import store_at
from tests.support.files import make_letters
from tests.support.ingest import signed_in, wait_for
from tests.support.objectstore import CREDENTIALS, ensure_object_store, fresh_storage_url
from tests.support.scenarios import assert_consistent
from tests.support.worker import Worker
from webapp.cli import main

# Hosts share a database over the network: PostgreSQL (a SQLite file is one machine's).
pytestmark = [
    pytest.mark.services,
    pytest.mark.postgresql,
    pytest.mark.slow,
    pytest.mark.timeout(900),
]

FILES = 200
BATCH = 20
HOSTS = ("web", "worker-a", "worker-b")


def _count(log: Path, word: str) -> int:
    return sum(word in line for line in log.read_text(errors="replace").splitlines())


def _as_host(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make this process load ``settings`` (as the CLI and the sweep do, from HOSO_*)."""
    for key, value in settings.to_env().items():
        monkeypatch.setenv(key, value)
    runtime.reset()


def test_web_and_two_workers_without_a_shared_disk_lose_nothing_when_one_dies(
    hoso_settings: Settings,
    db: Database,
    search_engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    ensure_object_store()
    for key, value in CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    storage_url = hoso_settings.storage_url or fresh_storage_url()
    if not hoso_settings.storage_url:
        request.addfinalizer(lambda: store_at(storage_url, tmp_path / "files").clear())
    hosts = {
        name: hoso_settings.with_overrides(data_dir=tmp_path / name, storage_url=storage_url)
        for name in HOSTS
    }
    _as_host(hosts["web"], monkeypatch)
    from webapp import create_app

    app = create_app(hosts["web"])
    victim_log = tmp_path / "worker-a.log"
    victim = Worker(hosts["worker-a"], victim_log, concurrency=1).start()
    survivor = Worker(hosts["worker-b"], tmp_path / "worker-b.log", concurrency=1).start()
    sums: dict[int, str] = {}
    try:
        client, token = signed_in(app, db, "vanthu", roles=("clerk",))
        paths = make_letters(tmp_path / "in", FILES)
        for start in range(0, FILES, BATCH):
            batch = paths[start : start + BATCH]
            answer = client.post(
                "/documents/upload",
                data={
                    "csrf_token": token,
                    "files": [(io.BytesIO(p.read_bytes()), p.name) for p in batch],
                },
                headers={"Accept": "application/json"},
                content_type="multipart/form-data",
            )
            assert answer.status_code == 201, answer.get_data(as_text=True)
            for row, path in zip(answer.json["files"], batch, strict=True):
                sums[row["id"]] = hashlib.sha256(path.read_bytes()).hexdigest()
        deadline = time.monotonic() + 300
        while _count(victim_log, "succeeded in") < 5:
            assert time.monotonic() < deadline, victim_log.read_text()[-2000:]
            time.sleep(0.1)
        victim.kill()

        # What the killed worker held is sent again by the sweep (run here, on the web host).
        monkeypatch.setenv("HOSO_SWEEP_STALE_S", "0")
        runtime.reset()
        sweep()
        wait_for(db, sums, statuses=("indexed",), timeout_s=600)
    finally:
        victim.kill()
        survivor.stop()
    assert len(sums) == FILES
    assert_consistent(db, search_engine, hoso_settings, FILES)

    # Every file, parsed on one worker host, is read back whole from the web host.
    for document_id, sha256 in sums.items():
        answer = client.get(f"/documents/{document_id}/download")
        assert answer.status_code == 200
        assert hashlib.sha256(answer.get_data()).hexdigest() == sha256

    # The surviving worker's host finds every stored file intact.
    _as_host(hosts["worker-b"], monkeypatch)
    result = CliRunner().invoke(main, ["check", "--files", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    drift = json.loads(result.stdout)["drift"]
    assert drift["missing_files"] == drift["corrupt_files"] == []

    # No host kept a stored file on its own disk.
    for name in HOSTS:
        assert not (tmp_path / name / "files").exists(), name
