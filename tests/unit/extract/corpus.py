"""The shared development corpus: files, ground-truth texts, scan images."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from PIL import Image

from tests.support.corpus import CORPUS

FILES = CORPUS / "files"
needs_corpus = pytest.mark.skipif(not FILES.is_dir(), reason="corpus not available")


def truth(doc_id: str) -> str:
    return (CORPUS / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")


def scan_jpeg(doc_id: str) -> tuple[bytes, int, int]:
    """The JPEG inside a corpus scan, with its width and height in pixels."""
    pdf = pdfium.PdfDocument(FILES / f"{doc_id}.scan.pdf")
    image = next(iter(pdf[0].get_objects()))
    data = bytes(image.get_data(decode_simple=False))
    width, height = Image.open(io.BytesIO(data)).size
    return data, width, height
