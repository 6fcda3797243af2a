"""Notifying users: an in-app notification, and an e-mail when SMTP is configured.

E-mail is sent by :func:`send_pending_mail` (called by a periodic task), never inside the
transaction that creates the notification, so a slow mail server delays nothing.
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models import Notification, User
from records.models.base import utcnow
from records.notification_titles import Title

log = logging.getLogger(__name__)


def notify(
    session: Session,
    user: User,
    kind: str,
    title: str | Title,
    *,
    body: str = "",
    link: str = "",
    object_type: str = "",
    object_id: object = "",
    dedup_key: str = "",
) -> Notification | None:
    """Add a notification for ``user`` unless one with the same ``dedup_key`` exists.

    A :class:`Title` is stored with its key and parameters (shown in the reader's language)
    and its Vietnamese text; a plain string is stored as it is."""
    if dedup_key:
        existing = session.scalar(
            select(Notification.id).where(
                Notification.user_id == user.id, Notification.dedup_key == dedup_key
            )
        )
        if existing is not None:
            return None
    notification = Notification(
        user_id=user.id,
        kind=kind,
        title=(title.text if isinstance(title, Title) else title)[:512],
        title_key=title.key if isinstance(title, Title) else "",
        title_params=title.params if isinstance(title, Title) else {},
        body=body,
        link=link,
        object_type=object_type,
        object_id=str(object_id) if object_id != "" else "",
        dedup_key=dedup_key,
    )
    session.add(notification)
    return notification


def send_pending_mail(session: Session, smtp_url: str, mail_from: str, limit: int = 100) -> int:
    """E-mail notifications not yet sent to users with an address; return how many were sent."""
    if not smtp_url:
        return 0
    rows = session.execute(
        select(Notification, User.email)
        .join(User, User.id == Notification.user_id)
        .where(Notification.emailed_at.is_(None), User.email != "")
        .order_by(Notification.id)
        .limit(limit)
    ).all()
    if not rows:
        return 0
    sent = 0
    with _connect(smtp_url) as smtp:
        for notification, address in rows:
            message = EmailMessage()
            message["From"] = mail_from
            message["To"] = address
            message["Subject"] = f"[hoso] {notification.title}"
            message.set_content(f"{notification.body}\n\n{notification.link}".strip())
            smtp.send_message(message)
            notification.emailed_at = utcnow()
            sent += 1
    return sent


def _connect(smtp_url: str) -> smtplib.SMTP:
    parts = urlsplit(smtp_url)
    port = parts.port or (465 if parts.scheme == "smtps" else 25)
    if parts.scheme == "smtps":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(parts.hostname or "localhost", port, timeout=30)
    else:
        smtp = smtplib.SMTP(parts.hostname or "localhost", port, timeout=30)
        if port == 587:
            smtp.starttls()
    if parts.username:
        smtp.login(unquote(parts.username), unquote(parts.password or ""))
    return smtp
