"""PDF text: characters from PDFium grouped by hoso (``pdfium_text``, ``char_layout``),
pdfminer.six layout analysis for the pages PDFium cannot read or that have too little
text; image-only and `(cid:N)` pages go to OCR.

pdfminer also counts the pages (its page-tree walk does not trust /Count) and reports
passwords and unsupported encryption, so limits and errors do not depend on the path a
page took."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTFigure, LTImage, LTItem, LTPage, LTTextBox
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from indexer.extract.base import Extracted, ExtractionError, ExtractLimits
from indexer.extract.char_layout import TextBox
from indexer.extract.layout import (
    HeaderSplit,
    Segment,
    header_lines,
    reading_order,
    split_header,
)
from indexer.extract.ocr import ocr_pdf_pages
from indexer.extract.pdfium_text import PageBoxes, PdfiumReader, open_pdfium
from indexer.normalize import repair

_CID = re.compile(r"\(cid:\d+\)")
# A page with fewer visible characters than this and an image on it is a scan.
_MIN_TEXT_CHARS = 20
# A page whose text is more than this share of (cid:N) codes has fonts without a
# ToUnicode map (often legacy TCVN3/VNI fonts): only OCR can read it.
_MAX_CID_SHARE = 0.3
# pdfminer's line and box grouping; boxes are put in reading order here (see
# layout.reading_order), not by pdfminer's boxes_flow ordering, which misplaced headings
# and the signature block on the corpus and is the slowest step of its layout analysis.
# Text inside figures (form XObjects) is laid out too.
_LAPARAMS = LAParams(all_texts=True, boxes_flow=None)
_BOX_SEPARATOR = "\x1e"


def extract_pdf(path: Path, limits: ExtractLimits, *, pdfium: bool = True) -> Extracted:
    """Text of every page; page 1's header columns; OCR for pages without usable text.

    ``pdfium=False`` reads every page with pdfminer: the reference the tests and the
    extraction benchmark compare the PDFium path with."""
    result = Extracted(kind="pdf", pages=[])
    scanned: list[int] = []
    with path.open("rb") as fh, open_pdfium(path) as reader:
        document = _open(fh)
        pages = _pages(document, limits.max_pages)
        # When the two disagree about the page tree, pdfminer reads every page.
        fast = reader if pdfium and reader is not None and len(reader) == len(pages) else None
        miner = _Pdfminer()
        for index, page in enumerate(pages):
            first = index == 0
            read = _pdfium_page_text(fast, index, first=first)
            if read is None:
                layout = miner.layout(page)
                read = _page_text(_miner_boxes(layout), layout.bbox, first=first)
                if _needs_ocr(read[0], layout):
                    scanned.append(index)
                    result.pages.append(read[0])
                    continue
            text, header, encoding = read
            if header.found:
                result.header_left = "\n".join(header.left_lines)
                result.header_right = "\n".join(header.right_lines)
            if encoding != "unicode":
                result.source_encoding = encoding
            result.pages.append(text)
    if not result.pages:
        raise ExtractionError("PDF has no pages", "no_pages")
    if scanned:
        _ocr(path, scanned, result, limits)
    return result


class _Pdfminer:
    """pdfminer's layout analysis, set up on the first page that needs it; one resource
    manager for the document, so each font is parsed once, not per page."""

    def __init__(self) -> None:
        self._device: PDFPageAggregator | None = None
        self._interpreter: PDFPageInterpreter | None = None

    def layout(self, page: PDFPage) -> LTPage:
        if self._device is None or self._interpreter is None:
            resources = PDFResourceManager(caching=True)
            self._device = PDFPageAggregator(resources, laparams=_LAPARAMS)
            self._interpreter = PDFPageInterpreter(resources, self._device)
        self._interpreter.process_page(page)
        return self._device.get_result()


_PageText = tuple[str, HeaderSplit, str]


def _pdfium_page_text(reader: PdfiumReader | None, index: int, *, first: bool) -> _PageText | None:
    """The page as PDFium reads it, or None when pdfminer should read it: PDFium could
    not, or found too little text to tell a text page from a scan."""
    page: PageBoxes | None = reader.page(index) if reader is not None else None
    if page is None:
        return None
    read = _page_text(page.boxes, page.mediabox, first=first)
    if len("".join(read[0].split())) < _MIN_TEXT_CHARS:
        return None
    return read


def _miner_boxes(layout: LTPage) -> list[TextBox]:
    return [TextBox(box.x0, box.y0, box.x1, box.y1, box.get_text()) for box in _text_boxes(layout)]


def _open(fh: BinaryIO) -> PDFDocument:
    try:
        return PDFDocument(PDFParser(fh))
    except PDFPasswordIncorrect as err:
        raise ExtractionError("PDF is protected by a password", "pdf_password") from err
    except PDFEncryptionError as err:
        raise ExtractionError(
            f"PDF is encrypted in an unsupported way: {err}", "pdf_encrypted", detail=str(err)
        ) from err


def _pages(document: PDFDocument, max_pages: int) -> list[PDFPage]:
    """All page objects, failing as soon as there are too many (whatever /Count says)."""
    pages = []
    for page in PDFPage.create_pages(document):
        pages.append(page)
        if len(pages) > max_pages:
            declared = _declared_count(document)
            if declared is not None and declared > max_pages:
                raise ExtractionError(
                    f"too many pages: {declared} > {max_pages} allowed",
                    "too_many_pages",
                    pages=declared,
                    limit=max_pages,
                )
            raise ExtractionError(
                f"too many pages: more than {max_pages} allowed", "too_many_pages", limit=max_pages
            )
    return pages


def _declared_count(document: PDFDocument) -> int | None:
    try:
        return int(document.catalog["Pages"].resolve()["Count"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _page_text(
    boxes: list[TextBox], bbox: tuple[float, float, float, float], *, first: bool
) -> _PageText:
    """Text boxes in reading order (page 1's header columns first), and the legacy
    encoding the text layer was in, if any."""
    x0, y0, x1, y1 = bbox
    texts, encoding = _repair([box.text for box in boxes])
    segments = reading_order(
        [
            Segment(x0=box.x0, x1=box.x1, top=y1 - box.y1, bottom=y1 - box.y0, text=text)
            for box, text in zip(boxes, texts, strict=True)
        ]
    )
    header = split_header(segments, x0, x1, y1 - y0) if first else HeaderSplit([], [], segments)
    lines = header_lines(header.left_lines, header.right_lines) if header.found else []
    lines += [seg.text.strip("\n") for seg in header.body]
    return "\n".join(lines), header, encoding


def _repair(texts: list[str]) -> tuple[list[str], str]:
    """Decode a page's text boxes together when they are legacy TCVN3/VNI text.

    Legacy fonts often map their codes to Latin-1 letters ("Céng hoµ"); the page as a whole
    gives the statistics enough text to recognise that. The separator is an ASCII control
    character, which both decoders leave alone.
    """
    repaired, encoding = repair(_BOX_SEPARATOR.join(texts))
    if encoding == "unicode":
        return texts, encoding
    return repaired.split(_BOX_SEPARATOR), encoding


def _text_boxes(item: LTItem) -> Iterator[LTTextBox]:
    for child in item:
        if isinstance(child, LTTextBox):
            yield child
        elif isinstance(child, LTFigure):
            yield from _text_boxes(child)


def _needs_ocr(text: str, layout: LTPage) -> bool:
    visible = "".join(text.split())
    if not visible:
        return _has_image(layout)
    cid_share = sum(len(m) for m in _CID.findall(visible)) / len(visible)
    return cid_share > _MAX_CID_SHARE or (len(visible) < _MIN_TEXT_CHARS and _has_image(layout))


def _has_image(item: LTItem) -> bool:
    return any(
        isinstance(child, LTImage) or (isinstance(child, LTFigure) and _has_image(child))
        for child in item
    )


def _ocr(path: Path, indexes: list[int], result: Extracted, limits: ExtractLimits) -> None:
    todo, skipped = indexes[: limits.ocr_max_pages], indexes[limits.ocr_max_pages :]
    if skipped:
        result.warnings.append(
            f"OCR stopped after {limits.ocr_max_pages} pages; "
            f"{len(skipped)} scanned pages have no text"
        )
        for index in skipped:
            result.pages[index] = ""
    confs = []
    result.page_confidences = [None] * len(result.pages)
    for index, page in ocr_pdf_pages(path, todo, limits).items():
        result.pages[index] = page.text
        result.page_confidences[index] = page.confidence
        if page.confidence is not None:
            confs.append(page.confidence)
        if index == 0 and page.header_left:
            result.header_left = "\n".join(page.header_left)
            result.header_right = "\n".join(page.header_right)
    result.ocr = True
    result.ocr_confidence = sum(confs) / len(confs) if confs else None
