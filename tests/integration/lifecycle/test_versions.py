"""File versions of a document, through the web page, the API and the CLI, with a real
worker and the live search node: both files kept, only the current text indexed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from records.db import Database
from records.models import AuditEvent, Document, DocumentVersion
from tests.support.auth import csrf_token, make_user
from tests.support.ingest import signed_in, upload, wait_for
from webapp.cli import main

pytestmark = pytest.mark.services

FIRST = (
    "QUYẾT ĐỊNH\nVề việc kiểm tra tài sản tại xã Yên Thượng.\nBản quét thứ nhất có chữ zephyrcam.\n"
)
SECOND = "QUYẾT ĐỊNH\nVề việc kiểm tra tài sản tại xã Yên Thượng.\nBản đã ký có chữ quasarlim.\n"


def _hits(client, query: str) -> set[int]:
    body = client.get(f"/api/v1/search?q={query}").get_json()
    return {hit["id"] for hit in body["hits"]}


def _post_version(client, document_id: int, data: bytes, name: str, reason: str):
    token = csrf_token(client.get(f"/documents/{document_id}").get_data(as_text=True))
    return client.post(
        f"/documents/{document_id}/versions",
        data={"csrf_token": token, "reason": reason, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def test_new_version_keeps_both_files_and_indexes_only_the_current_text(
    app, db: Database, hoso_settings, search_engine, worker, tmp_path: Path
) -> None:
    first = tmp_path / "qd-ban-quet.txt"
    first.write_text(FIRST, encoding="utf-8")
    document_id = upload(db, hoso_settings, first)
    wait_for(db, [document_id], ("indexed",))
    search_engine.refresh(hoso_settings.index_alias)
    clerk, _ = signed_in(app, db, "van-thu", roles=("clerk",))
    assert _hits(clerk, "zephyrcam") == {document_id}

    page = _post_version(clerk, document_id, SECOND.encode(), "qd-da-ky.txt", "Bản đã ký, đóng dấu")
    assert "Đã lưu phiên bản 2" in page.get_data(as_text=True)
    done = wait_for(db, [document_id], ("indexed", "failed"))[document_id]
    assert done.status == "indexed" and done.filename == "qd-da-ky.txt"
    search_engine.refresh(hoso_settings.index_alias)

    assert _hits(clerk, "zephyrcam") == set()
    assert _hits(clerk, "quasarlim") == {document_id}
    old = clerk.get(f"/documents/{document_id}/versions/1/download")
    new = clerk.get(f"/documents/{document_id}/versions/2/download")
    current = clerk.get(f"/documents/{document_id}/download")
    assert old.status_code == new.status_code == current.status_code == 200
    assert old.data.decode() == FIRST and new.data.decode() == current.data.decode() == SECOND

    html = clerk.get(f"/documents/{document_id}").get_data(as_text=True)
    assert "Bản đã ký, đóng dấu" in html and "qd-ban-quet.txt" in html

    # The same file again, or no reason: refused with a clear message, nothing added.
    again = _post_version(clerk, document_id, FIRST.encode(), "lai.txt", "tải lại")
    assert "giống hệt phiên bản 1" in again.get_data(as_text=True)
    blank = _post_version(clerk, document_id, b"khac han", "khac.txt", "   ")
    assert "Cần ghi lý do" in blank.get_data(as_text=True)
    with db.session() as session:
        numbers = session.scalars(
            select(DocumentVersion.number).where(DocumentVersion.document_id == document_id)
        ).all()
        assert sorted(numbers) == [1, 2]
        events = session.scalars(
            select(AuditEvent).where(
                AuditEvent.object_id == str(document_id),
                AuditEvent.action.in_(("document.version", "document.download")),
            )
        ).all()
    assert [e.detail.get("reason") for e in events if e.action == "document.version"] == [
        "Bản đã ký, đóng dấu"
    ]
    assert {e.detail.get("version") for e in events if e.action == "document.download"} >= {1, 2}


def test_api_lists_and_adds_versions(app, db: Database, hoso_settings, tmp_path: Path) -> None:
    first = tmp_path / "bao-cao.txt"
    first.write_text(FIRST, encoding="utf-8")
    document_id = upload(db, hoso_settings, first, queue=False)
    clerk, token = signed_in(app, db, "van-thu-api", roles=("clerk",))
    headers = {"X-CSRFToken": token}
    added = clerk.post(
        f"/api/v1/documents/{document_id}/versions",
        data={"file": (io.BytesIO(SECOND.encode()), "bao-cao-sua.txt"), "reason": "sửa lỗi"},
        content_type="multipart/form-data",
        headers=headers,
    )
    assert added.status_code == 201, added.get_data(as_text=True)
    assert added.get_json()["number"] == 2
    listed = clerk.get(f"/api/v1/documents/{document_id}/versions").get_json()["versions"]
    assert [(v["number"], v["current"], v["reason"]) for v in listed] == [
        (2, True, "sửa lỗi"),
        (1, False, ""),
    ]
    refused = clerk.post(
        f"/api/v1/documents/{document_id}/versions",
        data={"file": (io.BytesIO(FIRST.encode()), "x.txt"), "reason": "lại"},
        content_type="multipart/form-data",
        headers=headers,
    )
    assert refused.status_code == 409 and refused.get_json()["error"] == "version.same_file"
    viewer, viewer_token = signed_in(app, db, "chi-xem", roles=("viewer",))
    forbidden = viewer.post(
        f"/api/v1/documents/{document_id}/versions",
        data={"file": (io.BytesIO(b"khac"), "x.txt"), "reason": "thử"},
        content_type="multipart/form-data",
        headers={"X-CSRFToken": viewer_token},
    )
    assert forbidden.status_code == 403


def test_cli_adds_a_version(db: Database, hoso_settings, tmp_path: Path) -> None:
    first = tmp_path / "to-trinh.txt"
    first.write_text(FIRST, encoding="utf-8")
    second = tmp_path / "to-trinh-ky.txt"
    second.write_text(SECOND, encoding="utf-8")
    document_id = upload(db, hoso_settings, first, queue=False)
    make_user(db, "chuyen-vien", roles=("officer",))
    make_user(db, "chi-xem-cli", roles=("viewer",))
    runner = CliRunner()
    command = ["doc", "add-version", str(document_id), str(second)]
    missing = runner.invoke(main, ["--as", "chuyen-vien", *command])
    assert missing.exit_code == 2 and "--reason" in missing.output
    refused = runner.invoke(main, ["--as", "chi-xem-cli", *command, "--reason", "thử"])
    assert refused.exit_code == 1 and "không có quyền" in refused.output
    done = runner.invoke(main, ["--as", "chuyen-vien", *command, "--reason", "bản ký"])
    assert done.exit_code == 0, done.output
    assert f"document {document_id}: version 2 stored" in done.output
    with db.session() as session:
        document = session.get(Document, document_id)
        assert (document.filename, document.status) == ("to-trinh-ky.txt", "received")
