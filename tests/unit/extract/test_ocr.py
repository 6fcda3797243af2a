"""Image files (JPEG, PNG, multi-page TIFF) are read by OCR, within the page cap."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from indexer.extract import ExtractionError, ExtractLimits, extract
from indexer.extract.ocr import at_reading_resolution, deskew
from tests.unit.extract.accuracy import char_accuracy
from tests.unit.extract.corpus import needs_corpus, scan_jpeg, truth

pytestmark = needs_corpus
LIMITS = ExtractLimits()


def scan_image(doc_id: str) -> Image.Image:
    return Image.open(io.BytesIO(scan_jpeg(doc_id)[0]))


@pytest.mark.slow
def test_jpeg_scan(tmp_path: Path) -> None:
    path = tmp_path / "scan.jpg"
    path.write_bytes(scan_jpeg("vn-r044")[0])
    result = extract(path, limits=LIMITS)
    assert result.kind == "image" and result.ocr
    assert char_accuracy(result.text, truth("vn-r044")) >= 0.95
    assert "Số: 3889/QĐ-UBND" in (result.header_left or "")
    assert "Thanh Hóa, ngày 05 tháng 10 năm 2015" in (result.header_right or "")


@pytest.mark.slow
def test_multipage_tiff_and_page_cap(tmp_path: Path) -> None:
    path = tmp_path / "scans.tif"
    first, second = scan_image("vn-s005"), scan_image("vn-r059")
    first.save(path, save_all=True, append_images=[second], compression="tiff_lzw")
    result = extract(path, limits=LIMITS)
    assert result.page_count == 2
    assert char_accuracy(result.pages[0], truth("vn-s005")) >= 0.95
    assert char_accuracy(result.pages[1], truth("vn-r059")) >= 0.90  # no header on page 2
    capped = extract(path, limits=ExtractLimits(ocr_max_pages=1))
    assert capped.pages == result.pages[:1]
    assert capped.warnings == ["OCR stopped after 1 pages"]


def test_image_too_large_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    Image.new("1", (8000, 6000), 1).save(path)
    with pytest.raises(ExtractionError, match="page image is too large: 8000×6000 pixels"):
        extract(path, limits=LIMITS)


def test_deskew_straightens_a_rotated_scan() -> None:
    page = scan_image("vn-s001").convert("L")
    crooked = page.rotate(-1.5, fillcolor=255)
    straightened = deskew(crooked)
    assert straightened is not crooked
    assert deskew(straightened) is straightened  # nothing left to correct


@pytest.mark.slow
def test_a_low_resolution_scan_is_read_at_300_dpi(tmp_path: Path) -> None:
    """At 100 dpi the date line of vn-r059 is lost unless the page is enlarged first."""
    page = scan_image("vn-r059").convert("L")
    low = page.resize((page.width // 2, page.height // 2), Image.Resampling.LANCZOS)
    path = tmp_path / "fax.png"
    low.save(path)
    result = extract(path, limits=LIMITS)
    assert "Số: 8960/VPCP-NN" in (result.header_left or "")
    assert "Hà Nội, ngày 23 tháng 08 năm 2017" in (result.header_right or "")


@pytest.mark.parametrize(
    ("size", "stated", "expected"),
    [
        ((2480, 3508), (300, 300), (2480, 3508)),  # an ordinary 300 dpi scan
        ((2480, 3508), (72, 72), (2480, 3508)),  # "72 dpi" said by software, not believed
        ((827, 1169), None, (2481, 3507)),  # no resolution stated: an A4 page at 100 dpi
        ((1728, 1143), (204, 98), (1728, 3499)),  # fax "normal" mode: rows enlarged only
        ((3000, 4000), None, (3000, 4000)),  # a phone photo
    ],
)
def test_reading_resolution(size: tuple[int, int], stated, expected: tuple[int, int]) -> None:
    assert at_reading_resolution(Image.new("L", size, 255), stated).size == expected
