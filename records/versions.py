"""File versions of a document: a corrected scan or a signed copy replaces the current file.

The document keeps its id (search hits, citations and case attachments point to it); its
current file is the newest version, and every older one stays stored and downloadable.
The caller commits and then queues the document to be parsed again, which replaces its
text and pages (people's metadata corrections are kept; page corrections belonged to the
pages of the old file and are not applied to the new one).
"""

from __future__ import annotations

from typing import BinaryIO

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from records import audit, policy
from records.errors import NotAllowed, RuleError
from records.intake import clean_filename
from records.models import Document, DocumentVersion, User
from records.models.version import guess_mime
from records.policy import Action
from records.storage import FileStore

#: Longest reason kept for a new version.
MAX_REASON = 1000


class VersionRefused(RuleError):
    """The new version cannot be added; the code names why."""


def current_number(session: Session, document_id: int) -> int:
    """The number of the document's current version (0 before any was recorded)."""
    number = session.scalar(
        select(func.max(DocumentVersion.number)).where(DocumentVersion.document_id == document_id)
    )
    return number or 0


def versions_query(document_id: int) -> Select[tuple[DocumentVersion]]:
    """Every version of the document, newest (current) first."""
    return (
        select(DocumentVersion)
        .where(DocumentVersion.document_id == document_id)
        .order_by(DocumentVersion.number.desc())
    )


def version(session: Session, document_id: int, number: int) -> DocumentVersion | None:
    return session.scalar(
        select(DocumentVersion).where(
            DocumentVersion.document_id == document_id, DocumentVersion.number == number
        )
    )


def add_version(
    session: Session,
    store: FileStore,
    document: Document,
    stream: BinaryIO,
    filename: str,
    *,
    user: User,
    reason: str,
    channel: str,
    ip: str = "",
    max_bytes: int | None = None,
) -> DocumentVersion:
    """Store ``stream`` as the document's new current file and return its version.

    Refused (VersionRefused) without a reason, for a file that is already a version of
    this document, or the file of another document; NotAllowed without edit rights.
    Raises ``records.storage.FileTooLarge`` past ``max_bytes``. The document is set back
    to ``received``; the caller commits, then queues it with ``force``.
    """
    if not policy.can(user, Action.EDIT, document):
        raise NotAllowed("document.add_version", document=document.id)
    reason = " ".join((reason or "").split())
    if not reason:
        raise VersionRefused("version.reason_required")
    if len(reason) > MAX_REASON:
        raise VersionRefused("version.reason_too_long", limit=MAX_REASON)
    stored = store.put(stream, max_bytes=max_bytes)
    number = current_number(session, document.id)
    if number == 0:
        session.add(DocumentVersion.first_of(document))
        number = 1
    same = session.scalar(
        select(DocumentVersion.number).where(
            DocumentVersion.document_id == document.id, DocumentVersion.sha256 == stored.sha256
        )
    )
    if same is not None:
        raise VersionRefused("version.same_file", number=same)
    other = session.scalar(select(Document.id).where(Document.sha256 == stored.sha256))
    if other is not None:
        raise VersionRefused("version.other_document", document=other)
    name = clean_filename(filename)
    new = DocumentVersion(
        document_id=document.id,
        number=number + 1,
        sha256=stored.sha256,
        filename=name,
        mime=guess_mime(name),
        size=stored.size,
        uploaded_by_id=user.id,
        reason=reason,
    )
    session.add(new)
    document.sha256 = stored.sha256
    document.size = stored.size
    document.filename = name
    document.status = "received"
    document.touch()
    session.flush()
    audit.record(
        session,
        user,
        "document.version",
        object_type="document",
        object_id=document.id,
        ip=ip,
        level=document.confidentiality,
        version=new.number,
        filename=name,
        reason=reason,
        channel=channel,
    )
    return new
