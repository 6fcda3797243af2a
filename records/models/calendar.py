"""The announced changes to the working calendar that the `holidays` package cannot know."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from records.models.base import Base, UTCDateTime, utcnow


class CalendarDay(Base):
    """One day whose status differs from the public-holiday calendar.

    Each year the government announces swapped days (a Saturday worked to make a bridge
    holiday, a weekday given off) and, sometimes, extra days off. ``working`` says what the
    day is: True for a weekend day made a working day, False for a day off.
    """

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    #: The announcement, e.g. "Thông báo 6150/TB-BNV: làm bù thứ Bảy 22/8/2026".
    note: Mapped[str] = mapped_column(Text, default="")
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
