"""Saved searches: a query a user keeps, optionally with an alert on new matches."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from records.models.base import Base, JSONType, UTCDateTime, utcnow
from records.models.user import User


class SavedSearch(Base):
    """``query`` is the text as typed, ``filters`` the facet/date filters
    (``indexer.query.Filters.to_dict``). With ``alert`` on, a matching document the owner
    may see creates a notification once ever, if it was uploaded after the search was
    saved or became visible to the owner since (see ``indexer.alerts``).

    ``baseline_at``: when the documents that already matched (and the owner could see)
    were recorded in ``saved_search_documents``; unset, documents uploaded before the
    search was saved never alert."""

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
    baseline_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"<SavedSearch {self.id} {self.name!r}>"


class SavedSearchDocument(Base):
    """A document a saved search knows: it matched when the search's baseline was taken
    (``alerted`` false), or it was alerted. Either way it never alerts (again)."""

    __tablename__ = "saved_search_documents"

    saved_search_id: Mapped[int] = mapped_column(
        ForeignKey("saved_searches.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    alerted: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
