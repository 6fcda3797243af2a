"""Building the search-index body of a document from the database (the record)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer.metadata import number_keys
from indexer.normalize import normalize_text
from records.models import Case, CaseDocument, Document, DocumentReference
from records.policy import case_access_codes


def index_body(session: Session, document: Document) -> dict[str, Any]:
    """Everything search needs about one document, including its access-control fields."""
    cases = session.execute(
        select(Case.id, Case.code)
        .join(CaseDocument, CaseDocument.case_id == Case.id)
        .where(CaseDocument.document_id == document.id, CaseDocument.state == "attached")
    ).all()
    references = session.scalars(
        select(DocumentReference.number_key).where(DocumentReference.document_id == document.id)
    ).all()
    pages = [{"no": page.page_no, "text": page.text} for page in document.pages]
    return {
        "id": str(document.id),
        "filename": document.filename,
        "kind": document.kind,
        "doc_type": document.doc_type,
        "number": document.number,
        "number_keys": number_keys(document.number) if document.number else [],
        "issued_date": document.issued_date.isoformat() if document.issued_date else None,
        "place": _searchable(document.place),
        "issuer": _searchable(document.issuer),
        "subject": _searchable(document.subject),
        "signer": _searchable(document.signer),
        "sign_authority": document.sign_authority,
        "recipients": [normalize_text(r) for r in document.recipients or []],
        "is_draft": document.is_draft,
        "page_count": document.page_count,
        "content": "\n".join(page["text"] for page in pages),
        "pages": pages,
        "agencies": sorted(mention.agency_code for mention in document.mentions),
        "cases": sorted(code for _, code in cases),
        "references": sorted(set(references)),
        "confidentiality": document.confidentiality,
        "trashed": document.trashed_at is not None,
        "owner_agency": document.owner_agency.code,
        "shared_agencies": sorted(agency.code for agency in document.shared_with),
        "shared_all": document.shared_all,
        "case_agencies": case_access_codes(session, document.id),
        "urgency": document.urgency,
        "ocr": document.ocr,
        "uploaded_at": document.uploaded_at.isoformat(),
        "changed_at": document.changed_at.isoformat(),
        "pipeline_version": document.pipeline_version,
    }


def _searchable(value: str | None) -> str | None:
    """Metadata is stored as printed; the index gets the normalised form (one tone
    placement), like the page text and like queries, so "thuỷ" finds "thủy"."""
    return normalize_text(value) if value else value
