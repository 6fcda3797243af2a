"""The benchmark corpus generator: deterministic, and realistic enough for hoso to read."""

from __future__ import annotations

import json
from collections import Counter

import pypdfium2 as pdfium
import pytest

from bench.generator import compose, documents, write
from indexer.extract import ExtractLimits, extract
from indexer.metadata import extract_metadata

SEED = 11


def test_same_seed_same_documents_and_index_independent_of_count():
    first = [d.fields() | {"text": d.text} for d in documents(SEED, 40)]
    again = [d.fields() | {"text": d.text} for d in documents(SEED, 40)]
    assert first == again
    assert compose(SEED, 25).text == first[25]["text"]
    assert next(documents(SEED, 1, start=25)).fields().items() <= first[25].items()
    other = [d.fields() for d in documents(SEED + 1, 40)]
    assert [f["number"] for f in other] != [f["number"] for f in first]


def test_text_fields_parse_back_through_hoso_metadata():
    hits: Counter[str] = Counter()
    generated = list(documents(SEED, 300))
    numbered = [d for d in generated if d.number]
    for document in generated:
        meta = extract_metadata(document.text)
        hits["date"] += meta.issued_date == document.issued_date
        hits["type"] += meta.doc_type == document.doc_type
        hits["issuer"] += meta.issuer == document.issuer
        if document.number:
            hits["number"] += meta.number == document.number
    assert len(numbered) > 200
    assert hits["number"] / len(numbered) >= 0.95
    assert hits["date"] / len(generated) >= 0.95
    assert hits["type"] / len(generated) >= 0.9
    assert hits["issuer"] / len(generated) >= 0.9


def test_every_kind_and_format_occurs_with_realistic_lengths():
    generated = list(documents(SEED, 1000))
    formats = Counter(d.format for d in generated)
    assert set(formats) == {"pdf", "docx", "scan"}
    assert 20 <= formats["scan"] <= 90  # 5% by default
    kinds = {d.doc_type for d in generated}
    assert {"quyet_dinh", "chi_thi", "bao_cao", "ket_luan_thanh_tra", "bien_ban", "cong_van",
            "don_to_cao", "don_khieu_nai"} <= kinds  # fmt: skip
    pages = Counter(d.pages for d in generated)
    assert min(pages) == 1 and max(pages) == 10


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    pytest.importorskip("reportlab")
    out = tmp_path_factory.mktemp("generated")
    write(SEED, 24, out, scan_share=0.1)
    return out


def test_rendering_is_byte_for_byte_deterministic(rendered, tmp_path):
    write(SEED, 24, tmp_path, scan_share=0.1, jobs=2)
    assert (tmp_path / "manifest.jsonl").read_bytes() == (rendered / "manifest.jsonl").read_bytes()
    names = sorted(p.name for p in (rendered / "files").iterdir())
    assert {n.rsplit(".", 1)[-1] for n in names} == {"pdf", "docx"}
    assert any(n.endswith(".scan.pdf") for n in names)
    for name in names:
        assert (tmp_path / "files" / name).read_bytes() == (rendered / "files" / name).read_bytes()


def test_rendered_files_are_read_back_by_hoso(rendered):
    rows = [json.loads(line) for line in (rendered / "manifest.jsonl").open(encoding="utf-8")]
    hits: Counter[str] = Counter()
    texts = [r for r in rows if r["format"] != "scan"]
    for row in texts:
        extracted = extract(rendered / row["file"], limits=ExtractLimits())
        meta = extract_metadata(
            extracted.text, header_left=extracted.header_left, header_right=extracted.header_right
        )
        hits["number"] += meta.number == row["number"]
        hits["date"] += meta.issued_date.isoformat() == row["issued_date"]
        hits["issuer"] += meta.issuer == row["issuer"]
        if row["format"] == "pdf":
            hits["pages"] += extracted.page_count == row["pages"]
    assert hits["number"] / len(texts) >= 0.9
    assert hits["date"] / len(texts) >= 0.9
    assert hits["issuer"] / len(texts) >= 0.9
    assert hits["pages"] == sum(r["format"] == "pdf" for r in texts)
    for row in rows:
        if row["format"] == "scan":
            assert not extract_text_layer(rendered / row["file"])


def extract_text_layer(path) -> str:
    pdf = pdfium.PdfDocument(path)
    try:
        return "".join(page.get_textpage().get_text_range() for page in pdf).strip()
    finally:
        pdf.close()
