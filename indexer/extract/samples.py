"""Tiny sample files of the common formats, parsed once by the sandbox's fork server
(each format names its writers in :mod:`indexer.extract.formats`).

Extractors load much lazily on first use: modules imported inside libraries, the
Vietnamese syllable tables, pdfminer's glyph and encoding tables, python-docx's element
classes. Parsing one small file of each kind before the server starts forking leaves all
of that in the server's memory, shared by every child, instead of loaded again per file.
"""

from __future__ import annotations

from pathlib import Path

import docx

_TEXT = "ỦY BAN NHÂN DÂN TỈNH\nSố: 01/QĐ-UBND\nHà Nội, ngày 01 tháng 01 năm 2024\nQUYẾT ĐỊNH\n"


def text(folder: Path) -> Path:
    path = folder / "sample.txt"
    path.write_text(_TEXT, encoding="utf-8")
    return path


def legacy_text(folder: Path) -> Path:
    """Text in a legacy Vietnamese font encoding (TCVN3 read as cp1252)."""
    path = folder / "legacy.txt"
    path.write_bytes("Uû ban nh©n d©n tØnh Th¸i B×nh\n".encode("cp1252"))
    return path


def word(folder: Path) -> Path:
    path = folder / "sample.docx"
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "ỦY BAN NHÂN DÂN TỈNH\nSố: 01/QĐ-UBND"
    table.rows[0].cells[1].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 01 tháng 01"
    for line in _TEXT.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def pdf(folder: Path) -> Path:
    path = folder / "sample.pdf"
    path.write_bytes(_text_pdf(b"UY BAN NHAN DAN TINH"))
    return path


def _text_pdf(line: bytes) -> bytes:
    """A one-page PDF showing ``line`` in Helvetica."""
    content = b"BT /F1 12 Tf 72 720 Td (" + line + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
