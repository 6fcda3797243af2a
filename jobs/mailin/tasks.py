"""The periodic mailbox poll (Celery beat runs it every HOSO_MAIL_POLL_S seconds)."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from indexer import runtime
from indexer.celery_app import celery
from jobs.mailin.poll import poll_all


@celery.task(
    name="indexer.mailin.tasks.poll_mailboxes", autoretry_for=(OperationalError,), max_retries=3
)
def poll_mailboxes() -> list[dict[str, object]]:
    """Take the messages waiting in every configured mailbox."""
    results = poll_all(runtime.settings(), runtime.database(), runtime.store())
    return [result.as_dict() for result in results]
