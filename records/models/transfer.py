"""Transfers of cases with signs of a crime to an investigation body (docs/domain.md §3.3)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from records.models.agency import Agency
from records.models.base import Base, UTCDateTime, utcnow


class Transfer(Base):
    """A kiến nghị khởi tố / chuyển hồ sơ sent to the police or the procuracy.

    The subject is a case (``case_id``); a petition transferred under LTC Art. 27(1) links
    its own column. ``due_date`` is when the investigators' decision is due (BLTTHS
    Art. 147, computed by ``records.transfers``); ``outcome`` stays ``dang_xu_ly`` until
    their answer is recorded.
    """

    __tablename__ = "transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    #: The petition transferred (LTC Art. 27(1)), when the transfer comes from one.
    petition_id: Mapped[int | None] = mapped_column(
        ForeignKey("petitions.id", ondelete="CASCADE"), index=True
    )
    from_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    to_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    legal_basis: Mapped[str] = mapped_column(String(32))
    legal_basis_text: Mapped[str] = mapped_column(Text, default="")
    #: Number and symbol of the transfer document as issued ("12/KNKT-TTr").
    reference: Mapped[str] = mapped_column(String(128), default="")
    sent_date: Mapped[date] = mapped_column(Date, index=True)
    received_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    #: The working calendar ``due_date`` was computed with (``records.calendar``); None once
    #: an extension decision set the date.
    calendar_version: Mapped[str | None] = mapped_column(String(40))
    extension_note: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    confidentiality: Mapped[str] = mapped_column(String(16), default="thuong")
    outcome: Mapped[str] = mapped_column(String(16), default="dang_xu_ly", index=True)
    outcome_date: Mapped[date | None] = mapped_column(Date)
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    outcome_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    from_agency: Mapped[Agency] = relationship(foreign_keys=[from_agency_id])
    to_agency: Mapped[Agency] = relationship(foreign_keys=[to_agency_id])
    documents: Mapped[list[TransferDocument]] = relationship(cascade="all, delete-orphan")

    @property
    def pending(self) -> bool:
        return self.outcome == "dang_xu_ly"

    def overdue_on(self, today: date) -> bool:
        return self.pending and self.due_date < today

    def __repr__(self) -> str:
        return f"<Transfer {self.id} -> {self.to_agency_id} {self.outcome}>"


class TransferDocument(Base):
    """A registered document of a transfer: the transfer itself (``sent``) or the answer."""

    __tablename__ = "transfer_documents"

    transfer_id: Mapped[int] = mapped_column(
        ForeignKey("transfers.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16), default="sent")  # sent | outcome
