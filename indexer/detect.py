"""What kind of file an upload is, decided by its content; the name is never consulted."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from indexer.extract.base import UnsupportedFormat

# Kinds detect_kind returns; the image kinds name the format.
IMAGE_KINDS = frozenset({"jpeg", "png", "tiff"})
KINDS = frozenset({"pdf", "docx", "odt", "doc", "rtf", "txt", "eml"}) | IMAGE_KINDS

_SNIFF_BYTES = 64 * 1024
# The PDF header may follow some junk; readers look for it in the first kilobyte.
_PDF_HEADER_WINDOW = 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# OLE2 directory entries name their streams in UTF-16LE.
_OLE2_STREAMS = (
    ("WordDocument", "doc"),
    ("Workbook", "spreadsheet"),
    ("Book", "spreadsheet"),
    ("PowerPoint Document", "presentation"),
)
_OLE2_SCAN_BYTES = 16 * 1024 * 1024
_IMAGES = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
_OTHER_IMAGES = (b"GIF8", b"BM", b"RIFF", b"\x00\x00\x01\x00")
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "spreadsheet",
    b"application/vnd.oasis.opendocument.presentation": "presentation",
}
_OOXML_PARTS = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "spreadsheet"),
    ("ppt/presentation.xml", "presentation"),
)
_ARCHIVES = (b"Rar!", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")
# Bytes that never occur in text: C0 controls other than tab, LF, VT, FF, CR, ESC and SUB.
_BINARY_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A, 0x1B}
_MAX_BINARY_SHARE = 0.01
# An RFC 5322 header field name: printable ASCII except the colon, then the colon.
_HEADER_FIELD = re.compile(rb"([!-9;-~]+)[ \t]*:")


def detect_kind(path: Path) -> str:
    """Return one of KINDS for the file's content, or raise UnsupportedFormat saying why."""
    with path.open("rb") as fh:
        head = fh.read(_SNIFF_BYTES)
    if not head:
        raise UnsupportedFormat("empty file (0 bytes)", "empty_file")
    if _is_message(head):  # before PDF: a message may carry a PDF near its start
        return "eml"
    if b"%PDF-" in head[:_PDF_HEADER_WINDOW]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if head.startswith(_OLE2):
        return _ole2_kind(path)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    for magic, kind in _IMAGES:
        if head.startswith(magic):
            return kind
    if head.startswith(_OTHER_IMAGES):
        raise UnsupportedFormat(
            "image format not supported (use JPEG, PNG or TIFF)", "image_format"
        )
    if head.startswith(_ARCHIVES):
        raise UnsupportedFormat("compressed archives are not supported", "archive")
    if _is_text(head):
        return "txt"
    raise UnsupportedFormat("unknown binary format", "unknown_format")


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError) as err:
        raise UnsupportedFormat("damaged or truncated ZIP archive", "zip_damaged") from err
    except (KeyError, RuntimeError, NotImplementedError) as err:
        raise UnsupportedFormat("unreadable ZIP archive", "zip_damaged") from err
    kind = _ODF_MIMETYPES.get(mimetype)
    if kind is None:
        kind = next((k for part, k in _OOXML_PARTS if part in names), None)
    if kind is None:
        raise UnsupportedFormat(
            "ZIP archives are not supported, only DOCX and ODT documents", "zip_not_document"
        )
    return _supported(kind)


def _ole2_kind(path: Path) -> str:
    """Word 97-2003 vs other OLE2 compound files, by the stream names in the directory."""
    with path.open("rb") as fh:
        data = fh.read(_OLE2_SCAN_BYTES)
    for stream, kind in _OLE2_STREAMS:
        # A directory entry: the UTF-16LE name, its terminating NUL, then padding.
        if (stream.encode("utf-16-le") + b"\x00\x00") in data:
            return _supported(kind)
    raise UnsupportedFormat("old Office file that is not a Word document", "office_not_word")


def _supported(kind: str) -> str:
    if kind == "spreadsheet":
        raise UnsupportedFormat("spreadsheet files are not supported", "spreadsheet")
    if kind == "presentation":
        raise UnsupportedFormat("presentation files are not supported", "presentation")
    return kind


def _is_message(head: bytes) -> bool:
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


def _is_text(head: bytes) -> bool:
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
