"""Indexing follows the commit: what a watched transaction changed reaches the queue once it
is committed, and nothing of what was rolled back does. A web request commits its work
once; an error answer rolls it back, while the audited refusal stays."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import redis
from sqlalchemy import select

from indexer import unit_of_work
from records.config import Settings
from records.db import Database
from records.models import AuditEvent, Document
from tests.support.people import make_document, make_user
from tests.support.web import Browser

pytestmark = pytest.mark.services


@pytest.fixture
def watched(db: Database) -> Database:
    unit_of_work.watch(db.sessionmaker)
    return db


@pytest.fixture
def queued(hoso_settings: Settings) -> Iterator:
    """The tasks sent to this test's queue so far, as (task name, arguments)."""
    broker = redis.Redis.from_url(hoso_settings.broker_url)

    def read() -> list[tuple[str, str]]:
        messages = [json.loads(raw) for raw in broker.lrange(hoso_settings.queue, 0, -1)]
        return sorted((m["headers"]["task"], m["headers"]["argsrepr"]) for m in messages)

    yield read
    broker.delete(hoso_settings.queue)
    broker.close()


def test_the_commit_queues_new_and_changed_documents_once(watched: Database, queued) -> None:
    with watched.session() as session:
        indexed = make_document(session, "thanh_tra")
    assert queued() == []  # stored as the pipeline leaves it: nothing to do

    with watched.session() as session:
        fresh = make_document(session, "thanh_tra", status="received")
        changed = session.get(Document, indexed.id)
        changed.touch()
        session.flush()
        changed.subject = "Kết luận thanh tra"  # a second flush of the same document
        changed.touch()
        assert queued() == []  # nothing leaves before the commit
    assert queued() == [
        ("indexer.tasks.index_documents", f"[[{indexed.id}]]"),
        ("indexer.tasks.ingest", f"[{fresh.id}]"),
    ]


def test_a_rollback_queues_nothing_and_a_savepoint_only_its_own(
    watched: Database, queued
) -> None:
    with watched.session() as session:
        first, second = make_document(session, "thanh_tra"), make_document(session, "thanh_tra")
    with pytest.raises(RuntimeError), watched.session() as session:
        session.get(Document, first.id).touch()
        session.flush()
        raise RuntimeError("refused")
    assert queued() == []

    with watched.session() as session:
        session.get(Document, first.id).touch()
        session.flush()
        savepoint = session.begin_nested()
        session.get(Document, second.id).touch()
        make_document(session, "thanh_tra", status="received")
        savepoint.rollback()
    assert queued() == [("indexer.tasks.index_documents", f"[[{first.id}]]")]


def test_a_request_commits_on_success_and_keeps_only_the_audited_refusal(
    app, db: Database
) -> None:
    with db.session() as s:
        make_user(s, "tt_officer", "thanh_tra", ("officer",))
    officer = Browser(app, "tt_officer")
    created = officer.post(
        "/cases/new", {"code": "VV-2026-UOW", "title": "Đất đai", "lead": "thanh_tra"}
    )
    assert created.status_code == 302
    assert officer.client.get("/admin/").status_code == 403
    with db.session() as s:
        actions = s.execute(select(AuditEvent.action, AuditEvent.outcome)).all()
    assert ("case.create", "ok") in actions
    assert ("admin.access", "denied") in actions
