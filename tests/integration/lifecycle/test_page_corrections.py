"""Correcting the text of a page: searchable at once, kept through re-runs, dropped by a
new file version; OCR confidence per page of a real scan, and the review list."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from records.db import Database
from records.models import AuditEvent, DocumentPage, PageCorrection
from tests.support.auth import csrf_token, make_user
from tests.support.ingest import signed_in, upload, wait_for
from webapp import create_app
from webapp.cli import main

pytestmark = pytest.mark.services

PRINTED = "BIÊN BẢN\nLàm việc với Thanh tra huyện về đơn khiếu nại của công dân.\n"
FIXED = "BIÊN BẢN\nLàm việc với Thanh tra huyện về đơn khiếu nại xylofone của công dân.\n"


def _hits(client, query: str) -> set[int]:
    return {hit["id"] for hit in client.get(f"/api/v1/search?q={query}").get_json()["hits"]}


def _correct(client, document_id: int, page_no: int, text: str):
    path = f"/documents/{document_id}/pages/{page_no}"
    token = csrf_token(client.get(path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, "text": text}, follow_redirects=True)


def _page(db: Database, document_id: int, page_no: int = 1) -> DocumentPage:
    with db.session() as session:
        page = session.get(DocumentPage, (document_id, page_no))
        session.expunge(page)
        return page


def test_a_corrected_page_is_searchable_at_once_and_survives_a_rerun(
    app, db: Database, hoso_settings, search_engine, worker, tmp_path: Path
) -> None:
    path = tmp_path / "bien-ban.txt"
    path.write_text(PRINTED, encoding="utf-8")
    document_id = upload(db, hoso_settings, path)
    wait_for(db, [document_id], ("indexed",))
    officer, _ = signed_in(app, db, "chuyen-vien", roles=("officer",))
    viewer, _ = signed_in(app, db, "chi-xem", roles=("viewer",))

    # Someone without edit rights sees the text, but not the form, and may not post it.
    shown = viewer.get(f"/documents/{document_id}/pages/1")
    assert shown.status_code == 200 and 'name="text"' not in shown.get_data(as_text=True)
    token = csrf_token(viewer.get("/").get_data(as_text=True))
    denied = viewer.post(
        f"/documents/{document_id}/pages/1", data={"csrf_token": token, "text": FIXED}
    )
    assert denied.status_code == 403

    saved = _correct(officer, document_id, 1, FIXED)
    assert "tìm kiếm đã dùng nội dung mới" in saved.get_data(as_text=True)
    assert _hits(officer, "xylofone") == {document_id}  # no refresh: the save made it visible

    make_user(db, "van-thu", roles=("clerk",))
    rerun = CliRunner().invoke(main, ["--as", "van-thu", "doc", "rerun", str(document_id)])
    assert rerun.exit_code == 0, rerun.output
    wait_for(db, [document_id], ("indexed",))
    page = _page(db, document_id)
    assert page.corrected and "xylofone" in page.original and "xylofone" in page.text
    search_engine.refresh(hoso_settings.index_alias)
    assert _hits(officer, "xylofone") == {document_id}
    with db.session() as session:
        correction = session.scalars(select(PageCorrection)).one()
        assert (correction.page_no, correction.version) == (1, 1)
        assert correction.replaced == PRINTED
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "document.page_correct")
        ).one()
        assert event.detail["page"] == 1 and event.object_id == str(document_id)

    # A new file version has other pages: the correction is not applied to them.
    token = csrf_token(officer.get(f"/documents/{document_id}").get_data(as_text=True))
    officer.post(
        f"/documents/{document_id}/versions",
        data={
            "csrf_token": token,
            "reason": "bản mới",
            "file": (io.BytesIO(b"BAN MOI hoan toan"), "moi.txt"),
        },
        content_type="multipart/form-data",
    )
    wait_for(db, [document_id], ("indexed",))
    page = _page(db, document_id)
    assert not page.corrected and "xylofone" not in page.original
    search_engine.refresh(hoso_settings.index_alias)
    assert _hits(officer, "xylofone") == set()


def test_ocr_confidence_is_kept_per_page_and_low_pages_are_listed(
    db: Database, hoso_settings, worker, corpus: Path
) -> None:
    scan = upload(db, hoso_settings, corpus / "files" / "vn-r059.scan.pdf")
    text = upload(db, hoso_settings, corpus / "files" / "vn-r053.nfd.txt")
    wait_for(db, [scan, text], ("indexed",))
    page = _page(db, scan)
    assert page.ocr_confidence is not None and 50 < page.ocr_confidence <= 100
    assert _page(db, text).ocr_confidence is None

    # Every OCR'd page is below a threshold of 101: the scan is listed, the text file not.
    app = create_app(hoso_settings.with_overrides(ocr_review_threshold=101))
    try:
        officer, _ = signed_in(app, db, "chuyen-vien", roles=("officer",))
        listed = officer.get("/documents/ocr-review").get_data(as_text=True)
        assert f'data-id="{scan}"' in listed and f'data-id="{text}"' not in listed
        document = officer.get(f"/documents/{scan}").get_data(as_text=True)
        assert "OCR cần soát" in document
        _correct(officer, scan, 1, page.original + "\nđã soát")
        listed = officer.get("/documents/ocr-review").get_data(as_text=True)
        assert f'data-id="{scan}"' not in listed
    finally:
        app.extensions["hoso"].db.dispose()
