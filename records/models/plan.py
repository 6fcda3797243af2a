"""Yearly inspection and supervision plans of the bodies, and the overlaps between them that
the Commission resolves before the plans are approved."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from records.models.agency import Agency
from records.models.base import Base, UTCDateTime, utcnow


class PlanItem(Base):
    """One inspection or supervision a body plans for ``year``: the unit inspected, the
    subject, the months it runs, the team. ``status`` draft -> approved."""

    __tablename__ = "plan_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(16), default="thanh_tra")
    unit_name: Mapped[str] = mapped_column(String(255))
    #: The inspected unit found in the table of bodies (by name, abbreviation or alias).
    unit_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    #: The unit's name folded (no diacritics, lower case), compared when it is not in the table.
    unit_key: Mapped[str] = mapped_column(String(255), index=True)
    subject: Mapped[str] = mapped_column(Text)
    subject_key: Mapped[str] = mapped_column(Text)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    team: Mapped[str] = mapped_column(Text, default="")
    confidentiality: Mapped[str] = mapped_column(String(16), default="thuong")
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    agency: Mapped[Agency] = relationship(foreign_keys=[agency_id])
    unit_agency: Mapped[Agency | None] = relationship(foreign_keys=[unit_agency_id])


class PlanOverlap(Base):
    """Two bodies' plan items that overlap (``reason``: unit — the same unit in overlapping
    months; subject — the same subject at the same unit in the same year). ``status`` open ->
    resolved (the Commission's decision in ``resolution``)."""

    __tablename__ = "plan_overlaps"
    __table_args__ = (UniqueConstraint("first_id", "second_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    first_id: Mapped[int] = mapped_column(
        ForeignKey("plan_items.id", ondelete="CASCADE"), index=True
    )
    second_id: Mapped[int] = mapped_column(
        ForeignKey("plan_items.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    found_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    first: Mapped[PlanItem] = relationship(foreign_keys=[first_id])
    second: Mapped[PlanItem] = relationship(foreign_keys=[second_id])
