"""Starting, checking and ending signed-in sessions (the server's side of the cookie).

A row is kept only while it may still be honoured: each sign-in removes the rows that were
ended (signing out, expiry) or started longer ago than :data:`MAX_AGE`, so the table holds
the sessions of the last :data:`MAX_AGE` at most.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from records.models import SignInSession, User
from records.models.base import utcnow

#: A session is signed in again after this long, however active.
MAX_AGE = timedelta(hours=12)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def start(session: Session, user: User, *, ip: str = "") -> str:
    """Open a session for ``user`` (removing the rows no cookie may use any more); return
    the key the cookie carries."""
    prune(session)
    key = secrets.token_urlsafe(32)
    session.add(SignInSession(user_id=user.id, key_hash=_digest(key), ip=ip[:64]))
    return key


def is_open(session: Session, user_id: int, key: str | None) -> bool:
    """The cookie's key names an open session of this user."""
    if not key:
        return False
    found = session.scalar(
        select(SignInSession.id).where(
            SignInSession.key_hash == _digest(key),
            SignInSession.user_id == user_id,
            SignInSession.ended_at.is_(None),
        )
    )
    return found is not None


def end(session: Session, key: str | None) -> None:
    """Close the session with this key (signing out, expiry); unknown keys are ignored."""
    if key:
        session.execute(
            update(SignInSession)
            .where(SignInSession.key_hash == _digest(key), SignInSession.ended_at.is_(None))
            .values(ended_at=utcnow())
        )


def prune(session: Session) -> int:
    """Remove the sessions that were ended or are older than :data:`MAX_AGE` (of every
    user); return how many."""
    result = session.execute(
        delete(SignInSession).where(
            or_(
                SignInSession.ended_at.is_not(None),
                SignInSession.started_at < utcnow() - MAX_AGE,
            )
        )
    )
    return result.rowcount or 0
