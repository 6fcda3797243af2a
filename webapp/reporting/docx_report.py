"""A :class:`~webapp.reporting.summary.SummaryReport` laid out as a DOCX the way
Vietnamese administrative documents are (python-docx).

A4, margins 20 mm top and bottom, 30 mm left, 20 mm right; Times New Roman, 14 pt body
(ND 30/2020 Appendix I; HD 36-HD/VPTW). The letterhead is a borderless two-column table —
body and number on the left; "ĐẢNG CỘNG SẢN VIỆT NAM" (Party) or the national title and
motto (state), then place and date, on the right — which is also how hoso's own extractor
reads a header. Page numbers from page 2, at the top centre.
"""

from __future__ import annotations

import io

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from webapp.reporting.summary import ReportTable, SummaryReport

FONT = "Times New Roman"
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
#: The width of the text between the margins (A4 less 30 + 20 mm).
TEXT_WIDTH = 16.0


def _widths(table: Table, widths: list[float]) -> None:
    """Column widths in cm, on the grid and on every cell (Word reads one, LibreOffice the
    other)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline


def _line(cell: _Cell, text: str, first: bool = False, **style: object) -> Paragraph:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = style.pop("align", CENTER)  # type: ignore[assignment]
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, **style)  # type: ignore[arg-type]
    return paragraph


def _setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    _page_numbers(section)


def _page_numbers(section: docx.section.Section) -> None:
    """A PAGE field at the top centre, on every page but the first."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def _letterhead(document: docx.document.Document, report: SummaryReport) -> None:
    head = report.letterhead
    table = document.add_table(rows=1, cols=2)
    # Half a centimetre into the right margin, as the usual templates do, so that the
    # national title and the date line each fit on one line.
    _widths(table, [6.0, TEXT_WIDTH + 0.5 - 6.0])
    left, right = table.rows[0].cells
    if head.party:
        _line(left, head.superior, first=True)
        for name in head.issuer:
            _line(left, name, bold=True)
        _line(left, "*")
        _line(left, head.number)
        _line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", first=True, size=15, bold=True, underline=True)
        _line(right, "")
        _line(right, head.place_date, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
        return
    if head.superior:
        _line(left, head.superior, first=True, size=13)
        for name in head.issuer:
            _line(left, name, size=13, bold=True)
    else:
        _line(left, head.issuer[0], first=True, size=13, bold=True)
        for name in head.issuer[1:]:
            _line(left, name, size=13, bold=True)
    _line(left, head.number, size=13)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", first=True, size=12, bold=True)
    _line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, underline=True)
    _line(right, "")
    _line(right, head.place_date, italic=True)


def _centred(document: docx.document.Document, text: str, **style: object) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, **style)  # type: ignore[arg-type]


def _body(document: docx.document.Document, text: str, *, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_after = Pt(6)
    _run(paragraph, text, bold=bold)


def _table(document: docx.document.Document, data: ReportTable) -> None:
    table = document.add_table(rows=1 + len(data.rows), cols=len(data.headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    first = 4.0 if len(data.headers) > 2 else 10.0
    rest = (TEXT_WIDTH - first) / (len(data.headers) - 1)
    _widths(table, [first] + [rest] * (len(data.headers) - 1))
    for number, header in enumerate(data.headers):
        _line(table.rows[0].cells[number], header, first=True, size=12, bold=True)
    for offset, cells in enumerate(data.rows, start=1):
        bold = data.total_row == offset - 1
        for number, value in enumerate(cells):
            align = WD_ALIGN_PARAGRAPH.LEFT if number == 0 else CENTER
            _line(
                table.rows[offset].cells[number], value, first=True, size=12, bold=bold, align=align
            )
    document.add_paragraph().paragraph_format.space_after = Pt(0)


def _closing(document: docx.document.Document, report: SummaryReport) -> None:
    party = report.letterhead.party
    table = document.add_table(rows=1, cols=2)
    _widths(table, [8.0, TEXT_WIDTH - 8.0])
    left, right = table.rows[0].cells
    left_align = WD_ALIGN_PARAGRAPH.LEFT
    if party:
        _line(left, "Nơi nhận:", first=True, underline=True, align=left_align)
    else:
        _line(left, "Nơi nhận:", first=True, size=12, bold=True, italic=True, align=left_align)
    for position, recipient in enumerate(report.recipients):
        end = "." if position == len(report.recipients) - 1 else ","
        _line(left, f"- {recipient.rstrip('.,;')}{end}", size=12 if party else 11, align=left_align)
    signature = report.signature
    first = True
    for line in (signature.authority, signature.title):
        if line:
            _line(right, line, first=first, bold=True)
            first = False
    for _ in range(3):
        _line(right, "", first=first)
        first = False
    if signature.name:
        _line(right, signature.name, bold=True)


def render(report: SummaryReport) -> bytes:
    document = docx.Document()
    _setup(document)
    _letterhead(document, report)
    document.add_paragraph()
    _centred(document, report.title, size=15, bold=True)
    _centred(document, report.subject, bold=True)
    _centred(document, "-----")
    _body(document, report.intro)
    for section in report.sections:
        _body(document, section.heading, bold=True)
        for paragraph in section.paragraphs:
            _body(document, paragraph)
        if section.table is not None:
            _table(document, section.table)
    _closing(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
