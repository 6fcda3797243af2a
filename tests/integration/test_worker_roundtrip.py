"""A task round trip through a real broker and worker into the live search node."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.engine import SearchEngine
from records.config import Settings
from records.db import Database
from tests.support.ingest import upload, wait_for

pytestmark = pytest.mark.services


def test_uploaded_file_is_parsed_and_indexed_by_the_worker(
    db: Database, hoso_settings: Settings, search_engine: SearchEngine, worker, tmp_path: Path
) -> None:
    letter = tmp_path / "cong-van.txt"
    letter.write_text(
        "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH\nSố: 123/UBND-NC\n"
        "Thái Bình, ngày 05 tháng 3 năm 2024\nV/v phối hợp xác minh đơn tố cáo\n"
        "Kính gửi: Thanh tra tỉnh\nĐề nghị Thanh tra tỉnh phối hợp xác minh nội dung đơn.\n",
        encoding="utf-8",
    )
    document_id = upload(db, hoso_settings, letter)
    document = wait_for(db, [document_id])[document_id]
    assert document.status == "indexed", document.error
    assert document.number == "123/UBND-NC"
    assert document.doc_type == "cong_van"

    search_engine.refresh(hoso_settings.index_alias)
    hits = search_engine.search(
        hoso_settings.index_alias, {"query": {"match": {"content.folded": "xac minh don to cao"}}}
    )["hits"]["hits"]
    assert [hit["_id"] for hit in hits] == [str(document_id)]
    assert hits[0]["_source"]["owner_agency"] == "noi_chinh"
