"""The registry of bodies: the nine coordinating bodies, the commission, and others."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from records.models.base import Base, JSONType


class Agency(Base):
    """A body. Names change (the 2025 mergers), so an agency has validity dates and a
    successor, and keeps the aliases and abbreviations old documents still carry."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str] = mapped_column(String(255), default="")
    abbreviation: Mapped[str] = mapped_column(String(32), default="")
    aliases: Mapped[list[str]] = mapped_column(JSONType, default=list)
    #: One of the bodies bound by the coordination regulation ("all coordinating bodies").
    coordinating: Mapped[bool] = mapped_column(Boolean, default=True)
    #: May receive transfers of cases with signs of crime (police, procuracy).
    investigative: Mapped[bool] = mapped_column(Boolean, default=False)
    #: How hoso numbers this body's cases (``records.case_codes``); "" is the default pattern.
    case_code_pattern: Mapped[str] = mapped_column(String(64), default="", server_default="")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))

    successor: Mapped[Agency | None] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"<Agency {self.code}>"
