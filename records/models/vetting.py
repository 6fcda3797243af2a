"""Cadre vetting (thẩm định hồ sơ cán bộ): a body asks chosen bodies about a named cadre.

Each asked body gets one :class:`VettingAnswer`, sees the candidate records hoso found in
its own records (:class:`VettingMatch`), confirms or dismisses each and answers.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from records.models.agency import Agency
from records.models.base import Base, JSONType, UTCDateTime, utcnow
from records.models.user import User


class VettingRequest(Base):
    """A question about one cadre sent to chosen bodies, due on ``due_date``.

    ``status`` is open -> answered (every asked body answered) | withdrawn.
    """

    __tablename__ = "vetting_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    cadre_name: Mapped[str] = mapped_column(String(255))
    birth_date: Mapped[date] = mapped_column(Date)
    id_number: Mapped[str] = mapped_column(String(32), default="")
    position: Mapped[str] = mapped_column(String(255), default="")
    unit: Mapped[str] = mapped_column(String(255), default="")
    #: Why the cadre is vetted (appointment, re-election, commendation…).
    purpose: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date] = mapped_column(Date, index=True)
    calendar_version: Mapped[str | None] = mapped_column(String(40))
    confidentiality: Mapped[str] = mapped_column(String(16), default="toi_mat")
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")
    #: The asking body's letter, a document it owns (never shared by the request).
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    from_agency: Mapped[Agency] = relationship(foreign_keys=[from_agency_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    answers: Mapped[list[VettingAnswer]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="VettingAnswer.id"
    )

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def __repr__(self) -> str:
        return f"<VettingRequest {self.id} {self.status}>"


class VettingAnswer(Base):
    """One asked body's part: ``status`` open -> answered; ``finding`` none | found."""

    __tablename__ = "vetting_answers"
    __table_args__ = (UniqueConstraint("request_id", "agency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("vetting_requests.id", ondelete="CASCADE"), index=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    finding: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    request: Mapped[VettingRequest] = relationship(back_populates="answers")
    agency: Mapped[Agency] = relationship(foreign_keys=[agency_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
    matches: Mapped[list[VettingMatch]] = relationship(
        cascade="all, delete-orphan", order_by="VettingMatch.id"
    )

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class VettingMatch(Base):
    """A record of the answering body that may be about the cadre: a petition, a case or a
    document; ``state`` candidate -> confirmed | dismissed by the answering body."""

    __tablename__ = "vetting_matches"
    __table_args__ = (UniqueConstraint("answer_id", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(
        ForeignKey("vetting_answers.id", ondelete="CASCADE"), index=True
    )
    object_type: Mapped[str] = mapped_column(String(16))
    object_id: Mapped[int] = mapped_column()
    #: What matched: name, birth_year, id_number, unit.
    reasons: Mapped[list[str]] = mapped_column(JSONType, default=list)
    #: How the record reads in the answer (its register number, code or title).
    label: Mapped[str] = mapped_column(String(512), default="")
    state: Mapped[str] = mapped_column(String(16), default="candidate")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
