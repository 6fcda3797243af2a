"""Cases (vụ việc, vụ án): the shared work of the bodies, and the documents attached to them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Date, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from records.models.agency import Agency
from records.models.base import Base, JSONType, UTCDateTime, utcnow
from records.models.user import User

case_agencies = Table(
    "case_agencies",
    Base.metadata,
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True),
)


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(512))
    kind: Mapped[str] = mapped_column(String(16), default="vu_viec")  # vu_viec | vu_an
    summary: Mapped[str] = mapped_column(Text, default="")
    #: One of ``records.case_status.STATUSES``; every change is a ``status`` timeline event.
    status: Mapped[str] = mapped_column(String(32), default="tiep_nhan", index=True)
    confidentiality: Mapped[str] = mapped_column(String(16), default="thuong")
    lead_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    monitoring_level: Mapped[str | None] = mapped_column(String(32))
    monitoring_set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    monitoring_set_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    monitoring_reason: Mapped[str] = mapped_column(Text, default="")
    #: The officer in charge (notified of deadlines on the case).
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Signs of a crime: flagged until a transfer to investigators exists.
    crime_signs_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    crime_signs_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: The legal basis that sets the time allowed to transfer (``records.transfers.LEGAL_BASES``).
    crime_signs_basis: Mapped[str | None] = mapped_column(String(32))
    #: The day the clock starts: the inspection conclusion signed, or the signs found.
    crime_signs_since: Mapped[date | None] = mapped_column(Date)
    crime_signs_note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    lead_agency: Mapped[Agency] = relationship(foreign_keys=[lead_agency_id])
    handler: Mapped[User | None] = relationship(foreign_keys=[handler_id])
    agencies: Mapped[list[Agency]] = relationship(secondary=case_agencies)
    parties: Mapped[list[CaseParty]] = relationship(cascade="all, delete-orphan")
    documents: Mapped[list[CaseDocument]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )
    events: Mapped[list[CaseEvent]] = relationship(
        order_by="CaseEvent.at", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Case {self.code}>"


class CaseParty(Base):
    """A key person or organisation of a case; the tagger suggests documents naming them."""

    __tablename__ = "case_parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16), default="person")  # person | organisation
    role: Mapped[str] = mapped_column(String(128), default="")


class CaseDocument(Base):
    """A document's link to a case: attached by someone, or suggested by the tagger and then
    confirmed (attached) or rejected; a detached link keeps who detached it and why."""

    __tablename__ = "case_documents"
    __table_args__ = (Index("ix_case_documents_document_id", "document_id"),)

    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(16), default="attached")
    reason: Mapped[str] = mapped_column(Text, default="")
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    case: Mapped[Case] = relationship(back_populates="documents")


class CaseEvent(Base):
    """One line of a case's timeline (attachments, status changes, transfers, requests)."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict[str, object]] = mapped_column(JSONType, default=dict)
