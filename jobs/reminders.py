"""Periodic casework tasks: deadline reminders, and e-mailing notifications."""

from __future__ import annotations

import logging

from indexer import runtime
from indexer.celery_app import celery
from records import reminders
from records.notify import send_pending_mail

log = logging.getLogger(__name__)


@celery.task(name="indexer.reminders.send_reminders")
def send_reminders() -> dict[str, int]:
    """Recompute due dates of an older calendar, mark overdue requests, and notify the
    people concerned of near and passed deadlines."""
    with runtime.database().session() as session:
        result = reminders.run(session)
    if result.notifications or result.marked_overdue or result.recomputed:
        log.info(
            "reminders: %d notifications, %d requests marked overdue, %d due dates moved",
            result.notifications,
            result.marked_overdue,
            result.recomputed,
        )
    return {
        "notifications": result.notifications,
        "marked_overdue": result.marked_overdue,
        "recomputed": result.recomputed,
    }


@celery.task(name="indexer.reminders.send_mail")
def send_mail() -> int:
    """E-mail notifications not yet sent, when SMTP is configured (``HOSO_SMTP_URL``)."""
    settings = runtime.settings()
    if not settings.smtp_url:
        return 0
    with runtime.database().session() as session:
        return send_pending_mail(session, settings.smtp_url, settings.mail_from)
