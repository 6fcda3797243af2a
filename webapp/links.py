"""Links to pages other features may or may not provide (the document page, editing),
so a page links to them only when they exist in this app."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, url_for

#: Times are stored in UTC and shown in Vietnam's time.
LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def has_endpoint(endpoint: str) -> bool:
    return endpoint in current_app.view_functions


def document_url(document_id: int) -> str | None:
    """The document page (``search.document``) when the app has it."""
    if not has_endpoint("search.document"):
        return None
    rule = next(current_app.url_map.iter_rules("search.document"))
    (argument,) = rule.arguments or ("id",)
    return url_for("search.document", **{argument: document_id})


def when(moment: datetime | None, seconds: bool = False) -> str:
    """A stored (UTC) time as Vietnam's local ``dd/mm/yyyy hh:mm`` (``:ss`` with seconds)."""
    if moment is None:
        return ""
    return moment.astimezone(LOCAL_TIME).strftime("%d/%m/%Y %H:%M" + (":%S" if seconds else ""))


def vndate(day: date | datetime | str | None) -> str:
    """A day as Vietnamese write it, ``dd/mm/yyyy``: a stored moment's day in Vietnam, or
    an ISO day or moment as kept in event details and the search index (anything else is
    shown as it is)."""
    if not day:
        return ""
    if isinstance(day, str):
        parsed = _from_iso(day)
        if parsed is None:
            return day
        day = parsed
    if isinstance(day, datetime):
        day = day.astimezone(LOCAL_TIME).date() if day.tzinfo else day.date()
    return day.strftime("%d/%m/%Y")


def _from_iso(text: str) -> date | datetime | None:
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            continue
    return None
