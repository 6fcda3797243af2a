"""The append-only audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from records.models.base import Base, JSONType, UTCDateTime, utcnow


class AuditEvent(Base):
    """Who did what to which object, when, from where, and how it ended.

    Rows are never changed or removed: on PostgreSQL a trigger refuses UPDATE, DELETE and
    TRUNCATE; the ORM refuses them on every database.
    ``level`` is the confidentiality of the object, so the log inherits it.
    """

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_at", "at"),
        Index("ix_audit_events_object", "object_type", "object_id"),
        Index("ix_audit_events_level", "level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    username: Mapped[str] = mapped_column(String(64), default="")
    agency_code: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str] = mapped_column(String(32), default="")
    object_id: Mapped[str] = mapped_column(String(64), default="")
    outcome: Mapped[str] = mapped_column(String(16), default="ok")  # ok | denied | error
    ip: Mapped[str] = mapped_column(String(64), default="")
    level: Mapped[str] = mapped_column(String(16), default="thuong")
    detail: Mapped[dict[str, object]] = mapped_column(JSONType, default=dict)


class AuditLogIsAppendOnly(Exception):
    """Raised when code tries to change or remove an audit event."""


@event.listens_for(Session, "before_flush")
def _refuse_changed_events(session: Session, _context: object, _instances: object) -> None:
    """The ORM refuses too, so SQLite (which has no trigger here) keeps the log intact."""
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditLogIsAppendOnly(f"audit event {obj.id} cannot be changed or removed")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_statements(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and any(
        mapper.class_ is AuditEvent for mapper in state.all_mappers
    ):
        raise AuditLogIsAppendOnly("UPDATE and DELETE of audit events are refused")
