"""Reading an e-mail message with the standard library: its identity, headers and parts.

Shared by the intake (which stores the message and its attachments as documents) and the
extractor (which turns the stored message into text). Parsing is lenient: what the parser
could not make sense of is listed in :func:`damage`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

#: Header names whose presence tells an e-mail message from any other text.
_MESSAGE_HEADERS = ("from", "date", "message-id")


def parse_message(raw: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    return message


def is_message(message: EmailMessage) -> bool:
    """True when the bytes had e-mail headers at all (anything parses as *some* message)."""
    return any(message.get(name) for name in _MESSAGE_HEADERS)


def message_key(message: EmailMessage, raw: bytes) -> tuple[str, str | None]:
    """(sha256 key, Message-ID): a message is the same wherever it is polled by its
    Message-ID; one without a Message-ID is recognised by its bytes."""
    message_id = header(message, "message-id").strip()
    if message_id:
        return hashlib.sha256(message_id.lower().encode()).hexdigest(), message_id
    return hashlib.sha256(raw).hexdigest(), None


def header(message: EmailMessage, name: str) -> str:
    """A header's decoded value ('' when missing or unreadable)."""
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError):  # malformed encoded words in old mailers
        return ""
    return " ".join(str(value).split()) if value is not None else ""


def addresses(message: EmailMessage, name: str) -> list[str]:
    """The addresses of a header as 'Name <address>' (or the bare address)."""
    found = []
    for display, address in getaddresses([header(message, name)]):
        if address or display:
            found.append(f"{display} <{address}>" if display and address else address or display)
    return found


def sent_at(message: EmailMessage) -> datetime | None:
    value = header(message, "date")
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        return None


@dataclass(frozen=True)
class Attachment:
    filename: str
    part: EmailMessage

    def payload(self) -> bytes:
        """The attachment's bytes; an attached message is kept whole as an .eml file.

        Raises ValueError when the part's encoding is damaged."""
        if self.part.get_content_type() == "message/rfc822":
            inner = self.part.get_payload(0)
            return inner.as_bytes(policy=policy.default)
        data = self.part.get_payload(decode=True)
        # Decoding is lenient: bytes that were not valid base64 would give a broken file.
        broken = [type(defect).__name__ for defect in self.part.defects]
        if broken:
            raise ValueError(f"damaged encoding: {', '.join(broken)}")
        return data if isinstance(data, bytes) else b""


def attachments(message: EmailMessage) -> list[Attachment]:
    """The message's attached files, in order; the body and inline parts without a file name
    are not attachments. Files inside an attached message stay in that message."""
    body = message.get_body(preferencelist=("plain", "html"))
    found: list[Attachment] = []
    for number, part in enumerate(_leaves(message), start=1):
        if part is body:
            continue
        filename = part.get_filename()
        if part.get_content_type() == "message/rfc822":
            found.append(Attachment(filename or f"thu-dinh-kem-{number}.eml", part))
        elif filename or part.get_content_disposition() == "attachment":
            found.append(Attachment(filename or f"tep-dinh-kem-{number}", part))
    return found


def _leaves(part: EmailMessage) -> Iterator[EmailMessage]:
    if part.is_multipart() and part.get_content_maintype() == "multipart":
        for sub in part.iter_parts():
            yield from _leaves(sub)
    else:
        yield part


def damage(message: EmailMessage) -> list[str]:
    """What the parser found wrong in the message or any of its parts, by defect name."""
    names: list[str] = []
    parts = [message, *_leaves(message)] if message.is_multipart() else [message]
    for part in parts:
        for defect in part.defects:
            name = type(defect).__name__
            if name not in names:
                names.append(name)
    return names
