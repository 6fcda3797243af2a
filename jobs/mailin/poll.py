"""Polling mailboxes: take each waiting message, commit, then mark it and queue parsing.

A message is marked taken in its mailbox only after its document rows are committed; a
message that fails is reported (its mailbox state and its own record say why) and the
poll goes on with the next one.
"""

from __future__ import annotations

import hashlib
import imaplib
import logging
from dataclasses import dataclass, field

from sqlalchemy import select

from indexer.queue import enqueue_index, enqueue_ingest
from jobs.mailin.sources import Incoming, MailboxUnavailable, Source, open_source
from records.config import MailboxConfig, Settings
from records.db import Database
from records.mail_intake import (
    MB,
    Limits,
    MailboxMisconfigured,
    Taken,
    mailbox_agency,
    take_message,
)
from records.models import MailboxState, MailMessage
from records.models.base import utcnow
from records.storage import FileStore

log = logging.getLogger(__name__)


@dataclass
class PollResult:
    """What one poll of one mailbox did."""

    mailbox: str
    taken: int = 0
    duplicates: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    unavailable: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "mailbox": self.mailbox,
            "taken": self.taken,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "errors": self.errors,
            "unavailable": self.unavailable,
        }


def poll_all(settings: Settings, db: Database, store: FileStore) -> list[PollResult]:
    return [poll_mailbox(settings, db, store, mailbox) for mailbox in settings.mailboxes]


def poll_mailbox(
    settings: Settings, db: Database, store: FileStore, mailbox: MailboxConfig
) -> PollResult:
    result = PollResult(mailbox.name)
    limits = Limits(
        message_bytes=settings.mail_max_message_mb * MB,
        attachment_bytes=settings.max_upload_mb * MB,
    )
    try:
        with db.session() as session:
            mailbox_agency(session, mailbox)
        source = open_source(mailbox)
    except (MailboxMisconfigured, MailboxUnavailable) as err:
        result.unavailable = str(err)
    else:
        try:
            for incoming in source.pending(limits.message_bytes):
                _take_one(db, store, source, mailbox, incoming, limits, result)
        except (OSError, imaplib.IMAP4.error) as err:
            result.unavailable = f"poll stopped part-way: {err}"
        finally:
            source.close()
    if result.unavailable:
        log.warning("mailbox %s: %s", mailbox.name, result.unavailable)
    _save_state(db, result)
    return result


def _take_one(
    db: Database,
    store: FileStore,
    source: Source,
    mailbox: MailboxConfig,
    incoming: Incoming,
    limits: Limits,
    result: PollResult,
) -> None:
    if incoming.raw is None:
        reason = _unfetched(incoming, limits)
        _record_failure(db, mailbox, incoming, reason)
        source.failed(incoming, reason)
        _failed(result, incoming, reason)
        return
    try:
        with db.session() as session:
            taken = take_message(
                session, store, incoming.raw, mailbox=mailbox, source=incoming.source, limits=limits
            )
    except Exception as err:  # left unread in its mailbox, so the next poll tries it again
        log.exception("mailbox %s: message %s", mailbox.name, incoming.source)
        _failed(result, incoming, f"{type(err).__name__}: {err}")
        return
    _after_commit(source, incoming, taken, result)


def _after_commit(source: Source, incoming: Incoming, taken: Taken, result: PollResult) -> None:
    if taken.status == "failed":
        source.failed(incoming, taken.error or "failed")
        _failed(result, incoming, taken.error or "failed")
        return
    source.taken(incoming)
    if taken.status == "duplicate":
        result.duplicates += 1
    else:
        result.taken += 1
        if taken.error:
            result.errors.append(f"{incoming.source}: {taken.error}")
    for document_id in taken.to_parse:
        enqueue_ingest(document_id)
    enqueue_index(taken.to_index)


def _failed(result: PollResult, incoming: Incoming, reason: str) -> None:
    result.failed += 1
    result.errors.append(f"{incoming.source}: {reason}")


def _unfetched(incoming: Incoming, limits: Limits) -> str:
    if incoming.size > limits.message_bytes:
        return (
            f"message is {incoming.size / MB:.1f} MB, over the {limits.message_bytes // MB} MB "
            "limit for a message (HOSO_MAIL_MAX_MESSAGE_MB); it stays in the mailbox"
        )
    return "the server did not return the message's content; it stays in the mailbox"


def _record_failure(db: Database, mailbox: MailboxConfig, incoming: Incoming, reason: str) -> None:
    """A message that never reached hoso: recorded by where it is, since it was not read."""
    key = hashlib.sha256(f"{mailbox.name}:{incoming.source}:{incoming.size}".encode()).hexdigest()
    with db.session() as session:
        record = session.scalar(select(MailMessage).where(MailMessage.message_key == key))
        if record is None:
            record = MailMessage(message_key=key, mailbox=mailbox.name, source=incoming.source)
            session.add(record)
        record.status, record.error, record.taken_at = "failed", reason, utcnow()


def _save_state(db: Database, result: PollResult) -> None:
    now = utcnow()
    with db.session() as session:
        state = session.get(MailboxState, result.mailbox)
        if state is None:
            state = MailboxState(name=result.mailbox, total_taken=0, total_failed=0)
            session.add(state)
        state.last_poll_at = now
        state.last_taken = result.taken
        state.last_duplicates = result.duplicates
        state.last_failed = result.failed
        state.total_taken += result.taken
        state.total_failed += result.failed
        if result.unavailable:
            state.last_error = result.unavailable
        else:
            state.last_success_at = now
            state.last_error = "; ".join(result.errors)[:4000] or None
