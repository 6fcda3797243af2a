"""Retention: how long each type of document is kept, legal holds, disposal lists."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from records.models.base import Base, UTCDateTime, utcnow


class RetentionRule(Base):
    """The retention period of one document type; ``years`` NULL means permanent."""

    __tablename__ = "retention_rules"

    doc_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    years: Mapped[int | None] = mapped_column(Integer)
    #: Where the period comes from (the row of the archival regulation), for the archivist.
    basis: Mapped[str] = mapped_column(Text, default="")
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RetentionOverride(Base):
    """A document kept for another period than its type's, and why; NULL years: permanent."""

    __tablename__ = "retention_overrides"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    years: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RetentionStart(Base):
    """The day a document's retention period starts, as an archivist confirmed it (usually
    1 January after the year its case or file was closed). Without it the document is
    never due for disposal."""

    __tablename__ = "retention_starts"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    starts_on: Mapped[date] = mapped_column(Date)
    #: What the archivist went by (the closed case, the file, a correction).
    note: Mapped[str] = mapped_column(Text, default="")
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LegalHold(Base):
    """A hold on one document or on a whole case (every document attached to it, now or
    later). Active while ``released_at`` is NULL; a released hold stays as history."""

    __tablename__ = "legal_holds"
    __table_args__ = (
        CheckConstraint("(document_id IS NULL) <> (case_id IS NULL)", name="one_target"),
        Index("ix_legal_holds_document_id", "document_id"),
        Index("ix_legal_holds_case_id", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    placed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    placed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    release_reason: Mapped[str] = mapped_column(Text, default="")


class DisposalList(Base):
    """A list of documents proposed for disposal: draft -> approved -> executed."""

    __tablename__ = "disposal_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    executed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")

    items: Mapped[list[DisposalItem]] = relationship(
        back_populates="disposal_list", order_by="DisposalItem.document_id"
    )


class DisposalItem(Base):
    """One document on a list: ``proposed``, then ``removed`` (by a reviewer), ``disposed``,
    or ``kept`` (at execution it was held, restored or no longer due; ``outcome`` says which)."""

    __tablename__ = "disposal_items"
    __table_args__ = (Index("ix_disposal_items_document_id", "document_id"),)

    list_id: Mapped[int] = mapped_column(ForeignKey("disposal_lists.id"), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    #: Why it was proposed: ``due`` (retention period ended) or ``trash`` (grace period ended).
    ground: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="proposed")
    outcome: Mapped[str] = mapped_column(String(32), default="")
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    disposal_list: Mapped[DisposalList] = relationship(back_populates="items")
