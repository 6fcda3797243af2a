"""What every format extractor returns, and the errors it may raise."""

from __future__ import annotations

from dataclasses import dataclass, field


class ExtractionError(Exception):
    """A file could not be turned into text.

    The message says why in English (logs, operators); ``code`` names the reason and
    ``params`` fill it in, so the web app can tell a clerk in their language
    (``webapp/failures.py`` has the messages). Params are JSON values.
    """

    def __init__(self, message: str, code: str = "damaged", **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class UnsupportedFormat(ExtractionError):
    """The file's content is of a kind hoso cannot read (or needs a tool that is not installed)."""


@dataclass
class Extracted:
    """Text of one file, page by page, with what the layout told us about its header.

    ``pages`` hold text already repaired from legacy encodings and NFC-normalised (see
    ``indexer.normalize``). Formats without pages (DOCX, TXT) give one page per explicit
    page break, or a single page. ``header_left``/``header_right`` are the two columns of
    a Vietnamese document header when the layout revealed them (PDF boxes, DOCX header
    table), else None.
    """

    kind: str  # detected kind: pdf, docx, doc, odt, rtf, txt, eml, image
    pages: list[str]
    header_left: str | None = None
    header_right: str | None = None
    ocr: bool = False
    ocr_confidence: float | None = None  # mean word confidence 0..100 when OCR ran
    #: Per page (same order as ``pages``) when OCR ran: its mean word confidence, None for
    #: a page read from a text layer or where OCR found no word.
    page_confidences: list[float | None] = field(default_factory=list)
    source_encoding: str = "unicode"  # unicode | tcvn3 | vni | utf-16 | windows-1258 ...
    warnings: list[str] = field(default_factory=list)
    #: Metadata the format states outright (an e-mail's subject, sender, recipients and date
    #: as an ISO day), which wins over what the text suggests; JSON values.
    described: dict[str, object] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\f\n".join(self.pages) if len(self.pages) > 1 else "".join(self.pages)

    @property
    def page_count(self) -> int:
        return len(self.pages)


@dataclass(frozen=True)
class ExtractLimits:
    """Bounds on the work one file may cause; a file that exceeds one fails with a reason."""

    max_pages: int = 2000  # pages (PDF, TIFF frames) a file may have at all
    ocr_max_pages: int = 50  # pages OCR'd per file (about 3 s each); later scanned pages stay empty
    ocr_page_timeout_s: float = 60.0  # Tesseract time per page
    ocr_dpi: int = 300  # rendering resolution of PDF pages for OCR
    zip_max_members: int = 2000  # members of a DOCX/ODT package
    zip_max_unpacked_mb: int = 256  # declared uncompressed size of all members together
    zip_max_ratio: int = 200  # uncompressed/compressed size of any member larger than 1 MB
    convert_timeout_s: float = 120.0  # LibreOffice conversion of DOC/ODT/RTF
    cpu_s: int = 120  # CPU seconds of the sandboxed parse (sandbox only)
    memory_mb: int = 1024  # address space of the sandboxed parse (sandbox only)
    wall_s: float = 300.0  # wall-clock time of the sandboxed parse, OCR included (sandbox only)
