"""Image files (JPEG, PNG, multi-page TIFF) are read by OCR, within the page cap."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from indexer.extract import ExtractionError, ExtractLimits, extract
from indexer.extract.ocr import _enlargement, _Word, deskew
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
def test_a_low_resolution_scan_is_read_again_enlarged(tmp_path: Path) -> None:
    """At 100 dpi the date line of vn-r059 is lost unless the page is read again enlarged."""
    page = scan_image("vn-r059").convert("L")
    low = page.resize((page.width // 2, page.height // 2), Image.Resampling.LANCZOS)
    path = tmp_path / "fax.png"
    low.save(path)
    result = extract(path, limits=LIMITS)
    assert "Số: 8960/VPCP-NN" in (result.header_left or "")
    assert "Hà Nội, ngày 23 tháng 08 năm 2017" in (result.header_right or "")


def _words(char_px: float, count: int = 9) -> list[_Word]:
    return [_Word((1, 1, 1), 0, 0, round(char_px * 5), 20, 90.0, "Thanh") for _ in range(count)]


@pytest.mark.parametrize(
    ("char_px", "page", "expected"),
    [
        (17, (1666, 2349), 1.0),  # a 200 dpi scan of 13 pt type: read once
        (8, (833, 1174), 3.0),  # the same at 100 dpi: enlarged to 24 px a character
        (4, (620, 877), 4.0),  # at most four times
        (8, (6000, 6000), (40_000_000 / 36_000_000) ** 0.5),  # never past the pixel limit
    ],
)
def test_small_type_is_enlarged_for_a_second_reading(char_px, page, expected) -> None:
    image = Image.new("L", page, 255)
    assert _enlargement(_words(char_px), image) == pytest.approx(expected)
    assert _enlargement([], image) == 1.0
