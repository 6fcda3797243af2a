"""Redacted copies ("bản che"): a document made from another with pages or regions blacked
out and the text under them removed, shared instead of the original (LTC Art. 56)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from records.models.base import Base, JSONType, UTCDateTime, utcnow


class DocumentRedaction(Base):
    """``copy_id`` is the redacted copy of ``original_id``; ``plan`` is what was hidden
    (``indexer.redaction.Plan.to_json``: whole pages and regions in percent of the page)."""

    __tablename__ = "document_redactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    original_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    copy_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), unique=True
    )
    plan: Mapped[dict[str, object]] = mapped_column(JSONType, default=dict)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
