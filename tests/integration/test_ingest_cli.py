"""``hoso ingest`` (folders, hidden files, JSON lines, --wait), ``hoso doc`` and
``hoso reprocess``, run as a user would, against a real worker and the live search node."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from indexer.pipeline import PIPELINE_VERSION
from records.accounts import ensure_admin
from records.db import Database
from records.models import AuditEvent, Document
from tests.support.auth import make_user
from tests.support.ingest import wait_for
from webapp.cli import main

pytestmark = pytest.mark.services

CONTRACT = {
    "id", "filename", "sha256", "status", "error", "doc_type", "number", "issued_date",
    "place", "issuer", "subject", "signer", "confidentiality", "urgency", "recipients",
    "agencies", "cases", "pages", "ocr", "source_encoding",
}  # fmt: skip


def hoso(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def lines(stdout: str) -> dict[str, dict]:
    return {Path(row["path"]).name: row for row in map(json.loads, stdout.splitlines())}


@pytest.fixture
def folder(tmp_path: Path, corpus: Path) -> Path:
    root = tmp_path / "hop-thu"
    (root / "2024" / "thang-3").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copy(corpus / "files" / "vn-r019.docx", root / "ke-hoach.docx")
    shutil.copy(corpus / "files" / "vn-r053.nfd.txt", root / "2024" / "thang-3" / "qd.txt")
    shutil.copy(corpus / "files" / "vn-r019.docx", root / "2024" / "ban-sao.docx")
    (root / "2024" / "rong.txt").write_bytes(b"")
    (root / ".nhap.txt").write_text("nháp, không gửi")
    (root / ".git" / "config").write_text("[core]")
    return root


def test_ingest_a_folder_and_read_the_documents(db: Database, worker, folder: Path) -> None:
    with db.session() as session:
        ensure_admin(session)
    code, stdout, _ = hoso("ingest", str(folder), "--wait", "--json")
    assert code == 0
    rows = lines(stdout)
    assert set(rows) == {"ke-hoach.docx", "qd.txt", "ban-sao.docx", "rong.txt"}
    assert rows["ke-hoach.docx"]["status"] == "indexed"
    assert rows["qd.txt"]["status"] == "indexed"
    assert rows["ban-sao.docx"] == {
        "path": str(folder / "2024" / "ban-sao.docx"),
        "id": rows["ke-hoach.docx"]["id"],
        "status": "duplicate",
        "error": None,
    }
    assert rows["rong.txt"]["status"] == "failed"
    assert rows["rong.txt"]["error"] == "Tệp rỗng (0 byte)."

    document_id = rows["qd.txt"]["id"]
    code, stdout, _ = hoso("doc", "show", str(document_id), "--json")
    shown = json.loads(stdout)
    assert code == 0 and set(shown) >= CONTRACT
    assert (shown["doc_type"], shown["source_encoding"]) == ("quyet_dinh", "utf-8")
    assert shown["pages"] == 1
    assert shown["status"] == "indexed" and shown["error"] is None
    code, stdout, _ = hoso("doc", "text", str(document_id))
    assert code == 0 and "QUYẾT ĐỊNH" in stdout
    code, stdout, _ = hoso("doc", "show", "999999")
    assert code == 1

    # Without --wait a new file is reported queued; a worker then indexes it.
    extra = folder.parent / "them.txt"
    extra.write_text("ỦY BAN NHÂN DÂN TỈNH\nSố: 5/UBND-VP\nV/v họp giao ban\n", encoding="utf-8")
    code, stdout, _ = hoso("ingest", str(extra), "--json", "--agency", "thanh_tra")
    queued = json.loads(stdout)
    assert code == 0 and queued["status"] == "queued"
    assert wait_for(db, [queued["id"]])[queued["id"]].status == "indexed"
    with db.session() as session:
        document = session.get(Document, queued["id"])
        assert (document.owner_agency.code, document.shared_with) == ("thanh_tra", [])
        actions = set(session.scalars(select(AuditEvent.action)))
    # The administrator imported it for the inspectorate, and sees no more than before.
    code, _, stderr = hoso("doc", "show", str(queued["id"]))
    assert code == 1 and "may not see it" in stderr
    assert {"document.upload", "document.view", "document.text"} <= actions

    # A file held already is a duplicate, whoever sends it again.
    code, stdout, _ = hoso("ingest", str(folder / "ke-hoach.docx"), "--json")
    assert code == 0 and json.loads(stdout)["status"] == "duplicate"


def test_rerun_and_reprocess_outdated_documents(db: Database, worker, folder: Path) -> None:
    with db.session() as session:
        ensure_admin(session)
    make_user(db, "nguoixem", roles=("viewer",))
    code, stdout, _ = hoso("ingest", str(folder / "2024"), "--wait", "--json")
    rows = lines(stdout)
    done = rows["qd.txt"]["id"]
    failed = rows["rong.txt"]["id"]

    code, stdout, _ = hoso("doc", "rerun", str(done))
    assert code == 0 and "queued" in stdout
    assert wait_for(db, [done])[done].attempts == 2
    code, _, stderr = hoso("--as", "nguoixem", "doc", "rerun", str(done))
    assert code == 1 and "may not" in stderr

    code, stdout, _ = hoso("reprocess", "--outdated", "--dry-run")
    assert stdout.strip() == "0 documents would be parsed again"
    with db.session() as session:
        session.execute(update(Document).where(Document.id == done).values(pipeline_version=1))
    code, stdout, _ = hoso("reprocess", "--outdated")
    assert code == 0 and stdout.startswith("1 documents queued")
    document = wait_for(db, [done])[done]
    assert (document.status, document.pipeline_version, document.attempts) == (
        "indexed",
        PIPELINE_VERSION,
        3,
    )
    code, stdout, _ = hoso("reprocess", "--status", "failed")
    assert code == 0 and stdout.startswith("1 documents queued")
    assert wait_for(db, [failed])[failed].attempts == 2
    code, _, stderr = hoso("--as", "nguoixem", "reprocess", "--status", "failed")
    assert code == 1 and "administrator" in stderr


def test_a_file_that_cannot_be_stored_is_reported(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.session() as session:
        ensure_admin(session)
    monkeypatch.setenv("HOSO_MAX_UPLOAD_MB", "1")
    (tmp_path / "lon.txt").write_bytes(b"x" * (1024 * 1024 + 1))
    (tmp_path / "nho.txt").write_text("Văn bản nhỏ", encoding="utf-8")
    code, stdout, _ = hoso("ingest", str(tmp_path), "--json")
    rows = lines(stdout)
    assert code == 1
    assert rows["lon.txt"] == {
        "path": str(tmp_path / "lon.txt"),
        "id": None,
        "status": "failed",
        "error": "Tệp lớn hơn giới hạn 1 MB; tệp này không được lưu.",
    }
    assert rows["nho.txt"]["status"] == "queued"
    code, _, stderr = hoso("ingest", str(tmp_path), "--confidentiality", "mat", "--case", "VV-9")
    assert code == 1 and "Không tìm thấy vụ việc có mã VV-9." in stderr
