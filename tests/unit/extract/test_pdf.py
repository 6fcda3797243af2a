"""PDF pages: legacy text layers, (cid:N) and image-only pages routed to OCR, odd files."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from indexer.extract import ExtractionError, ExtractLimits, extract
from indexer.normalize import decode_run
from tests.unit.extract.accuracy import char_accuracy
from tests.unit.extract.corpus import FILES, needs_corpus, scan_jpeg, truth
from tests.unit.extract.pdfgen import scan_with_cid_text_pdf, text_pdf, winansi_lines_pdf

LIMITS = ExtractLimits()


@pytest.fixture
def cid_scan(tmp_path: Path) -> Path:
    path = tmp_path / "cid.pdf"
    path.write_bytes(scan_with_cid_text_pdf(*scan_jpeg("vn-s001")))
    return path


@needs_corpus
@pytest.mark.slow
def test_page_of_cid_codes_is_read_by_ocr(cid_scan: Path) -> None:
    result = extract(cid_scan, limits=LIMITS)
    assert result.ocr and "(cid:" not in result.text
    assert char_accuracy(result.text, truth("vn-s001")) >= 0.95


@needs_corpus
def test_ocr_page_cap_leaves_no_cid_codes(cid_scan: Path) -> None:
    result = extract(cid_scan, limits=ExtractLimits(ocr_max_pages=0))
    assert result.pages == [""]
    assert result.warnings == ["OCR stopped after 0 pages; 1 scanned pages have no text"]


@needs_corpus
def test_legacy_tcvn3_text_layer_is_decoded(tmp_path: Path) -> None:
    """A PDF printed from a .VnTime document without Unicode mapping: "Céng hoµ"."""
    source = docx.Document(str(FILES / "vn-r008.tcvn3.docx"))
    raw = [p.text[:90] for p in source.paragraphs if p.runs and p.runs[0].font.name == ".VnTime"]
    raw = [line for line in raw if line.strip()][:12]
    path = tmp_path / "legacy.pdf"
    path.write_bytes(winansi_lines_pdf([line.encode("cp1252") for line in raw]))
    result = extract(path, limits=LIMITS)
    expected = "\n".join(decode_run(line, ".VnTime")[0] for line in raw)
    assert result.source_encoding == "tcvn3"
    assert char_accuracy(result.text, expected) >= 0.99


def test_unicode_text_layer_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    path.write_bytes(winansi_lines_pdf([b"R\xe9sum\xe9 of the meeting", b"Caf\xe9 Hano\xef"]))
    result = extract(path, limits=LIMITS)
    assert result.source_encoding == "unicode"
    assert result.text == "Résumé of the meeting\nCafé Hanoï"


def test_blank_page_without_image_is_not_ocred(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    path.write_bytes(text_pdf(2, b""))
    result = extract(path, limits=LIMITS)
    assert result.pages == ["", ""] and not result.ocr


def test_pages_are_kept_apart(tmp_path: Path) -> None:
    path = tmp_path / "three.pdf"
    path.write_bytes(text_pdf(3, b"Trang"))
    result = extract(path, limits=LIMITS)
    assert result.page_count == 3 and result.text == "Trang\n\f\nTrang\n\f\nTrang"


def test_pdf_without_pages(tmp_path: Path) -> None:
    path = tmp_path / "none.pdf"
    path.write_bytes(text_pdf(0))
    with pytest.raises(ExtractionError, match=r"^PDF has no pages$"):
        extract(path, limits=LIMITS)
