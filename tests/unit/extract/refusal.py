"""Checks shared by the hostile-file and sandbox tests."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from indexer.extract import ExtractionError, ExtractLimits
from indexer.sandbox import extract_limited
from tests.unit.extract.pdfgen import text_pdf

LIMITS = ExtractLimits()
# Each hostile file must be refused well within this time.
BOUND_S = 20.0


def refused(path: Path, limits: ExtractLimits = LIMITS) -> str:
    start = time.monotonic()
    with pytest.raises(ExtractionError) as caught:
        extract_limited(path, limits)
    assert time.monotonic() - start < BOUND_S
    return str(caught.value)


def assert_still_working(tmp_path: Path) -> None:
    path = tmp_path / "after.pdf"
    path.write_bytes(text_pdf(2, b"Van ban sau"))
    assert extract_limited(path, LIMITS).pages == ["Van ban sau", "Van ban sau"]
