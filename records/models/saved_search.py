"""Saved searches: a query a user keeps, optionally with an alert on new matches."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from records.models.base import Base, JSONType, UTCDateTime, utcnow
from records.models.user import User


class SavedSearch(Base):
    """``query`` is the text as typed, ``filters`` the facet/date filters
    (``indexer.query.Filters.to_dict``). With ``alert`` on, every newly indexed document the
    owner may see and that matches creates a notification (once per document)."""

    __tablename__ = "saved_searches"
    __table_args__ = (Index("ix_saved_searches_alert", "alert"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    query: Mapped[str] = mapped_column(Text, default="")
    filters: Mapped[dict[str, object]] = mapped_column(JSONType, default=dict)
    sort: Mapped[str] = mapped_column(String(16), default="relevance")
    alert: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_alert_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"<SavedSearch {self.id} {self.name!r}>"
