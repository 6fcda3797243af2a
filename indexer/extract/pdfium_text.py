"""Characters and their boxes from PDFium's text page (pypdfium2), much cheaper than
pdfminer's interpretation of the content streams.

Only what PDFium reads with certainty comes out of here: a page PDFium cannot load, that
is rotated, or that has a character PDFium could not map to Unicode (a font without a
usable ToUnicode map, which pdfminer shows as ``(cid:N)``) gives None, and the caller
reads that page with pdfminer (which also decides about OCR).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from indexer.extract.char_layout import Char, TextBox, text_boxes

_LINE_BREAKS = frozenset("\r\n")
# PDFium marks a hyphen it takes for a word broken at the line's end with one of these
# codes (the first per character, the second in the page's text).
_LINE_END_HYPHENS = frozenset("\x02\ufffe")


@dataclass(frozen=True)
class PageBoxes:
    """A page's text boxes and its media box (x0, y0, x1, y1) in PDF points."""

    boxes: list[TextBox]
    mediabox: tuple[float, float, float, float]


class PdfiumReader:
    """An open document; :meth:`page` reads one page's text boxes, or None."""

    def __init__(self, document: pdfium.PdfDocument) -> None:
        self._document = document

    def __len__(self) -> int:
        return len(self._document)

    def page(self, index: int) -> PageBoxes | None:
        """Page ``index``'s boxes, or None when pdfminer should read it instead."""
        try:
            page = self._document[index]
        except pdfium.PdfiumError:
            return None
        try:
            if page.get_rotation() != 0:
                return None
            textpage = page.get_textpage()
            try:
                chars = _chars(textpage)
            finally:
                textpage.close()
            mediabox = page.get_mediabox()
        except pdfium.PdfiumError:
            return None
        finally:
            page.close()
        return None if chars is None else PageBoxes(text_boxes(chars), mediabox)


@contextmanager
def open_pdfium(path: Path) -> Iterator[PdfiumReader | None]:
    """The document open in PDFium, or None when PDFium cannot open it."""
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        yield None
        return
    try:
        yield PdfiumReader(document)
    finally:
        document.close()


def _chars(textpage: pdfium.PdfTextPage) -> list[Char] | None:
    """The page's characters in content order, without those PDFium generated (word
    spaces, line breaks); None when a character has no Unicode mapping.

    A box spans the advance width and, as pdfminer's, one font size up from the font's
    descent: heights decide which lines form a box, and PDFium's loose boxes (ascent to
    descent) are taller than the font size."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    page_text = textpage.get_text_range(0, count)
    # One code unit per character unless the page has characters beyond the BMP.
    codes = page_text if len(page_text) == count else None
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)
    chars: list[Char] = []
    # A run of characters in one font and size has one loose height: the font size is
    # asked for when the height changes.
    loose_height = size = -1.0
    for index in range(count):
        text = codes[index] if codes is not None else chr(pdfium_c.FPDFText_GetUnicode(raw, index))
        if text in _LINE_BREAKS:
            continue
        if text == " " and pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
            continue
        if pdfium_c.FPDFText_HasUnicodeMapError(raw, index) == 1:
            return None
        if text in _LINE_END_HYPHENS:
            text = "-"
        if not pdfium_c.FPDFText_GetLooseCharBox(raw, index, rect_ref):
            return None
        bottom = rect.bottom
        if rect.top - bottom != loose_height:
            if not pdfium_c.FPDFText_GetMatrix(raw, index, matrix_ref):
                return None
            loose_height = rect.top - bottom
            size = pdfium_c.FPDFText_GetFontSize(raw, index) * abs(matrix.d)
        chars.append(Char(text, rect.left, bottom, rect.right, bottom + size))
    return chars
