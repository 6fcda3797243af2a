"""Citizens' petitions (đơn thư), their petitioners, documents, history and links.

Petitioners' identities live in their own table, reached only through
``records.petitions.identity`` after the access policy allowed it: ``Petition`` has no
relationship to them, so a page or an export cannot show them by accident (LTC Art. 56).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from records.models.agency import Agency
from records.models.base import Base, JSONType, UTCDateTime, utcnow


class Petition(Base):
    __tablename__ = "petitions"
    __table_args__ = (
        UniqueConstraint("owner_agency_id", "register_no", name="uq_petitions_owner_register_no"),
        Index("ix_petitions_state_due", "state", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Number in the receiving body's register (sổ tiếp nhận đơn).
    register_no: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16), index=True)
    #: 1 for a first complaint, 2 for a second one (a child of the first).
    complaint_round: Mapped[int] = mapped_column(Integer, default=1)
    summary: Mapped[str] = mapped_column(Text)
    #: The person or body complained about or denounced.
    respondent: Mapped[str] = mapped_column(String(512), default="")
    received_on: Mapped[date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(16))
    forwarded_by: Mapped[str] = mapped_column(String(255), default="")
    #: The level the petitioner sent the letter to (level-skipping is judged against it).
    addressed_level: Mapped[str] = mapped_column(String(16), default="tinh")
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    signatory_count: Mapped[int | None] = mapped_column(Integer)
    is_mass: Mapped[bool] = mapped_column(Boolean, default=False)
    is_remote: Mapped[bool] = mapped_column(Boolean, default=False)
    remote_basis: Mapped[str] = mapped_column(Text, default="")
    is_complex: Mapped[bool] = mapped_column(Boolean, default=False)
    complex_basis: Mapped[str] = mapped_column(Text, default="")

    owner_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    confidentiality: Mapped[str] = mapped_column(String(16), default="thuong")
    state: Mapped[str] = mapped_column(String(24), default="RECEIVED")

    # Triage: who is competent, and whether the petition skipped a level.
    competent_level: Mapped[str | None] = mapped_column(String(16))
    competent_self: Mapped[bool | None] = mapped_column(Boolean)
    competent_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    competent_name: Mapped[str] = mapped_column(String(255), default="")
    bypass_level: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where it went (forwarded, guided, sent to the UBKT or the investigators) and why.
    routed_to_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    routed_to_name: Mapped[str] = mapped_column(String(255), default="")
    reason_code: Mapped[str | None] = mapped_column(String(32))

    # The clock of the current state (see records.petitions.clock).
    due_on: Mapped[date | None] = mapped_column(Date)
    due_rule: Mapped[str | None] = mapped_column(String(8))
    due_rule_from: Mapped[date | None] = mapped_column(Date)
    clock_anchor: Mapped[date | None] = mapped_column(Date)
    clock_used: Mapped[int] = mapped_column(Integer, default=0)
    extensions: Mapped[int] = mapped_column(Integer, default=0)
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    calendar_version: Mapped[str | None] = mapped_column(String(40))
    overdue: Mapped[bool] = mapped_column(Boolean, default=False)
    suspended_from: Mapped[str | None] = mapped_column(String(24))

    accepted_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)

    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("petitions.id"), index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("petitions.id"), index=True)
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    owner_agency: Mapped[Agency] = relationship(foreign_keys=[owner_agency_id], lazy="joined")
    competent_agency: Mapped[Agency | None] = relationship(foreign_keys=[competent_agency_id])
    routed_to_agency: Mapped[Agency | None] = relationship(foreign_keys=[routed_to_agency_id])
    events: Mapped[list[PetitionEvent]] = relationship(
        order_by="PetitionEvent.id", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Petition {self.id} {self.register_no} {self.kind} {self.state}>"


class Petitioner(Base):
    """Who sent a petition — restricted: read only through ``records.petitions.identity``.

    The ``*_key`` columns are normalised forms used to recognise the same person on another
    petition (repeat petitions); they are as sensitive as the values they come from.
    """

    __tablename__ = "petitioners"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(
        ForeignKey("petitions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(255))
    address: Mapped[str] = mapped_column(String(512), default="")
    id_number: Mapped[str] = mapped_column(String(32), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    representative: Mapped[bool] = mapped_column(Boolean, default=False)
    name_key: Mapped[str] = mapped_column(String(255), index=True)
    id_key: Mapped[str] = mapped_column(String(32), default="")
    phone_key: Mapped[str] = mapped_column(String(32), default="")
    address_key: Mapped[str] = mapped_column(String(512), default="")


class PetitionDocument(Base):
    """A document of a petition: the scanned letter, attachments, decisions, notices."""

    __tablename__ = "petition_documents"
    __table_args__ = (Index("ix_petition_documents_document_id", "document_id"),)

    petition_id: Mapped[int] = mapped_column(
        ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(16))
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PetitionEvent(Base):
    """One line of a petition's history: a state change or another recorded step."""

    __tablename__ = "petition_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(
        ForeignKey("petitions.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(24))
    to_state: Mapped[str | None] = mapped_column(String(24))
    #: The step's own date (decision date, date received...), which may precede ``at``.
    happened_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    due_rule: Mapped[str | None] = mapped_column(String(8))
    calendar_version: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, object]] = mapped_column(JSONType, default=dict)


class PetitionLink(Base):
    """A possible repeat of an earlier petition, found by ``records.petitions.repeats``.

    ``status`` is ``suggested`` until a user confirms it (the petition is merged) or
    dismisses it.
    """

    __tablename__ = "petition_links"

    petition_id: Mapped[int] = mapped_column(
        ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True
    )
    other_id: Mapped[int] = mapped_column(
        ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    score: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16), default="suggested")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
