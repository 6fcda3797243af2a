"""Pipeline steps against the live services: documents left waiting are indexed in one
bulk request with the next one ready; workers starting together share one first index."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from indexer import pipeline
from indexer.engine import SearchEngine, load_schema
from indexer.tasks import sweep
from records.config import Settings
from records.db import Database
from records.models import Document
from records.models.base import utcnow
from tests.support.ingest import upload, wait_for

pytestmark = pytest.mark.services


def test_waiting_documents_are_indexed_in_one_bulk_request(
    db: Database,
    hoso_settings: Settings,
    search_engine: SearchEngine,
    corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = ["vn-r010.docx", "vn-r012.docx", "vn-r014.docx", "vn-r015.docx"]
    ids = [upload(db, hoso_settings, corpus / "files" / name, queue=False) for name in names]
    for document_id in ids:
        assert pipeline.parse(document_id)
    # The first three were parsed a while ago and their own tasks have not indexed them.
    with db.session() as session:
        session.execute(
            update(Document)
            .where(Document.id.in_(ids[:3]))
            .values(changed_at=utcnow() - timedelta(minutes=1))
        )
    calls: list[int] = []
    bulk = SearchEngine.bulk

    def counting_bulk(self, actions, **kwargs):
        actions = list(actions)
        calls.append(len(actions))
        return bulk(self, actions, **kwargs)

    monkeypatch.setattr(SearchEngine, "bulk", counting_bulk)
    assert sorted(pipeline.index_ready(ids[3])) == sorted(ids)
    assert calls == [4]
    # Indexed documents are not sent again with the next one.
    assert pipeline.index_ready(ids[0]) == []
    assert calls == [4]
    search_engine.refresh(hoso_settings.index_alias)
    assert search_engine.count(hoso_settings.index_alias) == 4
    with db.session() as session:
        statuses = {d.status for d in session.query(Document).filter(Document.id.in_(ids))}
    assert statuses == {"indexed"}


def test_workers_starting_together_create_one_index(
    hoso_settings: Settings, search_engine: SearchEngine
) -> None:
    alias = hoso_settings.index_alias
    schema = load_schema("documents")
    names: list[str] = []
    barrier = threading.Barrier(4)

    def start() -> None:
        engine = SearchEngine(hoso_settings.search_url, hoso_settings.search_engine)
        barrier.wait()
        names.append(engine.ensure_alias(alias, schema))

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(names)) == 1
    assert search_engine.indices_for(alias) == names[:1]


def test_the_sweep_requeues_what_an_outage_left_behind(
    db: Database, hoso_settings: Settings, worker, corpus: Path
) -> None:
    # Stored while the broker was down: never queued.
    unqueued = upload(db, hoso_settings, corpus / "files" / "vn-r044.docx", queue=False)
    # Parsed while the engine was down: never indexed.
    unindexed = upload(db, hoso_settings, corpus / "files" / "vn-r048.docx", queue=False)
    assert pipeline.parse(unindexed)
    # Just uploaded and queued: left alone.
    fresh = upload(db, hoso_settings, corpus / "files" / "vn-r049.docx", queue=False)
    with db.session() as session:
        session.execute(
            update(Document)
            .where(Document.id == unqueued)
            .values(changed_at=utcnow() - pipeline.stale_after() - timedelta(seconds=1))
        )
    assert sweep() == {"parse": 1, "index": 1}
    documents = wait_for(db, [unqueued, unindexed])
    assert {d.status for d in documents.values()} == {"indexed"}
    with db.session() as session:
        assert session.get(Document, fresh).status == "received"
