"""Minimal PDF files written byte by byte, for tests that need odd or hostile PDFs."""

from __future__ import annotations

from tests.support.pdfs import pdf_bytes


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pdf(pages: int, text: bytes = b"Trang") -> bytes:
    """`pages` pages sharing one content stream that shows `text` in Helvetica."""
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        stream(b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"),
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 3 0 R >> >> >>"
    )
    return pdf_bytes(objects + [page] * pages)


def scan_with_cid_text_pdf(jpeg: bytes, width: int, height: int) -> bytes:
    """One A4 page: a grey JPEG scan under a text layer in a CID font without a ToUnicode
    map, which text extraction can only give as (cid:N) codes."""
    content = (
        b"q 595 0 0 842 0 0 cm /Im1 Do Q "
        b"BT /F1 12 Tf 72 800 Td <0012003400150016001700180019001a001b001c001d> Tj ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 7 0 R >> >> >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /VnTimeCID /Encoding /Identity-H"
        b" /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /VnTimeCID"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        stream(
            jpeg,
            b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
            b" /BitsPerComponent 8 /Filter /DCTDecode" % (width, height),
        ),
    ]
    return pdf_bytes(objects)


def winansi_lines_pdf(lines: list[bytes]) -> bytes:
    """One page with each line of bytes shown in Helvetica with WinAnsiEncoding."""
    shown = b" ".join(
        b"(%s) Tj 0 -16 Td"
        % line.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        for line in lines
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(b"BT /F1 10 Tf 40 800 Td " + shown + b" ET"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return pdf_bytes(objects)
