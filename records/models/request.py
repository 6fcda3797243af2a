"""Information requests between bodies: one body asks another, with a due date."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from records.models.agency import Agency
from records.models.base import Base, UTCDateTime, utcnow
from records.models.user import User


class InfoRequest(Base):
    """A request for information or documents, optionally about a case.

    ``status`` is open -> answered | withdrawn; an open request past its due date is marked
    ``overdue`` by the reminder task (and still answerable).
    """

    __tablename__ = "info_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    to_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    subject: Mapped[str] = mapped_column(String(512))
    details: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date] = mapped_column(Date, index=True)
    #: The working calendar a default due date was computed with (``records.calendar``);
    #: None when the asker chose the date.
    calendar_version: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    confidentiality: Mapped[str] = mapped_column(String(16), default="thuong")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The officer of the asked body who prepares the answer.
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answer_text: Mapped[str] = mapped_column(Text, default="")
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")

    from_agency: Mapped[Agency] = relationship(foreign_keys=[from_agency_id])
    to_agency: Mapped[Agency] = relationship(foreign_keys=[to_agency_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
    documents: Mapped[list[InfoRequestDocument]] = relationship(cascade="all, delete-orphan")

    @property
    def is_open(self) -> bool:
        return self.status in ("open", "overdue")

    def overdue_on(self, today: date) -> bool:
        return self.is_open and self.due_date < today

    def __repr__(self) -> str:
        return f"<InfoRequest {self.id} {self.status}>"


class InfoRequestDocument(Base):
    """A document given in answer to a request (shared with the asking body)."""

    __tablename__ = "info_request_documents"

    request_id: Mapped[int] = mapped_column(
        ForeignKey("info_requests.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )
