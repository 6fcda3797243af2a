"""Putting files into a test hoso the way users do, and waiting for the workers."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select

from indexer.queue import enqueue_ingest
from records.config import Settings
from records.db import Database
from records.intake import receive
from records.models import Agency, Document
from records.storage import open_store
from tests.support.auth import login, make_user, page_token


def upload(
    db: Database, settings: Settings, path: Path, *, agency: str = "noi_chinh", queue: bool = True
) -> int:
    store = open_store(settings)
    with db.session() as session, path.open("rb") as stream:
        owner = session.scalars(select(Agency).where(Agency.code == agency)).one()
        received = receive(
            session, store, stream, path.name, user=None, agency=owner, channel="cli"
        )
        document_id = received.document.id
    if queue:
        enqueue_ingest(document_id)
    return document_id


def wait_for(
    db: Database,
    ids: Iterable[int],
    statuses: tuple[str, ...] = ("indexed", "failed"),
    timeout_s: float = 120,
) -> dict[int, Document]:
    """Poll until every document is in one of ``statuses``; return them by id."""
    wanted = set(ids)
    deadline = time.monotonic() + timeout_s
    while True:
        with db.session() as session:
            documents = session.scalars(select(Document).where(Document.id.in_(wanted))).all()
            done = {d.id: d for d in documents if d.status in statuses}
        if len(done) == len(wanted):
            return done
        if time.monotonic() > deadline:
            pending = {d.id: d.status for d in documents if d.id not in done}
            raise TimeoutError(f"documents still pending after {timeout_s}s: {pending}")
        time.sleep(0.3)


def signed_in(app, db: Database, username: str, **account: object) -> tuple[object, str]:
    """A new account signed in on its own test client; return (client, CSRF token)."""
    client = app.test_client()
    login(client, make_user(db, username, **account))
    return client, page_token(client, "/")
