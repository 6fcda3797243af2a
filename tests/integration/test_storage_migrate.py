"""``hoso storage migrate --to URL`` between the local folder and the real object store, in
whichever direction the test run's own store allows (HOSO_TEST_STORAGE)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from indexer import runtime
from indexer.admin_lock import admin_lock
from records.config import Settings
from records.db import Database
from records.models import Document
from records.storage import open_store, store_at
from tests.support.files import make_letters
from tests.support.ingest import upload
from tests.support.objectstore import (
    CREDENTIALS,
    ensure_object_store,
    fresh_storage_url,
    overwrite,
)
from webapp.cli import main
from webapp.cli.recovery import EXIT_BUSY

pytestmark = pytest.mark.services


def _hoso(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def target_url(hoso_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The other kind of store than the one this run uses."""
    if hoso_settings.storage_url:
        return f"file://{tmp_path / 'moved'}"
    ensure_object_store()
    for key, value in CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    return fresh_storage_url()


def test_migrate_copies_every_file_resumably_then_the_system_runs_on_the_new_store(
    db: Database,
    hoso_settings: Settings,
    target_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = [
        upload(db, hoso_settings, path, queue=False)
        for path in make_letters(tmp_path / "in", 4, docx_every=0)
    ]
    with db.session() as session:
        digests = set(session.scalars(select(Document.sha256).where(Document.id.in_(ids))))
    source = open_store(hoso_settings)
    target = store_at(target_url, hoso_settings.files_dir)
    try:
        # An earlier run stopped after one file: it is not copied again.
        first = sorted(digests)[0]
        with source.open(first) as reader:
            target.put(reader)

        code, out = _hoso("storage", "migrate", "--to", target_url)
        assert code == 0, out
        assert "3 files copied" in out and "1 already there" in out
        assert f"HOSO_STORAGE_URL={target_url}" in out
        assert set(target.iter_digests()) == digests
        assert all(target.verify(sha256) for sha256 in digests)

        code, out = _hoso("storage", "migrate", "--to", target_url)
        assert code == 0 and "0 files copied" in out and "4 already there" in out

        monkeypatch.setenv("HOSO_STORAGE_URL", target_url)
        runtime.reset()
        code, out = _hoso("check", "--files")
        assert code == 0, out
    finally:
        target.clear()


def test_migrate_names_the_files_it_could_not_copy_intact(
    db: Database, hoso_settings: Settings, target_url: str, tmp_path: Path
) -> None:
    upload(db, hoso_settings, make_letters(tmp_path / "in", 1, docx_every=0)[0], queue=False)
    source = open_store(hoso_settings)
    damaged = source.put(io.BytesIO(b"bien ban goc")).sha256
    overwrite(source, damaged, b"bien ban bi sua")
    target = store_at(target_url, hoso_settings.files_dir)
    try:
        code, out = _hoso("storage", "migrate", "--to", target_url)
        assert code == 1
        assert "1 files copied" in out and damaged in out
        assert not target.exists(damaged)
        code, out = _hoso("storage", "migrate", "--to", hoso_settings.storage_url or "ftp://x")
        assert code == 1
    finally:
        target.clear()


def test_migrate_refuses_while_another_admin_operation_runs(
    db: Database, hoso_settings: Settings, target_url: str, tmp_path: Path
) -> None:
    """A disposal or a restore changing the files during a copy would leave the new store
    with a disposed file or without a restored one: the migration waits for the lock."""
    upload(db, hoso_settings, make_letters(tmp_path / "in", 1, docx_every=0)[0], queue=False)
    target = store_at(target_url, hoso_settings.files_dir)
    lock_args = (db, hoso_settings.broker_url, hoso_settings.index_alias)
    try:
        with admin_lock("retention disposal", *lock_args):
            code, out = _hoso("storage", "migrate", "--to", target_url)
        assert code == EXIT_BUSY
        assert "storage migrate refused" in out and "retention disposal" in out
        assert not any(target.iter_digests())
        code, out = _hoso("storage", "migrate", "--to", target_url)
        assert code == 0, out
    finally:
        target.clear()
