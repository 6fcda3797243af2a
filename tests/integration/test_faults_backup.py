"""Backup, wipe everything, restore with the real ``hoso`` command: nothing lost."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from indexer import runtime
from records.config import Settings
from records.db import Database
from records.models import Document
from records.storage import open_store
from tests.support.databases import DatabaseFactory
from tests.support.files import make_letters, sha256_of
from tests.support.scenarios import assert_consistent, ingest
from tests.support.worker import Worker

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.timeout(600)]

FILES = 60


def _hoso(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "webapp.cli", *args],
        env={**os.environ, **settings.to_env()},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_backup_wipe_restore_leaves_everything_searchable_and_every_file_intact(
    hoso_settings: Settings,
    db: Database,
    search_engine,
    test_databases: DatabaseFactory,
    tmp_path: Path,
) -> None:
    paths = make_letters(tmp_path / "in", FILES)
    worker = Worker(hoso_settings, tmp_path / "worker.log").start()
    try:
        run = ingest(db, hoso_settings, paths)
    finally:
        worker.stop()
    originals = {path.name: sha256_of(path) for path in paths}
    backup_dir = tmp_path / "backup"
    made = _hoso(hoso_settings, "backup", str(backup_dir))
    assert made.returncode == 0, made.stderr

    # Wipe: an empty database (freshly migrated), no files, no index.
    db.dispose()
    test_databases.wipe(hoso_settings.database_url)
    shutil.rmtree(hoso_settings.files_dir)
    for index in search_engine.indices_for(hoso_settings.index_alias):
        search_engine.delete_index(index)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0

    restored = _hoso(hoso_settings, "restore", str(backup_dir))
    assert restored.returncode == 0, restored.stderr
    checked = _hoso(hoso_settings, "check", "--files")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    runtime.reset()
    search_engine.refresh(hoso_settings.index_alias)
    store = open_store(hoso_settings)
    with db.session() as session:
        documents = {d.id: d for d in session.scalars(select(Document))}
    assert sorted(documents) == sorted(run.ids)
    for n, doc_id in enumerate(run.ids):
        document = documents[doc_id]
        assert document.sha256 == originals[document.filename]
        assert store.verify(document.sha256)
        hits = search_engine.search(
            hoso_settings.index_alias, {"query": {"match": {"content.folded": f"mau{n}"}}}
        )["hits"]["hits"]
        assert [hit["_id"] for hit in hits] == [str(doc_id)]
    assert_consistent(db, search_engine, hoso_settings, FILES)
