"""OCR of page images with Tesseract (language "vie"), run as the `tesseract` command."""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageOps, ImageSequence

from indexer.extract.base import Extracted, ExtractionError, ExtractLimits, UnsupportedFormat
from indexer.extract.layout import HeaderSplit, Segment, header_lines, split_header

_LANG = "vie"
# Whole pages: fully automatic page segmentation (finds columns and the signature block).
_PSM_PAGE = "3"
# A header column cut out of page 1: one uniform block of text.
_PSM_COLUMN = "6"
# Binarisation: Sauvola's local threshold. Tesseract's default global Otsu threshold loses
# tone marks on blurred bold capitals (titles, stamps) of noisy scans; on the corpus scans
# and on scans made noisier from its PDFs, Sauvola read 98.4% and 97.8% of the characters
# right where Otsu read 98.3% and 96.3%, and got more header fields exactly right.
_THRESHOLDING = "thresholding_method=2"
# Rendering and OCR refuse page images larger than this (an A3 page at 300 dpi is 17 Mpx).
_MAX_PIXELS = 40_000_000
# Deskew: angles tried, in degrees, on a reduced copy of the page.
_SKEW_RANGE = 3.0
_SKEW_STEP = 0.1
_SKEW_WIDTH = 800
# Small type: Tesseract misreads small print (a fax, a 100–150 dpi scan, a screenshot). Size
# is measured as the median width of a character in the words of a first reading (robust
# where Tesseract's word heights are not): about 17 px in a 200 dpi scan of 13 pt type. A
# page under _SMALL_CHAR_PX is read a second time enlarged to _READABLE_CHAR_PX (at most
# _MAX_ENLARGE times). The corpus scan vn-r059 halved to 100 dpi (8 px) lost its date line
# before; pages of 9–11 px type misread the number; both are read right after.
_SMALL_CHAR_PX = 11
_READABLE_CHAR_PX = 24
_MAX_ENLARGE = 4.0
# Two words on one OCR line farther apart than this many line heights are in different
# columns (the header's issuer | national title; "Nơi nhận" | signer).
_COLUMN_GAP = 3.0


@dataclass(frozen=True)
class OcrPage:
    text: str
    confidence: float | None  # mean word confidence 0..100, None when no word was found
    header_left: list[str]
    header_right: list[str]


@dataclass(frozen=True)
class _Word:
    line: tuple[int, int, int]  # block, paragraph, line
    left: int
    top: int
    width: int
    height: int
    conf: float
    text: str


def ocr_image(image: Image.Image, *, timeout_s: float, first_page: bool) -> OcrPage:
    """Recognise one page image.

    On the first page the two header columns are found at the midline and read again
    cut apart, so that Tesseract does not run "ỦY BAN NHÂN DÂN" and "CỘNG HÒA …" (or the
    number and a rule line) together into one line.
    """
    _check_size(image)
    page = deskew(ImageOps.grayscale(image))
    words = _run_tesseract(page, _PSM_PAGE, timeout_s)
    scale = _enlargement(words, page)
    if scale > 1:
        page = page.resize(
            (round(page.width * scale), round(page.height * scale)), Image.Resampling.LANCZOS
        )
        words = _run_tesseract(page, _PSM_PAGE, timeout_s)
    segments = _segments(words)
    left: list[str] = []
    right: list[str] = []
    body = segments
    if first_page:
        split = split_header(segments, 0, page.width, page.height)
        if split.found:
            left, right = _read_columns(page, split, timeout_s)
            body = split.body
    confs = [w.conf for w in words]
    return OcrPage(
        text="\n".join(header_lines(left, right) + [seg.text for seg in body]),
        confidence=sum(confs) / len(confs) if confs else None,
        header_left=left,
        header_right=right,
    )


def ocr_pdf_pages(path: Path, indexes: list[int], limits: ExtractLimits) -> dict[int, OcrPage]:
    """Render the given PDF pages (0-based) at ``limits.ocr_dpi`` and recognise them."""
    pdf = pdfium.PdfDocument(path)
    try:
        pages = {}
        for index in indexes:
            page = pdf[index]
            width, height = page.get_size()
            scale = min(limits.ocr_dpi / 72, (_MAX_PIXELS / max(width * height, 1)) ** 0.5)
            image = page.render(scale=scale, grayscale=True).to_pil()
            pages[index] = ocr_image(
                image, timeout_s=limits.ocr_page_timeout_s, first_page=index == 0
            )
        return pages
    finally:
        pdf.close()


def extract_image(path: Path, limits: ExtractLimits) -> Extracted:
    """OCR an image file: JPEG, PNG, or TIFF with one or more pages."""
    with Image.open(path) as image:
        frames = getattr(image, "n_frames", 1)
        if frames > limits.max_pages:
            raise ExtractionError(
                f"too many pages: {frames} > {limits.max_pages} allowed",
                "too_many_pages",
                pages=frames,
                limit=limits.max_pages,
            )
        result = Extracted(kind="image", pages=[], ocr=True)
        confs = []
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            if number > limits.ocr_max_pages:
                result.warnings.append(f"OCR stopped after {limits.ocr_max_pages} pages")
                break
            _check_size(frame)  # before the frame is decoded
            page = ocr_image(
                frame.copy(), timeout_s=limits.ocr_page_timeout_s, first_page=number == 1
            )
            result.pages.append(page.text)
            result.page_confidences.append(page.confidence)
            if page.confidence is not None:
                confs.append(page.confidence)
            if number == 1 and page.header_left:
                result.header_left = "\n".join(page.header_left)
                result.header_right = "\n".join(page.header_right)
    result.ocr_confidence = sum(confs) / len(confs) if confs else None
    return result


def deskew(image: Image.Image) -> Image.Image:
    """Straighten a slightly rotated scan (up to ±3°), found by projection profiles.

    Text lines are horizontal when the row sums of the ink vary the most.
    """
    small = image.resize((_SKEW_WIDTH, max(1, image.height * _SKEW_WIDTH // image.width)))
    ink = small.point(lambda v: 255 if v < 160 else 0)
    steps = round(_SKEW_RANGE / _SKEW_STEP)
    angle = max(
        (i * _SKEW_STEP for i in range(-steps, steps + 1)),
        key=lambda a: _row_variance(ink.rotate(a, resample=Image.Resampling.BILINEAR)),
    )
    if abs(angle) < _SKEW_STEP / 2:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


def _row_variance(image: Image.Image) -> float:
    rows = image.resize((1, image.height), Image.Resampling.BOX).get_flattened_data()
    mean = sum(rows) / len(rows)
    return sum((v - mean) ** 2 for v in rows)


def _enlargement(words: list[_Word], page: Image.Image) -> float:
    """How much to enlarge a page of small type before reading it again (1: not at all)."""
    widths = [w.width / len(w.text) for w in words if len(w.text) >= 3]
    if not widths:
        return 1.0
    width = statistics.median(widths)
    if width >= _SMALL_CHAR_PX:
        return 1.0
    room = (_MAX_PIXELS / (page.width * page.height)) ** 0.5
    return max(1.0, min(_MAX_ENLARGE, _READABLE_CHAR_PX / max(width, 1.0), room))


def _check_size(image: Image.Image) -> None:
    if image.width * image.height > _MAX_PIXELS:
        raise ExtractionError(
            f"page image is too large: {image.width}×{image.height} pixels",
            "page_image_too_large",
            width=image.width,
            height=image.height,
        )


def _read_columns(
    page: Image.Image, split: HeaderSplit, timeout_s: float
) -> tuple[list[str], list[str]]:
    segs = split.left + split.right
    pad = statistics.median(seg.line_height for seg in segs) / 2
    top = max(0, round(min(seg.top for seg in segs) - pad))
    bottom = min(page.height, round(max(seg.bottom for seg in segs) + pad))
    edge = round((max(seg.x1 for seg in split.left) + min(seg.x0 for seg in split.right)) / 2)
    columns = []
    for box in ((0, top, edge, bottom), (edge, top, page.width, bottom)):
        words = _run_tesseract(page.crop(box), _PSM_COLUMN, timeout_s)
        columns.append([" ".join(w.text for w in line) for line in _lines(words)])
    return columns[0], columns[1]


def _lines(words: list[_Word]) -> list[list[_Word]]:
    lines: list[list[_Word]] = []
    for word in words:
        if lines and lines[-1][-1].line == word.line:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def _run_tesseract(image: Image.Image, psm: str, timeout_s: float) -> list[_Word]:
    binary = shutil.which("tesseract")
    if binary is None:
        raise UnsupportedFormat(
            "scanned pages need Tesseract OCR, which is not installed", "ocr_missing"
        )
    png = io.BytesIO()
    image.save(png, format="PNG")
    # One thread per Tesseract: OpenMP threads spin and are several times slower here.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            [binary, "stdin", "stdout", "-l", _LANG, "--psm", psm, "-c", _THRESHOLDING, "tsv"],
            input=png.getvalue(),
            capture_output=True,
            timeout=timeout_s,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise ExtractionError(
            f"OCR of a page took longer than {timeout_s:g} s", "ocr_timeout", seconds=timeout_s
        ) from err
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        message = " ".join(detail) or str(done.returncode)
        raise ExtractionError(f"OCR failed: {message}", "ocr_failed", detail=message)
    return _parse_tsv(done.stdout.decode("utf-8", "replace"))


def _parse_tsv(tsv: str) -> list[_Word]:
    words = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        block, par, line, _word, left, top, width, height = map(int, cols[2:10])
        words.append(_Word((block, par, line), left, top, width, height, float(cols[10]), cols[11]))
    return words


def _segments(words: list[_Word]) -> list[Segment]:
    """OCR lines in reading order, cut where a gap between two words is a column gutter."""
    segments = []
    for line in _lines(words):
        start = 0
        for i in range(1, len(line)):
            gap = line[i].left - (line[i - 1].left + line[i - 1].width)
            if gap > _COLUMN_GAP * max(line[i].height, line[i - 1].height):
                segments.append(_segment(line[start:i]))
                start = i
        segments.append(_segment(line[start:]))
    return segments


def _segment(words: list[_Word]) -> Segment:
    return Segment(
        x0=words[0].left,
        x1=words[-1].left + words[-1].width,
        top=min(w.top for w in words),
        bottom=max(w.top + w.height for w in words),
        text=" ".join(w.text for w in words),
    )
