"""Audit events from web requests: the signed-in user, their address, the outcome."""

from __future__ import annotations

from typing import Any, NoReturn

from flask import Response, abort, g, request
from flask_login import current_user
from sqlalchemy.orm import Session

from records import audit as records_audit
from records.models import AuditEvent
from webapp.db_session import db_session
from webapp.services import services


def audit(
    action: str,
    *,
    object_type: str = "",
    object_id: object = "",
    outcome: str = "ok",
    level: str = "thuong",
    **detail: Any,
) -> AuditEvent:
    """Add an audit event to the request's session; it is committed with the request's work."""
    return _record(db_session(), action, object_type, object_id, outcome, level, detail)


def deny(
    action: str,
    *,
    answer: int | Response = 403,
    object_type: str = "",
    object_id: object = "",
    level: str = "thuong",
    **detail: Any,
) -> NoReturn:
    """Refuse the request with ``answer`` (a status, or a page made for the refusal) and
    audit the refusal.

    The audit event is written in a short transaction of its own, as the request's work is
    rolled back with its error answer (:mod:`webapp.db_session`).
    """
    audit_apart(
        action, object_type=object_type, object_id=object_id, outcome="denied", level=level,
        **detail,
    )  # fmt: skip
    abort(answer)


def audit_apart(
    action: str,
    *,
    object_type: str = "",
    object_id: object = "",
    outcome: str = "ok",
    level: str = "thuong",
    **detail: Any,
) -> None:
    """Write an audit event in a short transaction of its own, for a request that answers
    with an error: its work is rolled back first, the event is kept."""
    request_session = g.get("db_session")
    if request_session is not None:
        # Its work goes with the error answer; rolling it back now also frees SQLite's
        # write lock for the event's own transaction.
        request_session.rollback()
    with services().db.session() as session:
        _record(session, action, object_type, object_id, outcome, level, detail)


def _record(
    session: Session,
    action: str,
    object_type: str,
    object_id: object,
    outcome: str,
    level: str,
    detail: dict[str, Any],
) -> AuditEvent:
    user = current_user if current_user and current_user.is_authenticated else None
    return records_audit.record(
        session,
        user,
        action,
        object_type=object_type,
        object_id=object_id,
        outcome=outcome,
        ip=request.remote_addr or "",
        level=level,
        **detail,
    )
