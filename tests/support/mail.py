"""E-mail messages for intake tests, built with the standard library."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

SUBTYPES = {".pdf": "pdf", ".docx": "vnd.openxmlformats-officedocument.wordprocessingml.document"}


def letter(
    subject: str,
    body: str,
    *,
    attachments: tuple[Path, ...] = (),
    html: str | None = None,
    message_id: str | None = None,
    extra: tuple[tuple[str, bytes], ...] = (),
) -> bytes:
    """A message from a procuracy clerk, with files attached as they are in real mail."""
    message = EmailMessage()
    message["From"] = "Văn thư Viện kiểm sát <vanthu@vks.example.vn>"
    message["To"] = "Ban Nội chính <noichinh@tinhuy.example.vn>"
    message["Cc"] = "thanhtra@example.vn"
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2026, 11, 20, 9, 30, tzinfo=UTC))
    message["Message-ID"] = message_id or f"<{uuid.uuid4().hex}@vks.example.vn>"
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for path in attachments:
        message.add_attachment(
            path.read_bytes(),
            maintype="application",
            subtype=SUBTYPES.get(path.suffix, "octet-stream"),
            filename=path.name,
        )
    for name, data in extra:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return message.as_bytes()


def damaged_letter(subject: str) -> bytes:
    """A multipart message whose closing boundary never comes and whose attachment is not
    valid base64: the parser reads what it can and lists the defects."""
    message_id = f"<{uuid.uuid4().hex}@hong.example.vn>"
    return (
        "From: may.cu@example.vn\r\n"
        "To: noichinh@tinhuy.example.vn\r\n"
        f"Subject: {subject}\r\n"
        "Date: Fri, 20 Nov 2026 10:00:00 +0700\r\n"
        f"Message-ID: {message_id}\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="ranh-gioi"\r\n'
        "\r\n"
        "--ranh-gioi\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "\r\n"
        "Thư hỏng phần đính kèm.\r\n"
        "--ranh-gioi\r\n"
        "Content-Type: application/pdf\r\n"
        'Content-Disposition: attachment; filename="hong.pdf"\r\n'
        "Content-Transfer-Encoding: base64\r\n"
        "\r\n"
        "JVBERi0x!!!khong-phai-base64\r\n"
    ).encode()
