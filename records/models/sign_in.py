"""Signed-in sessions, kept on the server so that signing out ends them for good."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from records.models.base import Base, UTCDateTime, utcnow


class SignInSession(Base):
    """One sign-in. The browser's cookie carries a random key; only its sha256 is kept.

    A cookie is honoured only while its row is open (``ended_at`` empty), so a cookie copied
    before signing out, or before the session expired, no longer signs anyone in.
    """

    __tablename__ = "sign_in_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ip: Mapped[str] = mapped_column(String(64), default="")

    def __repr__(self) -> str:
        return f"<SignInSession {self.id} of user {self.user_id}>"
