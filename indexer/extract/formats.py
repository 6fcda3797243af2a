"""The file formats hoso reads: one declaration each, from which the rest is derived.

How a format is recognised (:mod:`indexer.extract.detect`), the extractor a file of it goes
to (:func:`indexer.extract.extract`), the MIME type a download is served with, the name
people read, whether its pages can be previewed or redacted, and the samples the parse
sandbox warms up with all come from :data:`FORMATS`. Adding a format is one declaration
here plus its extractor module (``docs/architecture.md`` shows an example).

This module imports no parser: extractors and sample writers are named
``"module:function"`` and imported on first use, so the web app and the preview and
redaction children read the table without loading pdfminer, python-docx or Tesseract.
"""

from __future__ import annotations

import importlib
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer.extract import sniff
from records.messages import N_

if TYPE_CHECKING:
    from indexer.extract.base import Extracted, ExtractLimits


class Preview(Enum):
    """Where page images of a document come from."""

    NONE = "none"
    PAGES = "pages"  # the file's own pages (PDF, images)
    RENDERED = "rendered"  # the pages of its PDF rendering by LibreOffice


@dataclass(frozen=True)
class Sniff:
    """The first bytes show the format; tested in the order of :data:`FORMATS`, before
    any container is opened."""

    test: sniff.SniffTest


@dataclass(frozen=True)
class InZip:
    """A ZIP container: an OpenDocument whose ``mimetype`` member is ``mimetype``, or an
    Office Open XML package holding the part ``part``."""

    mimetype: bytes = b""
    part: str = ""


@dataclass(frozen=True)
class InOle2:
    """An OLE2 compound file (Office 97-2003) holding the stream ``stream``."""

    stream: str


@dataclass(frozen=True)
class Otherwise:
    """Content no other format claimed and no refusal caught, if ``test`` passes."""

    test: sniff.SniffTest


Detection = Sniff | InZip | InOle2 | Otherwise


@dataclass(frozen=True)
class Stored:
    """The kind a document records when its extractor names it apart from the format."""

    kind: str
    label: str


@dataclass(frozen=True)
class Format:
    #: What detection returns; a document records it unless ``stored`` says otherwise.
    kind: str
    detection: Detection
    mimetype: str
    #: The English name in extraction messages ("PDF is damaged: …").
    name: str
    #: What people read: a Vietnamese msgid inside ``N_`` when it is a word to translate.
    label: str
    #: ``"module:function"``, called as ``function(path, limits)`` and returning Extracted.
    extractor: str
    preview: Preview = Preview.NONE
    redactable: bool = False
    #: ``"module:function"`` writers of small files of the format into a folder, for the
    #: sandbox to parse once before it forks (its children then share what was loaded).
    samples: tuple[str, ...] = ()
    stored: Stored | None = None

    def extract(self, path: Path, limits: ExtractLimits) -> Extracted:
        return _resolve(self.extractor)(path, limits)

    def load(self) -> None:
        """Import the extractor now rather than on the first file."""
        _resolve(self.extractor)

    def write_samples(self, folder: Path) -> list[Path]:
        return [_resolve(writer)(folder) for writer in self.samples]


_IMAGE = Stored("image", N_("ảnh"))
_OCR = "indexer.extract.ocr:extract_image"
_OFFICE = "indexer.extract.office"
_SAMPLES = "indexer.extract.samples"

#: Every format, in the order detection tries them (a message before a PDF: a message may
#: carry a PDF near its start).
FORMATS: tuple[Format, ...] = (
    Format(
        "eml",
        Sniff(sniff.is_message),
        "message/rfc822",
        "e-mail message",
        "EML",
        "indexer.extract.eml:extract_message",
    ),
    Format(
        "pdf",
        Sniff(sniff.is_pdf),
        "application/pdf",
        "PDF",
        "PDF",
        "indexer.extract.pdf:extract_pdf",
        preview=Preview.PAGES,
        redactable=True,
        samples=(f"{_SAMPLES}:pdf",),
    ),
    Format(
        "rtf",
        Sniff(sniff.is_rtf),
        "application/rtf",
        "RTF",
        "RTF",
        f"{_OFFICE}:extract_rtf",
        preview=Preview.RENDERED,
    ),
    Format(
        "jpeg",
        Sniff(sniff.starts_with(b"\xff\xd8\xff")),
        "image/jpeg",
        "image",
        "JPEG",
        _OCR,
        preview=Preview.PAGES,
        redactable=True,
        stored=_IMAGE,
    ),
    Format(
        "png",
        Sniff(sniff.starts_with(b"\x89PNG\r\n\x1a\n")),
        "image/png",
        "image",
        "PNG",
        _OCR,
        preview=Preview.PAGES,
        redactable=True,
        stored=_IMAGE,
    ),
    Format(
        "tiff",
        Sniff(sniff.starts_with(b"II*\x00", b"MM\x00*")),
        "image/tiff",
        "image",
        "TIFF",
        _OCR,
        preview=Preview.PAGES,
        redactable=True,
        stored=_IMAGE,
    ),
    Format(
        "odt",
        InZip(mimetype=b"application/vnd.oasis.opendocument.text"),
        "application/vnd.oasis.opendocument.text",
        "ODT",
        "ODT",
        f"{_OFFICE}:extract_odt",
        preview=Preview.RENDERED,
    ),
    Format(
        "docx",
        InZip(part="word/document.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "DOCX",
        "DOCX",
        "indexer.extract.docx:extract_docx",
        preview=Preview.RENDERED,
        samples=(f"{_SAMPLES}:word",),
    ),
    Format(
        "doc",
        InOle2("WordDocument"),
        "application/msword",
        "DOC",
        "DOC",
        f"{_OFFICE}:extract_doc",
        preview=Preview.RENDERED,
    ),
    Format(
        "txt",
        Otherwise(sniff.is_text),
        "text/plain",
        "text file",
        N_("văn bản thuần"),
        "indexer.extract.text:extract_text_file",
        samples=(f"{_SAMPLES}:text", f"{_SAMPLES}:legacy_text"),
    ),
)

BY_KIND = {fmt.kind: fmt for fmt in FORMATS}
#: The kinds detection returns.
KINDS = frozenset(BY_KIND)
#: The MIME type of each kind detection returns.
MIMETYPES = {fmt.kind: fmt.mimetype for fmt in FORMATS}
#: What people read for each kind, detected or recorded (msgids: the web app translates).
LABELS = {fmt.kind: fmt.label for fmt in FORMATS} | {
    fmt.stored.kind: fmt.stored.label for fmt in FORMATS if fmt.stored
}


def _kinds(fmt: Format) -> tuple[str, ...]:
    """The kind detection returns for ``fmt`` and, if it differs, the kind recorded."""
    return (fmt.kind, fmt.stored.kind) if fmt.stored else (fmt.kind,)


#: Kinds whose own pages are drawn, as detected and as recorded.
PREVIEW_KINDS = frozenset(k for fmt in FORMATS if fmt.preview is Preview.PAGES for k in _kinds(fmt))
#: Kinds shown through their PDF rendering.
RENDERED_AS_PDF = frozenset(fmt.kind for fmt in FORMATS if fmt.preview is Preview.RENDERED)
#: Kinds a redacted copy can be made of, as detected and as recorded.
REDACTABLE_KINDS = frozenset(k for fmt in FORMATS if fmt.redactable for k in _kinds(fmt))
#: For a kind several formats record (``image``), the MIME types of those formats.
_RECORDED_MIMETYPES: dict[str, frozenset[str]] = {
    kind: frozenset(fmt.mimetype for fmt in FORMATS if fmt.stored and fmt.stored.kind == kind)
    for kind in {fmt.stored.kind for fmt in FORMATS if fmt.stored}
}


def mimetype_for(kind: str | None, filename: str) -> str:
    """The MIME type a document of ``kind`` is served with: its format's; for a kind several
    formats record, the one of theirs its file name names; otherwise plain bytes (never a
    type a file name alone could choose, such as HTML)."""
    if kind in MIMETYPES:
        return MIMETYPES[kind]
    guessed = mimetypes.guess_type(filename)[0]
    if kind and guessed in _RECORDED_MIMETYPES.get(kind, ()):
        return guessed
    return "application/octet-stream"


@cache
def _resolve(reference: str) -> Callable[..., Any]:
    module, _, name = reference.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function
