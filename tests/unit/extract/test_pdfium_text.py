"""The PDFium text path against pdfminer.six, the reference extractor.

Over every text PDF of the shared corpus and of the benchmark generator's output, PDFium's
words recall at least 99.5% of pdfminer's and the metadata extracted (header columns
included) is identical. The one difference allowed is the width of blanks inside a line:
PDFium's box of a space character leaves out the word spacing of justified lines, so a gap
may read as two or three spaces where pdfminer gave one, or the other way round. Words,
lines, boxes and reading order are the same.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from bench.generator import documents
from bench.render import render
from indexer.extract import ExtractLimits
from indexer.extract.char_layout import Char, text_boxes
from indexer.extract.pdf import extract_pdf
from indexer.extract.pdfium_text import open_pdfium
from indexer.metadata import extract_metadata
from indexer.normalize import clean_text
from tests.unit.extract.corpus import FILES
from tests.unit.extract.pdfgen import scan_with_cid_text_pdf, text_pdf

LIMITS = ExtractLimits()
MIN_WORD_RECALL = 0.995
_WORD = re.compile(r"\w+")
_BLANKS = re.compile(r"[ \t]+")


def corpus_text_pdfs() -> list[Path]:
    if not FILES.is_dir():
        return []
    return sorted(path for path in FILES.glob("*.pdf") if not path.name.endswith(".scan.pdf"))


@pytest.fixture(scope="module")
def generated_text_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("generated")
    return [
        render(document, folder)[0]
        for document in documents(seed=16, count=16, scan_share=0.0)
        if document.format == "pdf"
    ]


def both(path: Path) -> tuple[dict[str, object], dict[str, object]]:
    return _read(extract_pdf(path, LIMITS)), _read(extract_pdf(path, LIMITS, pdfium=False))


def _read(result: object) -> dict[str, object]:
    pages = [clean_text(page) for page in result.pages]  # type: ignore[attr-defined]
    left = result.header_left and clean_text(result.header_left)  # type: ignore[attr-defined]
    right = result.header_right and clean_text(result.header_right)  # type: ignore[attr-defined]
    text = "\n\f\n".join(pages) if len(pages) > 1 else "".join(pages)
    return {
        "pages": pages,
        "header": (left, right),
        "metadata": extract_metadata(text, header_left=left, header_right=right),
        "words": Counter(_WORD.findall(text.lower())),
        "ocr": result.ocr,  # type: ignore[attr-defined]
    }


def assert_same_as_pdfminer(path: Path) -> None:
    fast, reference = both(path)
    words, wanted = fast["words"], reference["words"]
    found = sum(min(words[w], n) for w, n in wanted.items())  # type: ignore[index]
    total = sum(wanted.values())  # type: ignore[attr-defined]
    assert total == 0 or found / total >= MIN_WORD_RECALL, f"{path.name}: {found}/{total}"
    assert fast["header"] == reference["header"]
    assert fast["metadata"] == reference["metadata"]
    assert fast["ocr"] == reference["ocr"]
    blanks = [_BLANKS.sub(" ", page) for page in fast["pages"]]  # type: ignore[attr-defined]
    assert blanks == [_BLANKS.sub(" ", page) for page in reference["pages"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", corpus_text_pdfs(), ids=lambda path: path.name)
def test_corpus_pdf_reads_as_with_pdfminer(path: Path) -> None:
    with open_pdfium(path) as reader:
        assert reader is not None
        assert all(reader.page(index) is not None for index in range(len(reader)))
    assert_same_as_pdfminer(path)


def test_generated_pdfs_read_as_with_pdfminer(generated_text_pdfs: list[Path]) -> None:
    assert len(generated_text_pdfs) >= 5
    for path in generated_text_pdfs:
        assert_same_as_pdfminer(path)


def test_page_without_unicode_mapping_is_left_to_pdfminer(tmp_path: Path) -> None:
    """A font without a ToUnicode map: PDFium's guesses are not trusted."""
    path = tmp_path / "cid.pdf"
    path.write_bytes(scan_with_cid_text_pdf(b"\xff\xd8\xff\xd9", 1, 1))
    with open_pdfium(path) as reader:
        assert reader is not None and reader.page(0) is None


def test_rotated_page_is_read_by_pdfminer(tmp_path: Path) -> None:
    path = tmp_path / "rotated.pdf"
    path.write_bytes(
        text_pdf(1, b"Van ban xoay ngang cua tinh").replace(
            b"/Type /Page ", b"/Rotate 90 /Type /Page "
        )
    )
    with open_pdfium(path) as reader:
        assert reader is not None and reader.page(0) is None
    assert extract_pdf(path, LIMITS) == extract_pdf(path, LIMITS, pdfium=False)


def char_row(text: str, x: float, y: float, size: float = 10.0, advance: float = 5.0) -> list[Char]:
    return [
        Char(c, x + i * advance, y, x + (i + 1) * advance, y + size) for i, c in enumerate(text)
    ]


def test_gaps_become_word_breaks_and_close_lines_one_box() -> None:
    chars = char_row("Ab", 100, 700) + char_row("cd", 112, 700) + char_row("ef", 100, 688)
    assert [box.text for box in text_boxes(chars)] == ["Ab cd\nef\n"]


def test_distant_lines_and_far_apart_columns_are_separate_boxes() -> None:
    chars = char_row("left", 50, 700) + char_row("right", 400, 700) + char_row("low", 50, 600)
    assert [box.text for box in text_boxes(chars)] == ["left\n", "right\n", "low\n"]
