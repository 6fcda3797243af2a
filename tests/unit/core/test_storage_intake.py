"""Content-addressed intake with duplicate recognition (on SQLite); the store itself is
tested against both back ends in tests/integration/test_storage.py."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from records import migrate
from records.db import Database
from records.intake import clean_filename, receive
from records.models import Agency, AuditEvent, Document, Upload
from records.storage import LocalStore


@pytest.fixture
def database(tmp_path: Path) -> Database:
    url = f"sqlite:///{tmp_path / 'hoso.db'}"
    migrate.upgrade(url)
    return Database(url)


def _agency(session, code: str) -> Agency:
    return session.scalars(select(Agency).where(Agency.code == code)).one()


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
    store = LocalStore(tmp_path / "files")
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
