"""Files of a generated document (bench/generator.py): text PDF, DOCX or scanned PDF.

All three are byte-for-byte deterministic: reportlab runs in invariant mode, the DOCX's
ZIP entries and document properties carry a fixed time, and the scan's noise comes from
the document's own seeded generator. The PDF and the scan are laid out here (A4, 12 pt
DejaVu Serif, the administrative margins); the DOCX is laid out by the reader's word
processor, and its page count is the one this layout gives.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
from docx import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from PIL import ImageDraw, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from bench.generator import GeneratedDocument

FONT_DIR = Path(os.environ.get("HOSO_BENCH_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))
REGULAR, BOLD = "DejaVuSerif", "DejaVuSerif-Bold"
SIZE, LEADING, SMALL = 12, 16, 10
WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 85.0, 57.0, 57.0, 57.0  # 30 mm left, 20 mm elsewhere
TEXT_WIDTH = WIDTH - LEFT - RIGHT
HEADER_SIZE = 11
LEFT_COLUMN = (LEFT, 180.0)  # x, width of the issuer column of the header
RIGHT_COLUMN = (LEFT + 185.0, TEXT_WIDTH - 185.0)
SCAN_DPI = 200
RULE = ""  # a Line with this text is a 60 pt horizontal rule
FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Line:
    """One printed line: ``x`` is its left edge, or its centre when ``centred``."""

    x: float
    y: float
    text: str
    font: str = REGULAR
    size: int = SIZE
    centred: bool = False


@cache
def _fonts() -> None:
    for name, file in ((REGULAR, "DejaVuSerif.ttf"), (BOLD, "DejaVuSerif-Bold.ttf")):
        path = FONT_DIR / file
        if not path.is_file():
            raise SystemExit(
                f"font {path} is missing: install Debian's fonts-dejavu-core "
                "or set HOSO_BENCH_FONT_DIR"
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))


def layout(document: GeneratedDocument) -> list[list[Line]]:
    """The document's lines, page by page, as the PDF prints them."""
    _fonts()
    pages: list[list[Line]] = [[]]
    y = HEIGHT - TOP

    def column(
        lines: list[str], x: float, width: float, top: float, font: str = BOLD, size: int = SIZE
    ) -> float:
        for text in lines:
            if text.strip("-") == "":  # the short rule under a header, drawn, not printed
                pages[-1].append(Line(x + width / 2, top + LEADING / 2, RULE, font, size, True))
                top -= LEADING / 2
                continue
            for piece in simpleSplit(text, font, size, width):
                pages[-1].append(Line(x + width / 2, top, piece, font, size, centred=True))
                top -= LEADING
        return top

    def room(lines: int) -> None:
        nonlocal y
        if y - lines * LEADING < BOTTOM:
            pages.append([])
            y = HEIGHT - TOP

    left_end = column(document.header_left, *LEFT_COLUMN, y, size=HEADER_SIZE)
    right_end = column(document.header_right, *RIGHT_COLUMN, y, size=HEADER_SIZE)
    y = min(left_end, right_end) - LEADING
    if document.title:
        y = column([document.title], LEFT, TEXT_WIDTH, y) - 2
    y = column(document.subject_lines, LEFT, TEXT_WIDTH, y, REGULAR) - LEADING / 2
    for paragraph in document.body:
        for piece in simpleSplit(paragraph, REGULAR, SIZE, TEXT_WIDTH):
            room(1)
            pages[-1].append(Line(LEFT, y, piece))
            y -= LEADING
    y -= LEADING / 2
    room(max(len(document.recipients), len(document.signature)) + 1)
    top = y
    for text in document.recipients:
        pages[-1].append(Line(LEFT, top, text, REGULAR, SMALL))
        top -= LEADING
    column(document.signature, *RIGHT_COLUMN, y)
    return pages


def render(document: GeneratedDocument, folder: Path) -> tuple[Path, int]:
    """Write the document's file into ``folder``; return its path and page count."""
    pages = layout(document)
    if document.format == "docx":
        path = folder / f"{document.id}.docx"
        path.write_bytes(docx_bytes(document))
    elif document.format == "scan":
        path = folder / f"{document.id}.scan.pdf"
        path.write_bytes(scan_bytes(document, pdf_bytes(pages)))
    else:
        path = folder / f"{document.id}.pdf"
        path.write_bytes(pdf_bytes(pages))
    return path, len(pages)


def pdf_bytes(pages: list[list[Line]]) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1, pageCompression=1)
    for lines in pages:
        for line in lines:
            canvas.setFont(line.font, line.size)
            if line.text == RULE:
                canvas.line(line.x - 30, line.y, line.x + 30, line.y)
            elif line.centred:
                canvas.drawCentredString(line.x, line.y, line.text)
            else:
                canvas.drawString(line.x, line.y, line.text)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def scan_bytes(document: GeneratedDocument, pdf: bytes) -> bytes:
    """The PDF as a scanner gives it: greyscale pages, slightly turned, blurred, speckled."""
    rng = random.Random(f"scan/{document.id}")
    images = []
    source = pdfium.PdfDocument(pdf)
    try:
        for page in source:
            image = page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L")
            image = image.rotate(rng.uniform(-0.8, 0.8), fillcolor=255, expand=False)
            image = image.filter(ImageFilter.GaussianBlur(0.6))
            draw = ImageDraw.Draw(image)
            for _ in range(400):
                x, y = rng.randrange(image.width), rng.randrange(image.height)
                draw.point((x, y), fill=rng.randrange(0, 160))
            images.append(image)
    finally:
        source.close()
    out = io.BytesIO()
    images[0].save(
        out, "PDF", save_all=True, append_images=images[1:], resolution=SCAN_DPI,
        creationDate=FIXED_TIME.timetuple(), modDate=FIXED_TIME.timetuple(),
    )  # fmt: skip
    return out.getvalue()


def docx_bytes(document: GeneratedDocument) -> bytes:
    """A Word file like an office's: header table, title, body, recipients and signature."""
    word = DocxDocument()
    style = word.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    word.core_properties.created = word.core_properties.modified = FIXED_TIME.replace(tzinfo=None)
    word.core_properties.author = "hoso bench"

    def cell_lines(cell, lines: list[str], bold: bool) -> None:
        cell.paragraphs[0].text = ""
        for number, text in enumerate(lines):
            paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(text).bold = bold

    if document.header_left:
        header = word.add_table(rows=1, cols=2)
        cell_lines(header.rows[0].cells[0], document.header_left, True)
        cell_lines(header.rows[0].cells[1], document.header_right, True)
    else:
        for text in document.header_right:
            paragraph = word.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(text).bold = True
    if document.title:
        title = word.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.add_run(document.title).bold = True
    for text in document.subject_lines:
        word.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in document.body:
        word.add_paragraph(text)
    closing = word.add_table(rows=1, cols=2)
    cell_lines(closing.rows[0].cells[0], document.recipients, False)
    cell_lines(closing.rows[0].cells[1], document.signature, True)
    raw = io.BytesIO()
    word.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same ZIP with every entry dated 1980-01-01, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(item.filename))
    return out.getvalue()
