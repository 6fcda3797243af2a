"""The columns of one audit event, shared by :func:`records.audit.record` (ORM) and the Core
writers of fast reads (``hoso doc show``), so both log the same row. Core only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    """Who acts, as the audit log names them."""

    id: int
    username: str
    agency_code: str


def event_values(
    actor: Actor | None,
    action: str,
    *,
    object_type: str = "",
    object_id: object = "",
    outcome: str = "ok",
    ip: str = "",
    level: str = "thuong",
    detail: dict[str, Any],
) -> dict[str, Any]:
    """The values of an ``audit_events`` row (``at`` apart: it is the moment of writing)."""
    return {
        "user_id": actor.id if actor else None,
        "username": actor.username if actor else "",
        "agency_code": actor.agency_code if actor else "",
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id) if object_id != "" else "",
        "outcome": outcome,
        "ip": ip,
        "level": level,
        "detail": detail,
    }
