"""Audit events from web requests: the signed-in user, their address, the outcome."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_login import current_user

from records import audit as records_audit
from records.models import AuditEvent
from webapp.db_session import db_session


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
    user = current_user if current_user and current_user.is_authenticated else None
    return records_audit.record(
        db_session(),
        user,
        action,
        object_type=object_type,
        object_id=object_id,
        outcome=outcome,
        ip=request.remote_addr or "",
        level=level,
        **detail,
    )
