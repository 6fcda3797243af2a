"""E-mail intake: the messages taken from mailboxes, their attachments, each mailbox's polls."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from records.models.base import Base, UTCDateTime, utcnow
from records.models.document import Document


class MailMessage(Base):
    """One e-mail message, recorded once however often and wherever it is polled.

    ``message_key`` is the sha256 of its Message-ID (of its raw bytes when it has none).
    ``status`` is ``taken`` (message and attachments are documents), ``partial`` (the
    message is a document, something in it could not be taken: ``error`` says what) or
    ``failed`` (not even the message could be stored: it stays in the mailbox).
    """

    __tablename__ = "mail_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_key: Mapped[str] = mapped_column(String(64), unique=True)
    message_id: Mapped[str | None] = mapped_column(Text)
    mailbox: Mapped[str] = mapped_column(String(64), index=True)
    source: Mapped[str] = mapped_column(String(512))
    sender: Mapped[str | None] = mapped_column(String(512))
    subject: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    document: Mapped[Document | None] = relationship()


class MailAttachment(Base):
    """An attachment of a message document, itself a document (shared by every message
    that carried the same file)."""

    __tablename__ = "mail_attachments"

    message_document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    attachment_document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    filename: Mapped[str] = mapped_column(String(512))
    position: Mapped[int] = mapped_column(Integer, default=0)


class MailboxState(Base):
    """What the last poll of a configured mailbox did, and the totals so far."""

    __tablename__ = "mailbox_states"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_poll_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_taken: Mapped[int] = mapped_column(Integer, default=0)
    last_duplicates: Mapped[int] = mapped_column(Integer, default=0)
    last_failed: Mapped[int] = mapped_column(Integer, default=0)
    total_taken: Mapped[int] = mapped_column(Integer, default=0)
    total_failed: Mapped[int] = mapped_column(Integer, default=0)
