"""Tests of a file's first bytes that tell a format; the name is never consulted."""

from __future__ import annotations

import re
from collections.abc import Callable

#: How much of a file the tests look at.
SNIFF_BYTES = 64 * 1024
# The PDF header may follow some junk; readers look for it in the first kilobyte.
_PDF_HEADER_WINDOW = 1024
# Bytes that never occur in text: C0 controls other than tab, LF, VT, FF, CR, ESC and SUB.
_BINARY_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A, 0x1B}
_MAX_BINARY_SHARE = 0.01
# An RFC 5322 header field name: printable ASCII except the colon, then the colon.
_HEADER_FIELD = re.compile(rb"([!-9;-~]+)[ \t]*:")

#: A test of the first :data:`SNIFF_BYTES` of a file.
SniffTest = Callable[[bytes], bool]


def is_message(head: bytes) -> bool:
    """An e-mail message (RFC 5322): a block of header fields first, with From and one of
    Date or Message-ID among them."""
    names: set[str] = set()
    for line in head.splitlines():
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue  # a folded header's continuation
        match = _HEADER_FIELD.match(line)
        if match is None:
            return False
        names.add(match.group(1).lower().decode("ascii"))
    return "from" in names and bool(names & {"date", "message-id"})


def is_pdf(head: bytes) -> bool:
    return b"%PDF-" in head[:_PDF_HEADER_WINDOW]


def is_rtf(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf")


def starts_with(*magic: bytes) -> SniffTest:
    """A test that the file begins with one of ``magic``."""

    def test(head: bytes) -> bool:
        return head.startswith(magic)

    return test


def is_text(head: bytes) -> bool:
    """Text in some 8-bit encoding or UTF-8, or UTF-16 (which is full of NULs)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(head):
        return True
    binary = sum(1 for byte in head if byte in _BINARY_BYTES)
    return binary <= _MAX_BINARY_SHARE * len(head)


def _looks_utf16(head: bytes) -> bool:
    """Mostly-ASCII UTF-16 without a byte-order mark: every other byte is NUL."""
    pairs = len(head) // 2
    if pairs < 2:
        return False
    for offset in (0, 1):
        nuls = head[1 - offset :: 2].count(0)
        if nuls >= 0.9 * pairs and head[offset::2].count(0) == 0:
            return True
    return False
