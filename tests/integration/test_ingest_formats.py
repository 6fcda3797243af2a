"""Real files of every format through a real worker into the live search node: status,
metadata, OCR flag, source encoding, page texts as printed and as searched, and search."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from indexer.engine import SearchEngine
from indexer.metadata import number_key
from indexer.normalize import fold
from records.config import Settings
from records.db import Database
from records.models import Document, DocumentPage
from tests.support.ingest import upload, wait_for
from tests.unit.extract.accuracy import char_accuracy

pytestmark = pytest.mark.services

# file -> (encoding recorded, OCR'd, least character accuracy against the ground truth)
FILES = {
    "vn-r006.docx": ("unicode", False, 0.99),
    "vn-r033.pdf": ("unicode", False, 0.99),
    "vn-r059.scan.pdf": ("unicode", True, 0.95),
    "vn-r008.tcvn3.docx": ("tcvn3", False, 0.99),
    "vn-r043.vni.docx": ("vni", False, 0.99),
    "vn-r055.vni.txt": ("vni", False, 0.99),
    "vn-r001.nfd.txt": ("utf-8", False, 0.99),
}


def manifest(corpus: Path) -> dict[str, dict]:
    lines = (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return {entry["id"]: entry for entry in map(json.loads, lines)}


def converted(source: Path, kind: str, folder: Path) -> Path:
    """``source`` saved as DOC, ODT or RTF by LibreOffice."""
    folder.mkdir(exist_ok=True)
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--convert-to", kind, "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return folder / f"{source.stem}.{kind}"


def search_ids(engine: SearchEngine, alias: str, query: dict) -> set[int]:
    hits = engine.search(alias, {"query": query, "size": 50, "_source": False})["hits"]["hits"]
    return {int(hit["_id"]) for hit in hits}


def test_every_format_is_parsed_described_and_found(
    db: Database,
    hoso_settings: Settings,
    search_engine: SearchEngine,
    worker,
    corpus: Path,
    tmp_path: Path,
) -> None:
    entries = manifest(corpus)
    paths = {name: corpus / "files" / name for name in FILES}
    office = {}
    if shutil.which("soffice"):
        for kind in ("doc", "odt", "rtf"):
            office[kind] = converted(corpus / "files" / "vn-r012.docx", kind, tmp_path / kind)
    tones = tmp_path / "quyet-dinh.txt"
    tones.write_text(
        "ỦY BAN NHÂN DÂN TỈNH KHÁNH HOÀ\nSố: 15/QĐ-UBND\nKhánh Hoà, ngày 02 tháng 01 năm 2024\n"
        "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác kiểm tra công tác thuỷ lợi\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HOÀ\nQuyết định này có hiệu lực từ ngày ký.\n",
        encoding="utf-8",
    )
    ids = {name: upload(db, hoso_settings, path) for name, path in paths.items()}
    ids.update({f"office.{kind}": upload(db, hoso_settings, path) for kind, path in office.items()})
    ids["tones"] = upload(db, hoso_settings, tones)
    documents = wait_for(db, ids.values(), timeout_s=300)
    search_engine.refresh(hoso_settings.index_alias)

    for name, (encoding, ocr, floor) in FILES.items():
        entry = entries[name.split(".")[0]]
        document = documents[ids[name]]
        assert document.status == "indexed", (name, document.error)
        assert (document.doc_type, document.number) == (entry["doc_type"], entry["number"]), name
        assert document.issued_date.isoformat() == entry["issued_date"], name
        assert (document.ocr, document.source_encoding) == (ocr, encoding), name
        truth = (corpus / entry["text_file"]).read_text(encoding="utf-8")
        with db.session() as session:
            pages = session.scalars(
                select(DocumentPage)
                .where(DocumentPage.document_id == document.id)
                .order_by(DocumentPage.page_no)
            ).all()
        assert [page.page_no for page in pages] == list(range(1, document.page_count + 1))
        printed = "\n".join(page.original for page in pages)
        assert char_accuracy(printed, truth) >= floor, name
        number_hits = search_ids(
            search_engine,
            hoso_settings.index_alias,
            {"term": {"number_keys": number_key(document.number)}},
        )
        assert document.id in number_hits, name
        phrase = " ".join(fold(entry["subject"]).split()[:6])
        text_hits = search_ids(
            search_engine,
            hoso_settings.index_alias,
            {"match_phrase": {"content.folded": phrase}},
        )
        assert document.id in text_hits, (name, phrase)

    for kind in office:
        document = documents[ids[f"office.{kind}"]]
        assert document.status == "indexed", (kind, document.error)
        assert (document.kind, document.number) == (kind, "01/2014/LN-QCPH")

    # Printed tone placement is kept for people and metadata; the searched text has one form.
    document = documents[ids["tones"]]
    assert (document.place, document.issuer) == ("Khánh Hoà", "ỦY BAN NHÂN DÂN TỈNH KHÁNH HOÀ")
    with db.session() as session:
        page = session.scalars(
            select(DocumentPage).where(DocumentPage.document_id == document.id)
        ).one()
        assert "Khánh Hoà" in page.original and "thuỷ lợi" in page.original
        assert "Khánh Hòa" in page.text and "thủy lợi" in page.text
    for query in ("Khánh Hòa", "thủy lợi"):
        hits = search_ids(
            search_engine, hoso_settings.index_alias, {"match_phrase": {"content": query}}
        )
        assert document.id in hits, query
    with db.session() as session:
        assert session.scalar(select(Document.status).where(Document.id == document.id)) == (
            "indexed"
        )
