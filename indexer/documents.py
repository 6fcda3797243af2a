"""Building the search-index body of a document from the database (the record)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer.metadata import number_keys
from indexer.normalize import fold, normalize_text
from records.models import Case, CaseDocument, Document, DocumentReference
from records.petitions.protection import Protection, protection_of
from records.policy import case_access_codes, identity_level, identity_readers

#: Fields shown on hits and cards that may name a denouncer (masked when protected).
PROTECTED_FIELDS = ("filename", "place", "issuer", "subject", "signer", "recipients")


def index_body(session: Session, document: Document) -> dict[str, Any]:
    """Everything search needs about one document, including its access-control fields.

    A document of a denunciation is indexed masked (:func:`protect`).
    """
    cases = session.execute(
        select(Case.id, Case.code)
        .join(CaseDocument, CaseDocument.case_id == Case.id)
        .where(CaseDocument.document_id == document.id, CaseDocument.state == "attached")
    ).all()
    references = session.scalars(
        select(DocumentReference.number_key).where(DocumentReference.document_id == document.id)
    ).all()
    pages = [{"no": page.page_no, "text": page.text} for page in document.pages]
    body = {
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
    protection = protection_of(session, document.id)
    return protect(body, protection) if protection.active else body


def protect(body: dict[str, Any], protection: Protection) -> dict[str, Any]:
    """``body`` with the denouncers masked in every text field, the original text kept in
    ``identity_content`` for those handling the denunciation, and who they are.

    Every query, highlight, suggestion and similarity search reads the masked fields; only
    a clause limited by ``records.policy.identity_engine_filter`` reads the original.
    """
    masked = dict(body)
    for name in PROTECTED_FIELDS:
        value = body[name]
        if isinstance(value, list):
            masked[name] = [protection.mask(item, fold) for item in value]
        else:
            masked[name] = protection.mask(value, fold)
    masked["pages"] = [
        {"no": page["no"], "text": protection.mask(page["text"], fold)} for page in body["pages"]
    ]
    masked["content"] = protection.mask(body["content"], fold)
    masked["identity_content"] = "\n".join(
        filter(None, [body["subject"], body["signer"], body["issuer"], body["content"]])
    )
    masked["identity_readers"] = identity_readers(protection.petitions)
    masked["identity_level"] = identity_level(protection.petitions)
    return masked


def _searchable(value: str | None) -> str | None:
    """Metadata is stored as printed; the index gets the normalised form (one tone
    placement), like the page text and like queries, so "thuỷ" finds "thủy"."""
    return normalize_text(value) if value else value
