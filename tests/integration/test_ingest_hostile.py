"""Hostile and broken files uploaded together with normal ones: each hostile file ends
failed with a reason a clerk can read, the normal ones are indexed, and the worker keeps
serving. A file uploaded twice is recognised; a correction survives a re-run."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from indexer import unit_of_work
from indexer.corrections import correct
from indexer.reprocess import request_rerun
from records.config import Settings
from records.db import Database
from records.models import Document, Upload, User
from tests.support.auth import make_user
from tests.support.ingest import upload, wait_for
from tests.unit.extract.pdfgen import text_pdf
from tests.unit.extract.test_hostile import bomb_docx

pytestmark = pytest.mark.services


@pytest.fixture
def hostile(tmp_path: Path, corpus: Path) -> dict[str, Path]:
    folder = tmp_path / "hostile"
    folder.mkdir()
    pdf = (corpus / "files" / "vn-r033.pdf").read_bytes()
    files = {
        "bomb.docx": bomb_docx(folder / "bomb.docx", "word/document.xml", 300),
        "thick.pdf": folder / "thick.pdf",
        "truncated.pdf": folder / "truncated.pdf",
        "empty.pdf": folder / "empty.pdf",
        "random.doc": folder / "random.doc",
    }
    files["thick.pdf"].write_bytes(text_pdf(5000))
    files["truncated.pdf"].write_bytes(pdf[: len(pdf) // 2])
    files["empty.pdf"].write_bytes(b"")
    files["random.doc"].write_bytes(random.Random(7).randbytes(64 * 1024))
    return files


# file -> (failure code, reason for the operator)
EXPECTED = {
    "bomb.docx": ("zip_size", "archive unpacks to 300 MB, more than the 256 MB allowed"),
    "thick.pdf": ("too_many_pages", "too many pages: 5000 > 2000 allowed"),
    "truncated.pdf": ("truncated", "file is truncated"),
    "empty.pdf": ("empty_file", "empty file (0 bytes)"),
    "random.doc": ("unknown_format", "unknown binary format"),
}


def test_hostile_files_fail_with_a_reason_and_others_are_indexed(
    db: Database,
    hoso_settings: Settings,
    worker,
    corpus: Path,
    hostile: dict[str, Path],
    tmp_path: Path,
) -> None:
    disguised = tmp_path / "chi-thi.pdf"  # a DOCX named .pdf is read as the DOCX it is
    shutil.copy(corpus / "files" / "vn-r010.docx", disguised)
    normal = [corpus / "files" / "vn-r015.docx", corpus / "files" / "vn-r025.pdf", disguised]
    batch = [*hostile.values()]
    batch[2:2] = normal  # interleaved, as a clerk's folder would be
    ids = {path.name: upload(db, hoso_settings, path) for path in batch}
    documents = wait_for(db, ids.values(), timeout_s=240)

    for name, (code, reason) in EXPECTED.items():
        document = documents[ids[name]]
        assert document.status == "failed", name
        assert (document.error_code, document.error) == (code, reason), name
    for path in normal:
        document = documents[ids[path.name]]
        assert document.status == "indexed", (path.name, document.error)
    assert documents[ids["chi-thi.pdf"]].kind == "docx"
    assert documents[ids["chi-thi.pdf"]].doc_type == "chi_thi"

    # The worker is still there and serving.
    assert worker.process.poll() is None
    after = upload(db, hoso_settings, corpus / "files" / "vn-r037.docx")
    assert wait_for(db, [after])[after].status == "indexed"


def test_duplicates_are_linked_and_corrections_survive_a_rerun(
    db: Database, hoso_settings: Settings, worker, corpus: Path
) -> None:
    path = corpus / "files" / "vn-r031.docx"
    first = upload(db, hoso_settings, path)
    assert wait_for(db, [first])[first].status == "indexed"
    again = upload(db, hoso_settings, path, agency="thanh_tra", queue=False)
    assert again == first
    with db.session() as session:
        document = session.get(Document, first)
        # Receiving a file held already grants the uploader's body nothing
        # (docs/access-policy.md, Duplicates); the upload is still recorded as a duplicate.
        assert document.shared_with == []
        uploads = session.scalars(select(Upload).where(Upload.document_id == first)).all()
        assert [upload.duplicate for upload in uploads] == [False, True]
        extracted_number = document.number

    officer_id = make_user(db, "canbo", roles=("officer",)).id
    with db.session() as session:
        unit_of_work.watch(session)  # as the web app and the CLI do: the commit queues
        officer = session.get(User, officer_id)
        document = session.get(Document, first)
        changed = correct(
            session, officer, document, {"number": "99/QĐ-UBND", "doc_type": "quyet_dinh"}
        )
        assert changed == {"number": {"old": extracted_number, "new": "99/QĐ-UBND"}}
        assert request_rerun(session, document, officer)
    document = wait_for(db, [first])[first]
    assert document.status == "indexed" and document.attempts == 2
    assert (document.number, document.number_key) == ("99/QĐ-UBND", "99/QĐ/UBND")
