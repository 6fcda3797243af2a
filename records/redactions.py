"""Storing a redacted copy ("bản che") of a document as a document of its own, linked to
the original, and listing the copies of a document."""

from __future__ import annotations

import io
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from records import audit
from records.intake import receive
from records.models import Agency, Document, DocumentRedaction, User
from records.policy import document_clause
from records.storage import FileStore

CHANNEL = "redaction"


def store_copy(
    session: Session,
    store: FileStore,
    user: User,
    original: Document,
    pdf: bytes,
    plan: dict[str, object],
    *,
    reason: str = "",
    shared_with: Sequence[Agency] = (),
    ip: str = "",
) -> Document:
    """Register ``pdf`` (made from ``original`` by hiding ``plan``) as a new document of the
    original's body and level, shared with ``shared_with``; the caller commits."""
    received = receive(
        session,
        store,
        io.BytesIO(pdf),
        f"ban-che-tai-lieu-{original.id}.pdf",  # the original's name may name the denouncer
        user=user,
        agency=original.owner_agency,
        channel=CHANNEL,
        confidentiality=original.confidentiality,
        shared_with=shared_with,
        ip=ip,
    )
    copy = received.document
    if session.scalar(select(DocumentRedaction).where(DocumentRedaction.copy_id == copy.id)):
        return copy  # the very same copy was made before
    session.add(
        DocumentRedaction(
            original_id=original.id,
            copy_id=copy.id,
            plan=plan,
            reason=reason.strip(),
            created_by_id=user.id,
        )
    )
    audit.record(
        session,
        user,
        "document.redact",
        object_type="document",
        object_id=original.id,
        ip=ip,
        level=original.confidentiality,
        copy=copy.id,
        plan=plan,
    )
    return copy


def copies_of(session: Session, user: User, document_id: int) -> list[Document]:
    """The redacted copies of a document that ``user`` may see, newest first."""
    return list(
        session.scalars(
            select(Document)
            .join(DocumentRedaction, DocumentRedaction.copy_id == Document.id)
            .where(DocumentRedaction.original_id == document_id, document_clause(user))
            .order_by(DocumentRedaction.id.desc())
        )
    )
