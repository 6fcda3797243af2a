"""Recovery in the order of a minute, with the default settings and nobody calling the
sweep: a worker killed mid-ingest, and uploads made while the broker is down."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import runtime
from records.config import load_settings
from records.db import Database
from tests.support.broker import publishing_to
from tests.support.files import make_letters
from tests.support.ingest import signed_in, wait_for
from tests.support.private import PrivateServices
from tests.support.scenarios import assert_consistent, ingest
from tests.support.worker import Worker
from webapp import create_app
from webapp.cli import main

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.timeout(600)]

#: The bound the issue sets: what a killed worker or a broker outage may cost.
RECOVERY_S = 60


@pytest.fixture
def private(tmp_path: Path):
    services = PrivateServices(tmp_path / "services")
    try:
        yield services
    finally:
        services.close()


def _count(log: Path, word: str) -> int:
    return sum(word in line for line in log.read_text(errors="replace").splitlines())


def _holding_after_three(log: Path) -> bool:
    """The victim has finished three tasks and holds another: the moment to kill it.

    Between one task's end and the next one's receipt it holds nothing, and a kill then
    would test nothing."""
    done = _count(log, "succeeded in")
    return done >= 3 and _count(log, "received") > done


def test_the_work_of_a_killed_worker_is_done_within_a_minute(
    hoso_settings, db: Database, search_engine, tmp_path: Path
) -> None:
    files = 30
    paths = make_letters(tmp_path / "in", files)
    victim_log = tmp_path / "victim.log"
    victim = Worker(hoso_settings, victim_log, concurrency=1).start()
    survivor = Worker(hoso_settings, tmp_path / "survivor.log", concurrency=1).start()
    try:
        run = ingest(db, hoso_settings, paths, wait=False)
        deadline = time.monotonic() + 300
        while not _holding_after_three(victim_log):
            assert time.monotonic() < deadline, victim_log.read_text()[-2000:]
            time.sleep(0.05)
        victim.kill_main()
        assert _count(victim_log, "received") > _count(victim_log, "succeeded in")

        # Its pool process and that one's parse children die with it.
        deadline = time.monotonic() + 10
        while victim.group_alive():
            assert time.monotonic() < deadline, "a child of the killed worker outlived it"
            time.sleep(0.2)
        # What it held comes back to the survivor: no stale time lowered, no sweep called.
        wait_for(db, run.ids, statuses=("indexed",), timeout_s=RECOVERY_S)
    finally:
        victim.kill()
        survivor.stop()
    assert_consistent(db, search_engine, hoso_settings, files)


def test_uploads_while_the_broker_is_down_wait_for_the_queue_and_go_soon_after_it_returns(
    private: PrivateServices, hoso_settings, db: Database, tmp_path: Path, monkeypatch
) -> None:
    broker = private.redis()
    monkeypatch.setenv("HOSO_BROKER_URL", broker)
    runtime.reset()
    settings = load_settings()
    app = create_app(settings)
    paths = make_letters(tmp_path / "in", 5, docx_every=0)
    worker = Worker(settings, tmp_path / "worker.log", beat=True).start()
    try:
        with publishing_to(broker):
            client, token = signed_in(app, db, "vanthu")
            private.stop("redis")
            ids = []
            for path in paths:
                reply = client.post(
                    "/api/v1/documents",
                    data={"file": (io.BytesIO(path.read_bytes()), path.name)},
                    headers={"X-CSRFToken": token},
                    content_type="multipart/form-data",
                )
                assert reply.status_code == 201, reply.json
                assert reply.json["status"] == "received" and reply.json["queued"] is False
                assert reply.json["message"].startswith("Đã nhận, chờ xếp hàng")
                ids.append(reply.json["id"])

            time.sleep(62)  # the broker stays away a minute after the last upload
            result = CliRunner().invoke(main, ["check", "--json"], catch_exceptions=False)
            waiting = json.loads(result.stdout)["drift"]["waiting"]
            assert result.exit_code == 0  # listed, but not past the stale limit yet
            assert sorted(row["id"] for row in waiting) == sorted(ids)
            assert all(row["why"].startswith("waiting for the queue") for row in waiting)

            private.start("redis")
            wait_for(db, ids, statuses=("indexed",), timeout_s=RECOVERY_S)
    finally:
        worker.stop()
    assert_consistent(db, runtime.engine(), settings, len(paths))


def test_a_living_worker_keeps_what_it_holds_past_the_visibility_timeout(
    hoso_settings, db: Database, tmp_path: Path
) -> None:
    """A task held longer than the visibility timeout (here: waiting for its countdown, as a
    retry does) stays with its worker while that one lives: it runs once, not twice."""
    from indexer.celery_app import VISIBILITY_TIMEOUT_S
    from indexer.tasks import ingest as ingest_task
    from tests.support.ingest import upload

    (path,) = make_letters(tmp_path / "in", 1, docx_every=0)
    doc_id = upload(db, hoso_settings, path, queue=False)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    workers = [Worker(hoso_settings, log, concurrency=1).start() for log in logs]
    try:
        sent = ingest_task.apply_async(
            args=[doc_id], queue=hoso_settings.queue, countdown=VISIBILITY_TIMEOUT_S + 20
        )
        wait_for(db, [doc_id], statuses=("indexed",), timeout_s=VISIBILITY_TIMEOUT_S + 80)
        time.sleep(VISIBILITY_TIMEOUT_S)  # time enough for a second delivery to show
    finally:
        for worker in workers:
            worker.stop()
    text = "".join(log.read_text(errors="replace") for log in logs)
    assert text.count(f"[{sent.id}] received") == 1, text[-3000:]
    assert text.count(f"[{sent.id}] succeeded") == 1


def test_a_message_whose_holder_died_is_given_back_within_seconds(
    hoso_settings, db: Database, tmp_path: Path
) -> None:
    """A message taken by a worker that died after the others started is given back a few
    seconds after its visibility timeout (kombu 5.6 alone looks only every 100 s)."""
    import redis

    from indexer.celery_app import RESTORE_EVERY_S, VISIBILITY_TIMEOUT_S
    from indexer.tasks import ingest as ingest_task
    from tests.support.ingest import upload

    (path,) = make_letters(tmp_path / "in", 1, docx_every=0)
    doc_id = upload(db, hoso_settings, path, queue=False)
    ingest_task.apply_async(args=[doc_id], queue=hoso_settings.queue)
    broker = redis.Redis.from_url(hoso_settings.broker_url)
    raw = broker.rpop(hoso_settings.queue)  # taken by a worker that then died
    assert raw is not None
    tag = json.loads(raw)["properties"]["delivery_tag"]
    worker = Worker(hoso_settings, tmp_path / "worker.log", concurrency=1).start()
    try:
        time.sleep(2 * RESTORE_EVERY_S)  # past the transport's look at start-up
        queue = hoso_settings.queue
        held = json.dumps([json.loads(raw), queue, queue])
        broker.hset("unacked", tag, held)
        broker.zadd("unacked_index", {tag: time.time() - VISIBILITY_TIMEOUT_S - 1})
        wait_for(db, [doc_id], statuses=("indexed",), timeout_s=4 * RESTORE_EVERY_S)
    finally:
        worker.stop()
