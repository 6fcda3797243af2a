"""The e-mail links of a document a user may see: its attachments (when it is a message)
and the messages that carried it (when it is an attachment), each within the policy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models import Document, MailAttachment, User
from records.policy import document_clause


@dataclass(frozen=True)
class MailLinks:
    attachments: Sequence[Document]
    messages: Sequence[Document]

    def __bool__(self) -> bool:
        return bool(self.attachments or self.messages)


def mail_links(session: Session, user: User, document_id: int) -> MailLinks:
    attachments = session.scalars(
        select(Document)
        .join(MailAttachment, MailAttachment.attachment_document_id == Document.id)
        .where(MailAttachment.message_document_id == document_id, document_clause(user))
        .order_by(MailAttachment.position, Document.id)
    ).all()
    messages = session.scalars(
        select(Document)
        .join(MailAttachment, MailAttachment.message_document_id == Document.id)
        .where(MailAttachment.attachment_document_id == document_id, document_clause(user))
        .order_by(Document.issued_date.desc(), Document.id)
    ).all()
    return MailLinks(attachments=attachments, messages=messages)
