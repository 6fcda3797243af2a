"""The trash: a deleted document is hidden everywhere (the policy's clauses leave it out)
until its owner body's editors or an administrator restore it within the grace period;
after that it waits for the next disposal list — it is never deleted without approval."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_
from sqlalchemy.orm import Session

from records.audit import record
from records.errors import NotAllowed, RuleError
from records.models import Document, User
from records.models.base import utcnow
from records.policy import Action, can, can_retain


def grace_ends(document: Document, trash_days: int) -> datetime | None:
    if document.trashed_at is None:
        return None
    return document.trashed_at + timedelta(days=trash_days)


def move_to_trash(session: Session, user: User, document: Document, reason: str) -> None:
    """Hide ``document``; the caller commits and re-indexes it (its ``trashed`` flag)."""
    if not can(user, Action.TRASH, document):
        raise NotAllowed("trash")
    document.trashed_at, document.trashed_by_id = utcnow(), user.id
    document.touch()
    record(
        session, user, "document.trash", object_type="document", object_id=document.id,
        level=document.confidentiality, reason=reason.strip()[:1000],
    )  # fmt: skip


def restore(
    session: Session, user: User, document: Document, trash_days: int, now: datetime | None = None
) -> None:
    """Bring ``document`` back within the grace period; the caller commits and re-indexes."""
    if not can_retain(user, Action.RESTORE, document):
        raise NotAllowed("restore")
    ends = grace_ends(document, trash_days)
    if ends is not None and (now or utcnow()) > ends:
        raise RuleError("retention.grace_over", days=trash_days)
    document.trashed_at, document.trashed_by_id = None, None
    document.touch()
    record(
        session, user, "document.restore", object_type="document", object_id=document.id,
        level=document.confidentiality,
    )  # fmt: skip


def expired_clause(trash_days: int, now: datetime | None = None) -> ColumnElement[bool]:
    """Trashed documents whose grace period is over (they go onto the next disposal list)."""
    cutoff = (now or utcnow()) - timedelta(days=trash_days)
    return and_(Document.trashed_at.is_not(None), Document.trashed_at <= cutoff)
