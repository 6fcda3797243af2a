"""Taking one e-mail message into hoso: the message file and each attachment become
documents of the mailbox's body, the attachments linked to the message.

A message is recorded once by its Message-ID however often, and from however many
mailboxes, it is polled; an attachment already in hoso is linked, not stored again
(:func:`records.intake.receive` recognises it by sha256). The raw message is always kept
as a document when it can be stored at all, even if its parts cannot be read.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from records import mailmessage
from records.config import MailboxConfig
from records.intake import Received, clean_filename, receive
from records.models import Agency, Document, MailAttachment, MailMessage
from records.models.base import utcnow
from records.storage import FileStore, FileTooLarge

CHANNEL = "mail"
MB = 1024 * 1024


class MailboxMisconfigured(Exception):
    """The mailbox's settings name something hoso does not have (an unknown body)."""


@dataclass
class Taken:
    """What became of one message. ``status``: taken | partial | duplicate | failed."""

    status: str
    message_document_id: int | None = None
    #: New documents to parse, and existing ones to re-index (newly shared with a body).
    to_parse: list[int] = field(default_factory=list)
    to_index: list[int] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True)
class Limits:
    message_bytes: int
    attachment_bytes: int


def mailbox_agency(session: Session, mailbox: MailboxConfig) -> Agency:
    agency = session.scalar(select(Agency).where(Agency.code == mailbox.agency))
    if agency is None:
        raise MailboxMisconfigured(
            f"HOSO_MAILBOX_{mailbox.name.upper()}_AGENCY: no body has the code {mailbox.agency!r}"
        )
    return agency


def take_message(
    session: Session,
    store: FileStore,
    raw: bytes,
    *,
    mailbox: MailboxConfig,
    source: str,
    limits: Limits,
) -> Taken:
    """Record one message and its attachments in ``session``; the caller commits, and only
    then marks the message as taken in its mailbox and queues parsing."""
    agency = mailbox_agency(session, mailbox)
    message = mailmessage.parse_message(raw)
    key, message_id = mailmessage.message_key(message, raw)
    record = session.scalar(select(MailMessage).where(MailMessage.message_key == key))
    if record is not None and record.status != "failed":
        return _seen_again(record)
    if record is None:
        record = _claim(session, key, message_id, mailbox, source)
        if record is None:  # another poll is taking this very message right now
            return Taken("duplicate")
    record.mailbox = mailbox.name
    record.source = source[:512]
    record.sender = ", ".join(mailmessage.addresses(message, "from"))[:512] or None
    record.subject = mailmessage.header(message, "subject") or None
    record.taken_at = utcnow()
    return _take(session, store, raw, message, record, mailbox, agency, limits)


def _claim(
    session: Session, key: str, message_id: str | None, mailbox: MailboxConfig, source: str
) -> MailMessage | None:
    record = MailMessage(
        message_key=key, message_id=message_id, mailbox=mailbox.name, source=source, status="new"
    )
    try:
        with session.begin_nested():
            session.add(record)
    except IntegrityError:
        return None
    return record


def _take(
    session: Session,
    store: FileStore,
    raw: bytes,
    message: mailmessage.EmailMessage,
    record: MailMessage,
    mailbox: MailboxConfig,
    agency: Agency,
    limits: Limits,
) -> Taken:
    def store_file(data: bytes, name: str, max_bytes: int) -> Received:
        return receive(
            session,
            store,
            io.BytesIO(data),
            name,
            user=None,
            agency=agency,
            channel=CHANNEL,
            max_bytes=max_bytes,
            confidentiality=mailbox.confidentiality,
        )

    try:
        received = store_file(raw, _message_filename(message), limits.message_bytes)
    except FileTooLarge:
        error = (
            f"message is {len(raw) / MB:.1f} MB, over the {limits.message_bytes // MB} MB "
            "limit for a message (HOSO_MAIL_MAX_MESSAGE_MB); it stays in the mailbox"
        )
        record.status, record.error, record.document_id = "failed", error, None
        return Taken("failed", error=error)
    document = received.document
    taken = Taken("taken", message_document_id=document.id)
    _collect(taken, received.duplicate, document)
    errors: list[str] = []
    for position, attachment in enumerate(mailmessage.attachments(message), start=1):
        error = _take_attachment(session, store_file, attachment, document, position, limits, taken)
        if error:
            errors.append(error)
    errors[:0] = _problems(message)  # after decoding: decoding finds defects too
    record.document_id = document.id
    record.status = "partial" if errors else "taken"
    record.error = "; ".join(errors) or None
    taken.status, taken.error = record.status, record.error
    return taken


def _take_attachment(
    session: Session,
    store_file: Callable[[bytes, str, int], Received],
    attachment: mailmessage.Attachment,
    message_document: Document,
    position: int,
    limits: Limits,
    taken: Taken,
) -> str | None:
    """Store one attachment and link it; return what went wrong, if anything."""
    name = clean_filename(attachment.filename)
    try:
        data = attachment.payload()
    except (ValueError, LookupError, TypeError, IndexError) as err:
        return f"attachment {name!r} cannot be decoded ({err}); it stays in the message file"
    if not data:
        return f"attachment {name!r} is empty or unreadable; it stays in the message file"
    try:
        received = store_file(data, name, limits.attachment_bytes)
    except FileTooLarge:
        return (
            f"attachment {name!r} is {len(data) / MB:.1f} MB, over the "
            f"{limits.attachment_bytes // MB} MB upload limit; it stays in the message file"
        )
    _collect(taken, received.duplicate, received.document)
    link = session.get(MailAttachment, (message_document.id, received.document.id))
    if link is None and received.document.id != message_document.id:
        session.add(
            MailAttachment(
                message_document_id=message_document.id,
                attachment_document_id=received.document.id,
                filename=name,
                position=position,
            )
        )
        session.flush()
    return None


def _collect(taken: Taken, duplicate: bool, document: Document) -> None:
    """A new document is parsed; a file held already is re-indexed (it may now be shared
    with one more body)."""
    target = taken.to_index if duplicate else taken.to_parse
    if document.id not in target:
        target.append(document.id)


def _seen_again(record: MailMessage) -> Taken:
    """A message recorded already, polled again or from another body's mailbox: nothing is
    stored twice, and the receiving body is granted nothing (docs/access-policy.md,
    Duplicates)."""
    return Taken("duplicate", message_document_id=record.document_id)


def linked_attachments(session: Session, message_document_id: int) -> Sequence[Document]:
    return session.scalars(
        select(Document)
        .join(MailAttachment, MailAttachment.attachment_document_id == Document.id)
        .where(MailAttachment.message_document_id == message_document_id)
        .order_by(MailAttachment.position)
    ).all()


def _problems(message: mailmessage.EmailMessage) -> list[str]:
    if not mailmessage.is_message(message):
        return ["not an e-mail message (no From, Date or Message-ID); kept as a file"]
    damage = mailmessage.damage(message)
    if damage:
        return [f"message is damaged ({', '.join(damage)}); what could be read was taken"]
    return []


def _message_filename(message: mailmessage.EmailMessage) -> str:
    subject = mailmessage.header(message, "subject")[:120].strip()
    return f"{subject or 'thu-dien-tu'}.eml"
