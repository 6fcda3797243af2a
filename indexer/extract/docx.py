"""DOCX text: body blocks in order (paragraphs and tables), text boxes, page headers and
footers, explicit page breaks, and legacy TCVN3/VNI runs decoded by their font."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from indexer.extract.base import Extracted, ExtractLimits
from indexer.extract.layout import header_lines
from indexer.extract.zipguard import check_zip
from indexer.normalize import decode_run, fold

_P, _TBL, _TR, _TC, _R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_NO_BREAK_HYPHEN, _SOFT_HYPHEN = qn("w:noBreakHyphen"), qn("w:softHyphen")
_TXBX = qn("w:txbxContent")
_RPR, _PPR, _RFONTS = qn("w:rPr"), qn("w:pPr"), qn("w:rFonts")
_RSTYLE, _PSTYLE = qn("w:rStyle"), qn("w:pStyle")
_VAL, _TYPE = qn("w:val"), qn("w:type")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Never text: properties, deleted or moved-away text, field codes, the VML copy of a
# drawing (mc:Fallback repeats what mc:Choice holds).
_SKIP = {
    _RPR, _PPR, qn("w:del"), qn("w:moveFrom"), qn("w:instrText"), qn("w:delText"),
    qn("w:tblPr"), qn("w:trPr"), qn("w:tcPr"), qn("w:sdtPr"), _MC_FALLBACK,
}  # fmt: skip
_PAGE_BREAK = "\f"
# The right column of a header table names the state or the Party, or holds the date.
_HEADER_MARKS = ("cong hoa", "dang cong san", "ngay")
# Style inheritance deeper than this is a loop.
_MAX_STYLE_DEPTH = 20


def extract_docx(path: Path, limits: ExtractLimits) -> Extracted:
    """Text of a DOCX file; one page per explicit page break."""
    check_zip(path, limits)
    document = docx.Document(str(path))
    reader = _Reader(_Fonts(document.styles.element))
    blocks = list(_blocks(document.element.body))
    header = _header_table(blocks, reader)
    reader.lines(_part_lines(document, RT.HEADER, reader))
    if header is not None:
        table, left, right = header
        reader.lines(header_lines(left, right))
        blocks.remove(table)
    reader.blocks(iter(blocks))
    reader.lines(_part_lines(document, RT.FOOTER, reader))
    result = Extracted(kind="docx", pages=reader.pages())
    if header is not None:
        result.header_left, result.header_right = "\n".join(left), "\n".join(right)
    if reader.encodings:
        result.source_encoding = reader.encodings.most_common(1)[0][0]
    return result


def _part_lines(document: docx.document.Document, reltype: str, reader: _Reader) -> list[str]:
    """Lines of the page headers (or footers), each distinct one once: sections and the
    first/even-page variants often repeat the same text."""
    parts = sorted(
        (rel.target_part for rel in document.part.rels.values()
         if rel.reltype == reltype and not rel.is_external),
        key=lambda part: str(part.partname),
    )  # fmt: skip
    seen: set[tuple[str, ...]] = set()
    lines: list[str] = []
    for part in parts:
        text = tuple(reader.container_lines(part.element))
        if text not in seen:
            seen.add(text)
            lines.extend(text)
    return lines


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables in document order, looking through content controls."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag not in _SKIP:
            yield from _blocks(child)


def _header_table(
    blocks: list[etree._Element], reader: _Reader
) -> tuple[etree._Element, list[str], list[str]] | None:
    """The table and its left and right column lines when the document opens with a
    2-column header table (rows of two cells, the state or Party title or a date right)."""
    table = next((b for b in blocks if b.tag == _TBL or _own_text(b).strip()), None)
    if table is None or table.tag != _TBL:
        return None
    rows = [_cells(row) for row in _rows(table)]
    if not rows or any(len(cells) != 2 for cells in rows):
        return None
    left = [line for row in rows for line in reader.container_lines(row[0])]
    right = [line for row in rows for line in reader.container_lines(row[1])]
    if not left or not any(mark in fold(" ".join(right)) for mark in _HEADER_MARKS):
        return None
    return table, left, right


def _rows(table: etree._Element) -> list[etree._Element]:
    return [row for row in table if row.tag == _TR]


def _cells(row: etree._Element) -> list[etree._Element]:
    return [cell for cell in row if cell.tag == _TC]


def _own_text(paragraph: etree._Element) -> str:
    """Raw text of a paragraph without its text boxes (a stamp may precede the header)."""
    return "".join(_run_text(run) for run in _runs(paragraph))


class _Fonts:
    """The font of a run: its own w:rFonts, else its character style's, else its paragraph
    style's, else the document default."""

    def __init__(self, styles: etree._Element) -> None:
        self._styles: dict[str, etree._Element] = {}
        self._default_paragraph_style = None
        for style in styles.iter(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            self._styles[style_id] = style
            if style.get(_TYPE) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
                self._default_paragraph_style = style_id
        defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{_RPR}")
        self._default = _font_of(defaults)

    def run_font(self, run: etree._Element, paragraph_style: str | None) -> str | None:
        rpr = run.find(_RPR)
        font = _font_of(rpr)
        if font is None and rpr is not None:
            font = self._style_font(_val(rpr.find(_RSTYLE)))
        if font is None:
            font = self._style_font(paragraph_style or self._default_paragraph_style)
        return font or self._default

    def _style_font(self, style_id: str | None) -> str | None:
        for _ in range(_MAX_STYLE_DEPTH):
            style = self._styles.get(style_id) if style_id else None
            if style is None:
                return None
            font = _font_of(style.find(_RPR))
            if font is not None:
                return font
            style_id = _val(style.find(qn("w:basedOn")))
        return None


def _font_of(rpr: etree._Element | None) -> str | None:
    fonts = rpr.find(_RFONTS) if rpr is not None else None
    if fonts is None:
        return None
    return fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))


def _val(element: etree._Element | None) -> str | None:
    return element.get(_VAL) if element is not None else None


class _Reader:
    """Collects lines into pages; decodes legacy runs and counts what it decoded."""

    def __init__(self, fonts: _Fonts) -> None:
        self._fonts = fonts
        self._pages: list[list[str]] = [[]]
        self.encodings: Counter[str] = Counter()

    def pages(self) -> list[str]:
        pages = ["\n".join(lines) for lines in self._pages]
        while len(pages) > 1 and not pages[-1].strip():
            pages.pop()
        return pages

    def lines(self, lines: list[str]) -> None:
        self._pages[-1].extend(lines)

    def blocks(self, blocks: Iterator[etree._Element]) -> None:
        for block in blocks:
            if block.tag == _TBL:
                self._table(block)
            else:
                self._paragraph(block)

    def container_lines(self, container: etree._Element) -> list[str]:
        """Non-empty lines of a table cell, text box, page header or footer, with the
        tables and text boxes inside; page breaks are ignored."""
        texts: list[str] = []
        for block in _blocks(container):
            if block.tag == _TBL:
                texts.extend(
                    line
                    for row in _rows(block)
                    for c in _cells(row)
                    for line in self.container_lines(c)
                )
                continue
            for box in _text_boxes(block):
                texts.extend(self.container_lines(box))
            texts.extend(self.paragraph_text(block).replace(_PAGE_BREAK, "\n").split("\n"))
        return [line.strip() for line in texts if line.strip()]

    def paragraph_text(self, paragraph: etree._Element) -> str:
        """Text of the paragraph's own runs (text boxes excluded); page breaks as \\f."""
        style = _val(paragraph.find(f"{_PPR}/{_PSTYLE}"))
        pieces: list[tuple[str | None, str]] = []
        for run in _runs(paragraph):
            font = self._fonts.run_font(run, style)
            text = _run_text(run)
            if pieces and pieces[-1][0] == font:
                pieces[-1] = (font, pieces[-1][1] + text)
            else:
                pieces.append((font, text))
        out = []
        for font, text in pieces:
            decoded, encoding = decode_run(text, font)
            if encoding is not None:
                self.encodings[encoding] += len(text)
            out.append(decoded)
        return "".join(out)

    def _paragraph(self, paragraph: etree._Element) -> None:
        ppr = paragraph.find(_PPR)
        if ppr is not None and _is_on(ppr.find(qn("w:pageBreakBefore"))):
            self._new_page()
        for box in _text_boxes(paragraph):
            self.blocks(_blocks(box))
        first, *rest = self.paragraph_text(paragraph).split(_PAGE_BREAK)
        self._pages[-1].append(first)
        for text in rest:
            self._new_page()
            self._pages[-1].append(text)
        section = ppr.find(qn("w:sectPr")) if ppr is not None else None
        if section is not None and _val(section.find(_TYPE)) != "continuous":
            self._new_page()

    def _table(self, table: etree._Element) -> None:
        for row in _rows(table):
            for cell in _cells(row):
                self.blocks(_blocks(cell))

    def _new_page(self) -> None:
        self._pages.append([])


def _is_on(flag: etree._Element | None) -> bool:
    return flag is not None and flag.get(_VAL) not in ("0", "false", "off")


def _runs(element: etree._Element) -> Iterator[etree._Element]:
    """Runs of a paragraph in order, through hyperlinks, insertions, fields and controls."""
    for child in element:
        if child.tag == _R:
            yield child
        elif child.tag not in _SKIP and child.tag != _TXBX:
            yield from _runs(child)


def _text_boxes(element: etree._Element) -> Iterator[etree._Element]:
    """The outermost text boxes anchored in a paragraph (stamps such as "MẬT", "DỰ THẢO")."""
    for child in element:
        if child.tag == _TXBX:
            yield child
        elif child.tag not in _SKIP:
            yield from _text_boxes(child)


def _run_text(run: etree._Element) -> str:
    out = []
    for child in run:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == _TAB:
            out.append("\t")
        elif tag == _BR:
            out.append(_PAGE_BREAK if child.get(_TYPE) == "page" else "\n")
        elif tag == _CR:
            out.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            out.append("-")
        elif tag == _SOFT_HYPHEN:
            # A real character in TCVN3 runs (the letter ư); normalisation drops it elsewhere.
            out.append("\u00ad")
    return "".join(out)
