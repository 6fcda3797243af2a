"""PDF files written byte by byte: text at known places (Helvetica), or any objects."""

from __future__ import annotations

#: Size of every page, in points (A4).
PAGE_WIDTH, PAGE_HEIGHT = 595, 842


def lines_pdf(pages: list[list[tuple[int, bytes]]]) -> bytes:
    """One page per item; each line is (distance of its baseline from the page top in
    points, ASCII text), shown at 12 pt from the left margin (50 pt)."""
    count = len(pages)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count)), count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for number, lines in enumerate(pages):
        shown = b" ".join(
            b"BT /F1 12 Tf 50 %d Td (%s) Tj ET" % (PAGE_HEIGHT - top, text) for top, text in lines
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R"
            b" /Resources << /Font << /F1 3 0 R >> >> >>"
            % (PAGE_WIDTH, PAGE_HEIGHT, 5 + 2 * number)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(shown) + shown + b"\nendstream")
    return pdf_bytes(objects)


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF whose object i+1 is objects[i]; object 1 must be the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
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
