"""Durable, content-addressed intake with duplicate recognition (on SQLite)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from records import migrate
from records.db import Database
from records.intake import clean_filename, receive
from records.models import Agency, AuditEvent, Document, Upload
from records.storage import FileStore, FileTooLarge


@pytest.fixture
def database(tmp_path: Path) -> Database:
    url = f"sqlite:///{tmp_path / 'hoso.db'}"
    migrate.upgrade(url)
    return Database(url)


def _agency(session, code: str) -> Agency:
    return session.scalars(select(Agency).where(Agency.code == code)).one()


def test_store_is_content_addressed_and_verifiable(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    stored = store.put(io.BytesIO(b"van ban"))
    assert stored.sha256 == hashlib.sha256(b"van ban").hexdigest()
    assert stored.path == store.path(stored.sha256) and stored.path.read_bytes() == b"van ban"
    assert store.verify(stored.sha256)
    stored.path.chmod(0o644)
    stored.path.write_bytes(b"tampered")
    assert not store.verify(stored.sha256)
    assert list(store.root.glob(".incoming-*")) == []


def test_store_refuses_oversized_stream_and_leaves_nothing(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    with pytest.raises(FileTooLarge, match="larger than"):
        store.put(io.BytesIO(b"x" * 2048), max_bytes=1024)
    assert [p for p in store.root.rglob("*") if p.is_file()] == []


def test_path_never_comes_from_user_input(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    with pytest.raises(ValueError):
        store.path("../../etc/passwd")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\a\\Quyết định.docx", "Quyết định.docx"),
        ("bad\x00name\n.pdf", "badname.pdf"),
        ("", "unnamed"),
    ],
)
def test_clean_filename(raw: str, clean: str) -> None:
    assert clean_filename(raw) == clean


def test_duplicate_upload_links_instead_of_parsing_again(
    database: Database, tmp_path: Path
) -> None:
    store = FileStore(tmp_path / "files")
    with database.session() as session:
        first = receive(
            session,
            store,
            io.BytesIO(b"%PDF-1.4 a"),
            "a.pdf",
            user=None,
            agency=_agency(session, "noi_chinh"),
            channel="cli",
        )
        assert not first.duplicate and first.document.status == "received"
    with database.session() as session:
        again = receive(
            session,
            store,
            io.BytesIO(b"%PDF-1.4 a"),
            "copy.pdf",
            user=None,
            agency=_agency(session, "cong_an"),
            channel="web",
        )
        assert again.duplicate and again.document.id == first.document.id
        # Another body's copy of the bytes grants it nothing of the document held.
        assert again.withheld and again.document.shared_with == []
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1
        uploads = session.scalars(select(Upload).order_by(Upload.id)).all()
        assert [(u.filename, u.duplicate) for u in uploads] == [
            ("a.pdf", False),
            ("copy.pdf", True),
        ]
        actions = session.scalars(select(AuditEvent.action)).all()
        assert actions == ["document.upload", "document.upload"]
