"""Text out of an uploaded file, whatever its format: `extract` (in-process) and, for
untrusted files, `indexer.sandbox.extract_limited`. The formats, and the extractor each
goes to, are declared in :mod:`indexer.extract.formats`."""

from __future__ import annotations

from pathlib import Path

from pdfminer.psexceptions import PSEOF
from PIL import UnidentifiedImageError
from PIL.Image import DecompressionBombError

from indexer.extract.base import Extracted, ExtractionError, ExtractLimits, UnsupportedFormat
from indexer.extract.detect import detect_kind
from indexer.extract.formats import BY_KIND
from indexer.normalize import clean_text

__all__ = [
    "ExtractLimits",
    "Extracted",
    "ExtractionError",
    "UnsupportedFormat",
    "extract",
]


def extract(path: Path, *, limits: ExtractLimits) -> Extracted:
    """Detect the kind by content, extract page texts, clean them (NFC, invisible characters,
    broken words) keeping the printed tone placement; indexing normalises tones later.

    Every failure is an ExtractionError whose message a clerk can read.
    """
    try:
        kind = detect_kind(path)
    except OSError as err:
        detail = str(err.strerror or err)
        raise ExtractionError(
            f"file cannot be read: {detail}", "unreadable", detail=detail
        ) from err
    try:
        result = BY_KIND[kind].extract(path, limits)
    except (ExtractionError, MemoryError):
        raise
    except Exception as err:
        raise _reason(kind, err) from err
    _within_page_limit(result, limits)
    result.pages = [clean_text(page) for page in result.pages]
    if result.header_left is not None:
        result.header_left = clean_text(result.header_left)
    if result.header_right is not None:
        result.header_right = clean_text(result.header_right)
    return result


def _within_page_limit(result: Extracted, limits: ExtractLimits) -> None:
    """Every format's pages count as the index counts them (one nested page each): a
    DOCX of thousands of page breaks is refused like a PDF of thousands of pages."""
    if len(result.pages) > limits.max_pages:
        raise ExtractionError(
            f"too many pages: {len(result.pages)} > {limits.max_pages} allowed",
            "too_many_pages",
            pages=len(result.pages),
            limit=limits.max_pages,
        )


def _reason(kind: str, err: Exception) -> ExtractionError:
    """A short reason for a failure deep inside a parser."""
    name = BY_KIND[kind].name
    if isinstance(err, (PSEOF, EOFError)):
        return ExtractionError("file is truncated", "truncated")
    if isinstance(err, RecursionError):
        return ExtractionError(
            f"{name} is damaged: its structure is nested too deeply", "too_deep", kind=kind
        )
    if isinstance(err, DecompressionBombError):
        return ExtractionError("image is too large", "image_too_large")
    if isinstance(err, UnidentifiedImageError):
        return ExtractionError("image is damaged or in an unsupported variant", "image_damaged")
    detail = str(err).strip().splitlines()[0][:120] if str(err).strip() else type(err).__name__
    return ExtractionError(f"{name} is damaged: {detail}", "damaged", kind=kind, detail=detail)
