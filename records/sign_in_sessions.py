"""Starting, checking and ending signed-in sessions (the server's side of the cookie)."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from records.models import SignInSession, User
from records.models.base import utcnow


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def start(session: Session, user: User, *, ip: str = "") -> str:
    """Open a session for ``user``; return the key the cookie carries."""
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
