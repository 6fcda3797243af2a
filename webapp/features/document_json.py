"""The JSON description of one document (``hoso doc show --json``, ``GET /api/v1/documents/ID``)
read through the models; its shape is :func:`webapp.features.document_object.document_object`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from records import policy
from records.mail_links import mail_links
from records.models import Case, CaseDocument, Document, DocumentPage, User
from webapp.features.denouncers import shown_document
from webapp.features.document_object import document_object


def document_json(session: Session, document: Document, user: User, error: str) -> dict[str, Any]:
    """Everything about ``document`` that ``user`` (who may see it) may know.

    ``error`` is the failure reason in the caller's language ("" unless failed). Only the
    cases, attachments and carrying e-mail messages the user may see are listed. A
    denunciation's document is masked for those not handling it (``webapp.features.denouncers``).
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
    return document_object(
        document,
        error=error,
        agencies=(mention.agency_code for mention in document.mentions),
        cases=cases,
        pages=pages or 0,
        owner_agency=document.owner_agency.code,
        shared_with=(agency.code for agency in document.shared_with),
        references=(ref.number for ref in document.references),
        attachments=(attachment.id for attachment in mail.attachments),
        mail_messages=(message.id for message in mail.messages),
    )


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
