"""E-mail messages (.eml, message/rfc822): the headers a clerk reads, then the body text.

The body is the plain-text part, or the HTML part converted to text; attachments are
listed by name (the intake stores each one as a document of its own).
"""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from bs4 import BeautifulSoup

from indexer.extract.base import Extracted, ExtractLimits
from indexer.normalize import decode_bytes
from records import mailmessage

#: HTML elements that end a line of text.
_BLOCKS = (
    "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote",
    "pre", "hr",
)  # fmt: skip


def extract_message(path: Path, limits: ExtractLimits) -> Extracted:
    message = mailmessage.parse_message(path.read_bytes())
    lines = [
        f"{label}: {value}"
        for label, value in (
            ("Từ", ", ".join(mailmessage.addresses(message, "from"))),
            ("Gửi đến", ", ".join(mailmessage.addresses(message, "to"))),
            ("Đồng gửi", ", ".join(mailmessage.addresses(message, "cc"))),
            ("Ngày gửi", mailmessage.header(message, "date")),
            ("Tiêu đề", mailmessage.header(message, "subject")),
            ("Tệp đính kèm", ", ".join(a.filename for a in mailmessage.attachments(message))),
        )
        if value
    ]
    text = "\n".join(lines) + "\n\n" + body_text(message)
    return Extracted(kind="eml", pages=[text.strip()], described=_described(message))


def body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError):  # unknown or lying charset
        content, _ = decode_bytes(part.get_payload(decode=True) or b"")
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        return html_text(content)
    return content


def html_text(html: str) -> str:
    """The text of an HTML body, one line per block, scripts and styles dropped."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "head", "title"]):
        hidden.decompose()
    for block in soup.find_all(_BLOCKS):
        block.insert_after("\n")
    lines = (" ".join(line.split()) for line in soup.get_text().splitlines())
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def _described(message: EmailMessage) -> dict[str, object]:
    """What the headers state about the document, which beats guessing from the text."""
    described: dict[str, object] = {}
    subject = mailmessage.header(message, "subject")
    if subject:
        described["subject"] = subject
    senders = mailmessage.addresses(message, "from")
    if senders:
        described["issuer"] = senders[0]
    recipients = mailmessage.addresses(message, "to") + mailmessage.addresses(message, "cc")
    if recipients:
        described["recipients"] = recipients
    sent = mailmessage.sent_at(message)
    if sent is not None:
        described["issued_date"] = sent.date().isoformat()
    return described
