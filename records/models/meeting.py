"""Coordination meetings (giao ban) chaired by the Commission, the bodies invited to them, and
the follow-up tasks their conclusions give to bodies."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from records.models.agency import Agency
from records.models.base import Base, UTCDateTime, utcnow
from records.models.user import User


class Meeting(Base):
    """A meeting about the period ``period_start``..``period_end``; ``status`` planned ->
    held | cancelled. ``kind`` is periodic (the regulation's yearly or quarterly meeting) or
    ad_hoc (called when something arises)."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="periodic")
    title: Mapped[str] = mapped_column(String(512))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    place: Mapped[str] = mapped_column(String(255), default="")
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    confidentiality: Mapped[str] = mapped_column(String(16), default="thuong")
    agenda: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="planned", index=True)
    minutes_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL")
    )
    chair_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    chair_agency: Mapped[Agency] = relationship(foreign_keys=[chair_agency_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    bodies: Mapped[list[MeetingBody]] = relationship(
        cascade="all, delete-orphan", order_by="MeetingBody.agency_id"
    )
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="FollowUp.id"
    )


class MeetingBody(Base):
    """A body invited to a meeting, and whether (and by whom) it attended."""

    __tablename__ = "meeting_bodies"
    __table_args__ = (UniqueConstraint("meeting_id", "agency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    attended: Mapped[bool | None] = mapped_column(Boolean)
    attendee: Mapped[str] = mapped_column(String(255), default="")

    agency: Mapped[Agency] = relationship(foreign_keys=[agency_id])


class FollowUp(Base):
    """A conclusion of a meeting given to a body to carry out by ``due_date``; ``status``
    open -> done | cancelled. An open task past its due date is overdue (and still
    completable), as information requests are."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    task: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    #: The working days the due date was counted with from the meeting day (None: chosen).
    working_days: Mapped[int | None] = mapped_column()
    calendar_version: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    done_note: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="follow_ups")
    agency: Mapped[Agency] = relationship(foreign_keys=[agency_id])
    done_by: Mapped[User | None] = relationship(foreign_keys=[done_by_id])

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def overdue_on(self, today: date) -> bool:
        return self.is_open and self.due_date < today
