"""Writing the audit log. Every view, download, search, export, change, login and
permission change goes through :func:`record`."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from records.models import AuditEvent, User


def record(
    session: Session,
    user: User | None,
    action: str,
    *,
    object_type: str = "",
    object_id: object = "",
    outcome: str = "ok",
    ip: str = "",
    level: str = "thuong",
    **detail: Any,
) -> AuditEvent:
    """Add one audit event to the session (it is committed with the caller's work)."""
    event = AuditEvent(
        user_id=user.id if user else None,
        username=user.username if user else "",
        agency_code=user.agency.code if user and user.agency else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id != "" else "",
        outcome=outcome,
        ip=ip,
        level=level,
        detail=detail,
    )
    session.add(event)
    return event
