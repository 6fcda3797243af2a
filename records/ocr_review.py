"""Which OCR'd pages wait for a person to check them (*Trang OCR cần soát*)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_

from records.models import DocumentPage


def review_clause(threshold: float) -> ColumnElement[bool]:
    """Pages whose OCR confidence is below ``threshold`` and that nobody corrected yet."""
    return and_(
        DocumentPage.ocr_confidence.is_not(None),
        DocumentPage.ocr_confidence < threshold,
        DocumentPage.corrected.is_(False),
    )
