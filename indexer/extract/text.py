"""Plain-text files: charset and legacy encodings decoded; form feeds split pages."""

from __future__ import annotations

from pathlib import Path

from indexer.extract.base import Extracted, ExtractionError, ExtractLimits
from indexer.normalize import decode_bytes


def extract_text_file(path: Path, limits: ExtractLimits) -> Extracted:
    text, encoding = decode_bytes(path.read_bytes())
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # a file that ends with a form feed has no empty page after it
    if len(pages) > limits.max_pages:
        raise ExtractionError(
            f"too many pages: {len(pages)} > {limits.max_pages} allowed",
            "too_many_pages",
            pages=len(pages),
            limit=limits.max_pages,
        )
    return Extracted(kind="txt", pages=pages, source_encoding=encoding)
