"""The audit log's filters, read from a request's query string (its page and its API)."""

from __future__ import annotations

from datetime import date

from flask import abort, request

from records.audit import AuditFilters


def filters_from_args() -> AuditFilters:
    args = request.args
    return AuditFilters(
        username=args.get("user", "").strip(),
        agency=args.get("agency", "").strip(),
        action=args.get("action", "").strip(),
        object_type=args.get("object_type", "").strip(),
        object_id=args.get("object_id", "").strip(),
        outcome=args.get("outcome", "").strip(),
        level=args.get("level", "").strip(),
        date_from=_date(args.get("date_from")),
        date_to=_date(args.get("date_to")),
    )


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        abort(400)
