"""Extracted fields a person should check: low confidence, and not corrected since."""

from __future__ import annotations

from indexer.metadata.confidence import REVIEW_BELOW
from records.models import Document

#: Fields listed for review, in the order the document page shows them.
REVIEWED_FIELDS = ("doc_type", "number", "issued_date", "issuer", "subject", "signer")


def fields_to_review(document: Document) -> list[str]:
    """The fields of ``document`` whose extraction was unsure and nobody corrected."""
    confidence = document.field_confidence or {}
    corrected = document.corrections or {}
    return [
        name
        for name in REVIEWED_FIELDS
        if name in confidence and confidence[name] < REVIEW_BELOW and name not in corrected
    ]


def refresh_review_flag(document: Document) -> None:
    """Keep ``metadata_review`` (what the review list selects on) in step with the fields."""
    document.metadata_review = bool(fields_to_review(document))
