"""What kind of file an upload is, decided by its content; the name is never consulted.

The formats and how each is recognised are declared in :mod:`indexer.extract.formats`;
this module tries them in order, opens the containers (ZIP, OLE2) they live in, and refuses
what hoso does not read with a reason.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from indexer.extract.base import UnsupportedFormat
from indexer.extract.formats import FORMATS, InOle2, InZip, Otherwise, Sniff
from indexer.extract.sniff import SNIFF_BYTES

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE2_SCAN_BYTES = 16 * 1024 * 1024
_SPREADSHEET = ("spreadsheet files are not supported", "spreadsheet")
_PRESENTATION = ("presentation files are not supported", "presentation")
# Containers of formats hoso does not read, and why.
_REFUSED_ODF = {
    b"application/vnd.oasis.opendocument.spreadsheet": _SPREADSHEET,
    b"application/vnd.oasis.opendocument.presentation": _PRESENTATION,
}
_REFUSED_OOXML = (("xl/workbook.xml", _SPREADSHEET), ("ppt/presentation.xml", _PRESENTATION))
_REFUSED_OLE2 = (
    ("Workbook", _SPREADSHEET),
    ("Book", _SPREADSHEET),
    ("PowerPoint Document", _PRESENTATION),
)
_OTHER_IMAGES = (b"GIF8", b"BM", b"RIFF", b"\x00\x00\x01\x00")
_ARCHIVES = (b"Rar!", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")

_SNIFFED = [(fmt.kind, fmt.detection) for fmt in FORMATS if isinstance(fmt.detection, Sniff)]
_ODF = {
    fmt.detection.mimetype: fmt.kind
    for fmt in FORMATS
    if isinstance(fmt.detection, InZip) and fmt.detection.mimetype
}
_OOXML = [
    (fmt.detection.part, fmt.kind)
    for fmt in FORMATS
    if isinstance(fmt.detection, InZip) and fmt.detection.part
]
_OLE2_STREAMS = [
    (fmt.detection.stream, fmt.kind) for fmt in FORMATS if isinstance(fmt.detection, InOle2)
]
_OTHERWISE = [(fmt.kind, fmt.detection) for fmt in FORMATS if isinstance(fmt.detection, Otherwise)]


def detect_kind(path: Path) -> str:
    """Return the kind of one of the FORMATS for the file's content, or raise
    UnsupportedFormat saying why."""
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if not head:
        raise UnsupportedFormat("empty file (0 bytes)", "empty_file")
    for kind, sniffed in _SNIFFED:
        if sniffed.test(head):
            return kind
    if head.startswith(_ZIP):
        return _zip_kind(path)
    if head.startswith(_OLE2):
        return _ole2_kind(path)
    if head.startswith(_OTHER_IMAGES):
        raise UnsupportedFormat(
            "image format not supported (use JPEG, PNG or TIFF)", "image_format"
        )
    if head.startswith(_ARCHIVES):
        raise UnsupportedFormat("compressed archives are not supported", "archive")
    for kind, otherwise in _OTHERWISE:
        if otherwise.test(head):
            return kind
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
    if mimetype in _ODF:
        return _ODF[mimetype]
    if mimetype in _REFUSED_ODF:
        raise UnsupportedFormat(*_REFUSED_ODF[mimetype])
    for part, kind in _OOXML:
        if part in names:
            return kind
    for part, refusal in _REFUSED_OOXML:
        if part in names:
            raise UnsupportedFormat(*refusal)
    raise UnsupportedFormat(
        "ZIP archives are not supported, only DOCX and ODT documents", "zip_not_document"
    )


def _ole2_kind(path: Path) -> str:
    """Word 97-2003 vs other OLE2 compound files, by the stream names in the directory."""
    with path.open("rb") as fh:
        data = fh.read(_OLE2_SCAN_BYTES)
    for stream, kind in _OLE2_STREAMS:
        if _has_stream(data, stream):
            return kind
    for stream, refusal in _REFUSED_OLE2:
        if _has_stream(data, stream):
            raise UnsupportedFormat(*refusal)
    raise UnsupportedFormat("old Office file that is not a Word document", "office_not_word")


def _has_stream(data: bytes, stream: str) -> bool:
    # A directory entry: the UTF-16LE name, its terminating NUL, then padding.
    return (stream.encode("utf-16-le") + b"\x00\x00") in data
