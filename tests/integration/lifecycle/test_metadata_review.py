"""Extraction confidence: stored per field, shown on the document page, unsure documents
listed for review until someone corrects the unsure fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.metadata_review import fields_to_review
from records.db import Database
from records.models import Document
from tests.support.auth import csrf_token
from tests.support.ingest import signed_in, upload, wait_for

pytestmark = pytest.mark.services

CLEAR = """ỦY BAN NHÂN DÂN
HUYỆN TÂN PHÚ
Số: 88/KH-UBND
Tân Phú, ngày 12 tháng 5 năm 2024
KẾ HOẠCH
Tiếp công dân định kỳ năm 2024
I. MỤC ĐÍCH
Bảo đảm quyền khiếu nại của công dân.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trương Văn Giả
"""
# A portal's page: no header, no title, no signature.
UNSURE = """Lịch tiếp công dân của lãnh đạo huyện tháng 6
Thứ hai: Chủ tịch Ủy ban nhân dân huyện tiếp công dân tại trụ sở.
Thứ năm: Phó Chủ tịch tiếp công dân.
"""


def test_confidence_is_stored_shown_and_unsure_documents_are_listed_until_corrected(
    app, db: Database, hoso_settings, worker, tmp_path: Path
) -> None:
    ids = []
    for name, text in (("ke-hoach.txt", CLEAR), ("lich.txt", UNSURE)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        ids.append(upload(db, hoso_settings, path))
    clear, unsure = ids
    wait_for(db, ids, ("indexed",))
    with db.session() as session:
        stored = session.get(Document, unsure)
        assert stored.doc_type == "thong_bao" and stored.metadata_review
        assert stored.field_confidence["subject"] < 0.6
        assert not session.get(Document, clear).metadata_review

    officer, _ = signed_in(app, db, "chuyen-vien", roles=("officer",))
    listed = officer.get("/documents/metadata-review").get_data(as_text=True)
    assert f'data-id="{unsure}"' in listed and f'data-id="{clear}"' not in listed
    page = officer.get(f"/documents/{unsure}").get_data(as_text=True)
    assert "Độ tin cậy của thông tin trích xuất" in page and "Cần soát" in page

    # Correcting every unsure field takes the document off the list.
    with db.session() as session:
        unsure_fields = sorted(fields_to_review(session.get(Document, unsure)))
    assert "subject" in unsure_fields
    values = {
        "doc_type": "thong_bao",
        "number": "12/TB-UBND",
        "issued_date": "2024-06-01",
        "issuer": "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ",
        "subject": "Lịch tiếp công dân tháng 6",
        "signer": "Trương Văn Giả",
    }
    token = csrf_token(officer.get("/").get_data(as_text=True))
    reply = officer.patch(
        f"/api/v1/documents/{unsure}",
        json={name: values[name] for name in unsure_fields},
        headers={"X-CSRFToken": token},
    )
    assert reply.status_code == 200, reply.get_data(as_text=True)
    with db.session() as session:
        assert not session.get(Document, unsure).metadata_review
    listed = officer.get("/documents/metadata-review").get_data(as_text=True)
    assert f'data-id="{unsure}"' not in listed
