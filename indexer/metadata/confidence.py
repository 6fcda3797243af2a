"""How sure each extracted field is, from where it was read (0..1).

Not a probability: a ranking of the evidence, so that the fields read from weak evidence
(a type guessed from the opening words, a subject taken from a first line, a name read
through OCR debris) can be listed for a person to check. A field that was not found gets
0 when documents of its type normally print it, and is left out otherwise.
"""

from __future__ import annotations

from indexer.metadata.doctypes import PETITIONS
from indexer.metadata.model import DocumentMetadata

#: Below this a field is listed for review.
REVIEW_BELOW = 0.6

_SUBJECT = {
    "title": 0.9,
    "vv": 0.9,
    "heading": 0.8,
    "petition": 0.75,
    "header_zone": 0.7,
    "first_line": 0.5,
}
_DATE = {"header": 0.95, "excerpt": 0.8, "closing": 0.75}


def field_confidence(
    metadata: DocumentMetadata,
    *,
    type_confidence: float,
    subject_source: str,
    date_source: str | None,
    signer_repaired: bool,
) -> dict[str, float]:
    """Confidence of each field of ``metadata`` given where the extractor found it."""
    petition = metadata.doc_type in PETITIONS
    found: dict[str, float] = {"doc_type": type_confidence}
    if metadata.number:
        found["number"] = 0.8 if metadata.is_excerpt else 0.95
    elif not petition:
        found["number"] = 0.0
    found["issued_date"] = _DATE.get(date_source or "", 0.0) if metadata.issued_date else 0.0
    if metadata.issuer:
        found["issuer"] = 0.7 if petition or metadata.is_excerpt else 0.9
    else:
        found["issuer"] = 0.0
    found["subject"] = _SUBJECT.get(subject_source, 0.0) if metadata.subject else 0.0
    if metadata.signer:
        found["signer"] = 0.55 if signer_repaired else 0.9
    else:
        found["signer"] = 0.0
    return found


def needs_review(confidence: dict[str, float]) -> list[str]:
    """The fields whose confidence is below ``REVIEW_BELOW``, in a stable order."""
    return sorted(name for name, value in confidence.items() if value < REVIEW_BELOW)
