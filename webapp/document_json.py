"""The JSON description of one document (``hoso doc show --json``, ``GET /api/v1/documents/ID``).

The keys of the contract (docs/contracts.md) come first; the rest tell what a client needs to act on
the document (owner, sharing, which fields a person corrected, processing times).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from records import policy
from records.mail_links import mail_links
from records.models import Case, CaseDocument, Document, DocumentPage, User
from webapp.denouncers import shown_document


def document_json(session: Session, document: Document, user: User, error: str) -> dict[str, Any]:
    """Everything about ``document`` that ``user`` (who may see it) may know.

    ``error`` is the failure reason in the caller's language ("" unless failed). Only the
    cases, attachments and carrying e-mail messages the user may see are listed. A
    denunciation's document is masked for those not handling it (``webapp.denouncers``).
    """
    document, _protection = shown_document(session, user, document)  # type: ignore[assignment]
    cases = session.scalars(
        select(Case.code)
        .join(CaseDocument, CaseDocument.case_id == Case.id)
        .where(
            CaseDocument.document_id == document.id,
            CaseDocument.state == "attached",
            policy.case_clause(user),
        )
        .order_by(Case.code)
    ).all()
    mail = mail_links(session, user, document.id)
    pages = session.scalar(
        select(func.count())
        .select_from(DocumentPage)
        .where(DocumentPage.document_id == document.id)
    )
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
        "agencies": sorted(mention.agency_code for mention in document.mentions),
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
        "owner_agency": document.owner_agency.code,
        "shared_all": document.shared_all,
        "shared_with": sorted(agency.code for agency in document.shared_with),
        "corrected": sorted(document.corrections or {}),
        "references": sorted(ref.number for ref in document.references),
        "pipeline_version": document.pipeline_version,
        "uploaded_at": document.uploaded_at.isoformat(),
        "indexed_at": document.indexed_at.isoformat() if document.indexed_at else None,
        "attachments": [attachment.id for attachment in mail.attachments],
        "mail_messages": [message.id for message in mail.messages],
    }


def document_summary(document: Document, error: str) -> dict[str, Any]:
    """One row of a document list: what identifies it and where it stands."""
    return {
        "id": document.id,
        "filename": document.filename,
        "status": document.status,
        "error": error or None,
        "doc_type": document.doc_type,
        "number": document.number,
        "issued_date": document.issued_date.isoformat() if document.issued_date else None,
        "subject": document.subject,
        "confidentiality": document.confidentiality,
        "uploaded_at": document.uploaded_at.isoformat(),
    }
