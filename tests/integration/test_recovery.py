"""hoso check / --repair, hoso reindex, hoso backup / restore over the real services."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from indexer import pipeline, runtime
from indexer.engine import SearchEngine
from indexer.reindex import ReindexFailed, reindex
from records.config import Settings
from records.db import Database
from records.models import Document
from records.storage import open_store
from tests.support.databases import DatabaseFactory
from tests.support.files import make_letters
from tests.support.ingest import upload
from tests.support.objectstore import fresh_storage_url, overwrite
from webapp.cli import main

pytestmark = pytest.mark.services


def _ingest_here(db: Database, settings: Settings, paths: list[Path]) -> list[int]:
    """Upload and run the pipeline in this process (no broker needed)."""
    ids = [upload(db, settings, path, queue=False) for path in paths]
    for doc_id in ids:
        assert pipeline.parse(doc_id)
    assert sorted(pipeline.index(ids)) == sorted(ids)
    return ids


def _hoso(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def test_check_finds_each_kind_of_drift_and_repair_fixes_it_idempotently(
    db: Database,
    hoso_settings: Settings,
    search_engine: SearchEngine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ok, unindexed, touched, stuck = _ingest_here(
        db, hoso_settings, make_letters(tmp_path / "in", 4, docx_every=0)
    )
    alias = hoso_settings.index_alias
    with db.session() as session:
        # Parsed but never indexed: the state a worker killed between parse and index leaves.
        search_engine.delete(alias, str(unindexed))
        session.execute(update(Document).where(Document.id == unindexed).values(status="parsed"))
        session.get(Document, touched).touch()  # changed after indexing
        session.execute(update(Document).where(Document.id == stuck).values(status="received"))
    search_engine.bulk(
        [{"_op_type": "index", "_index": alias, "_id": "987654", "_source": {"id": "987654"}}],
        refresh=True,
    )
    monkeypatch.setenv("HOSO_SWEEP_STALE_S", "0")
    runtime.reset()

    code, out = _hoso("check", "--json")
    drift = json.loads(out)["drift"]
    assert code == 1
    assert drift["missing"] == [unindexed]
    assert drift["outdated"] == [touched]
    assert drift["extra"] == ["987654"]
    assert drift["stuck"] == [stuck]
    assert drift["indexable"] == 3 and drift["index_documents"] == 4

    # No worker runs: the stuck document is queued and parsed here, as a worker would.
    code, out = _hoso("check", "--repair", "--json")
    result = json.loads(out)
    assert code == 0, out
    assert result["repair"]["indexed"] == 2
    assert result["repair"]["deleted"] == 1
    assert result["repair"]["requeued"] == 1
    assert pipeline.parse(stuck) and pipeline.index([stuck]) == [stuck]

    code, out = _hoso("check")
    assert code == 0, out
    assert "clean" in out
    code, out = _hoso("check", "--repair", "--json")
    assert code == 0 and "repair" not in json.loads(out)  # nothing left to do
    assert search_engine.count(alias) == 4
    assert ok  # the untouched document never showed up as drift


def test_check_files_reports_a_damaged_stored_file(
    db: Database, hoso_settings: Settings, tmp_path: Path
) -> None:
    (doc_id,) = _ingest_here(db, hoso_settings, make_letters(tmp_path / "in", 1, docx_every=0))
    with db.session() as session:
        sha256 = session.get(Document, doc_id).sha256
    assert _hoso("check", "--files")[0] == 0
    overwrite(open_store(hoso_settings), sha256, b"damaged")
    code, out = _hoso("check", "--files", "--json")
    assert code == 1
    assert json.loads(out)["drift"]["corrupt_files"] == [doc_id]


def test_reindex_swaps_the_alias_while_searches_keep_answering(
    db: Database, hoso_settings: Settings, search_engine: SearchEngine, tmp_path: Path
) -> None:
    ids = _ingest_here(db, hoso_settings, make_letters(tmp_path / "in", 12))
    alias = hoso_settings.index_alias
    search_engine.refresh(alias)
    (old,) = search_engine.indices_for(alias)
    failures: list[str] = []
    answers: list[int] = []
    stop = threading.Event()

    def search_loop() -> None:
        while not stop.is_set():
            try:
                hits = search_engine.search(alias, {"query": {"match": {"content.folded": "mau3"}}})
                answers.append(hits["hits"]["total"]["value"])
            except Exception as err:
                failures.append(str(err))

    thread = threading.Thread(target=search_loop)
    thread.start()
    try:
        report = reindex(batch_size=5, old_index_grace_s=0.5)
    finally:
        stop.set()
        thread.join()
    assert failures == []
    assert len(answers) > 10 and set(answers) == {1}
    assert report.documents == len(ids) and report.removed == [old]
    assert search_engine.indices_for(alias) == [report.index]
    assert search_engine.indices_matching(f"{alias}-v*") == [report.index]
    assert search_engine.count(alias) == len(ids)


def test_an_interrupted_reindex_leaves_the_old_index_serving(
    db: Database, hoso_settings: Settings, search_engine: SearchEngine, tmp_path: Path
) -> None:
    ids = _ingest_here(db, hoso_settings, make_letters(tmp_path / "in", 6, docx_every=0))
    alias = hoso_settings.index_alias
    before = search_engine.indices_for(alias)

    def interrupt(done: int, _total: int) -> None:
        if done >= 2:
            raise RuntimeError("operator pressed Ctrl-C")

    with pytest.raises(ReindexFailed, match="still serves the old index"):
        reindex(batch_size=2, progress=interrupt)
    assert search_engine.indices_for(alias) == before
    assert search_engine.indices_matching(f"{alias}-v*") == before
    search_engine.refresh(alias)
    assert search_engine.count(alias) == len(ids)


def test_backup_and_restore_round_trip_into_an_empty_system(
    db: Database,
    hoso_settings: Settings,
    search_engine: SearchEngine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    test_databases: DatabaseFactory,
) -> None:
    paths = make_letters(tmp_path / "in", 8)
    ids = _ingest_here(db, hoso_settings, paths)
    with db.session() as session:
        originals = dict(session.execute(select(Document.id, Document.sha256)).all())
    target = tmp_path / "backup"
    code, out = _hoso("backup", str(target))
    assert code == 0, out
    manifest = json.loads((target / "manifest.json").read_text())
    assert manifest["tables"]["documents"]["rows"] == len(ids)
    assert manifest["files"]["count"] == len(ids)
    assert "test-secret-key" not in (target / "config.env").read_text()

    # Restoring over the system that holds the data is refused without --force.
    code, out = _hoso("restore", str(target))
    assert code == 1

    # A second, empty system: its own database, files and index prefix.
    empty_db = test_databases.create()
    try:
        monkeypatch.setenv("HOSO_DATABASE_URL", empty_db)
        monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path / "restored"))
        monkeypatch.setenv("HOSO_SEARCH_INDEX_PREFIX", hoso_settings.search_index_prefix + "-r")
        if hoso_settings.storage_url:  # the object store: another prefix of the bucket
            monkeypatch.setenv("HOSO_STORAGE_URL", fresh_storage_url())
        runtime.reset()
        code, out = _hoso("restore", str(target))
        assert code == 0, out
        restored = runtime.settings()
        engine = runtime.engine()
        engine.refresh(restored.index_alias)
        for n, doc_id in enumerate(ids):
            hits = engine.search(
                restored.index_alias, {"query": {"match": {"content.folded": f"mau{n}"}}}
            )["hits"]["hits"]
            assert [hit["_id"] for hit in hits] == [str(doc_id)]
        store = open_store(restored)
        assert all(store.verify(sha256) for sha256 in originals.values())
        with runtime.database().session() as session:
            assert dict(session.execute(select(Document.id, Document.sha256)).all()) == originals
        assert _hoso("check", "--files")[0] == 0
        # A damaged backup is refused before anything is touched.
        victim = next((target / "files").rglob("*"))
        while victim.is_dir():
            victim = next(victim.iterdir())
        victim.write_bytes(b"tampered")
        code, out = _hoso("restore", "--force", str(target))
        assert code == 1
    finally:
        for index in runtime.engine().indices_for(runtime.settings().index_alias):
            runtime.engine().delete_index(index)
        if runtime.settings().storage_url:
            runtime.store().clear()
        runtime.database().dispose()
        runtime.reset()
        test_databases.drop(empty_db)
