"""The JSON object of one document, from its row and its lists (no ORM: ``hoso doc show``
builds it from Core rows, :func:`webapp.features.document_json.document_json` from the models).

The keys of the contract (docs/contracts.md) come first; the rest tell what a client needs to
act on the document (owner, sharing, which fields a person corrected, processing times).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def document_object(
    document: Any,
    *,
    error: str,
    agencies: Iterable[str],
    cases: Iterable[str],
    pages: int,
    owner_agency: str,
    shared_with: Iterable[str],
    references: Iterable[str],
    attachments: Iterable[int],
    mail_messages: Iterable[int],
) -> dict[str, Any]:
    """``document`` is anything with the document's columns as attributes (a model, a masked
    view of one, a Core row); the unordered lists are sorted here."""
    return {
        "id": document.id,
        "filename": document.filename,
        "sha256": document.sha256,
        "status": document.status,
        "error": error or None,
        "doc_type": document.doc_type,
        "number": document.number,
        "issued_date": document.issued_date.isoformat() if document.issued_date else None,
        "place": document.place,
        "issuer": document.issuer,
        "subject": document.subject,
        "signer": document.signer,
        "confidentiality": document.confidentiality,
        "urgency": document.urgency,
        "recipients": list(document.recipients or []),
        "agencies": sorted(agencies),
        "cases": list(cases),
        "pages": pages or 0,
        "ocr": document.ocr,
        "source_encoding": document.source_encoding,
        "error_code": document.error_code,
        "kind": document.kind,
        "size": document.size,
        "date_precision": document.date_precision,
        "sign_authority": document.sign_authority,
        "is_draft": document.is_draft,
        "ocr_confidence": document.ocr_confidence,
        "owner_agency": owner_agency,
        "shared_all": document.shared_all,
        "shared_with": sorted(shared_with),
        "corrected": sorted(document.corrections or {}),
        "references": sorted(references),
        "pipeline_version": document.pipeline_version,
        "uploaded_at": document.uploaded_at.isoformat(),
        "indexed_at": document.indexed_at.isoformat() if document.indexed_at else None,
        "attachments": list(attachments),
        "mail_messages": list(mail_messages),
    }
