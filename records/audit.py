"""The audit log: writing it (every view, download, search, export, change, login and
permission change goes through :func:`record`, or for a Core fast read through the same
:func:`records.audit_entry.event_values`) and reading it (:func:`events_query`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from records.audit_entry import Actor, event_values
from records.models import AuditEvent, User
from records.policy.accounts import audit_clause


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
    actor = Actor(user.id, user.username, user.agency.code if user.agency else "") if user else None
    event = AuditEvent(
        **event_values(
            actor,
            action,
            object_type=object_type,
            object_id=object_id,
            outcome=outcome,
            ip=ip,
            level=level,
            detail=detail,
        )
    )
    session.add(event)
    return event


@dataclass(frozen=True)
class AuditFilters:
    """What an auditor narrows the log to; empty values do not filter."""

    username: str = ""
    agency: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    outcome: str = ""
    level: str = ""
    date_from: date | None = None
    date_to: date | None = None


def events_query(reader: User, filters: AuditFilters) -> Select[tuple[AuditEvent]]:
    """The audit events ``reader`` may read (``records.policy.audit_clause``), filtered,
    newest first."""
    query = select(AuditEvent).where(audit_clause(reader))
    if filters.username:
        query = query.where(AuditEvent.username == filters.username)
    if filters.agency:
        query = query.where(AuditEvent.agency_code == filters.agency)
    if filters.action:
        # "login" also finds "login.lockout": actions are dotted families.
        query = query.where(
            or_(
                AuditEvent.action == filters.action,
                AuditEvent.action.startswith(filters.action + "."),
            )
        )
    if filters.object_type:
        query = query.where(AuditEvent.object_type == filters.object_type)
    if filters.object_id:
        query = query.where(AuditEvent.object_id == filters.object_id)
    if filters.outcome:
        query = query.where(AuditEvent.outcome == filters.outcome)
    if filters.level:
        query = query.where(AuditEvent.level == filters.level)
    if filters.date_from:
        query = query.where(AuditEvent.at >= _day_start(filters.date_from))
    if filters.date_to:
        query = query.where(AuditEvent.at < _day_start(filters.date_to + timedelta(days=1)))
    return query.order_by(AuditEvent.id.desc())


#: Keys of an entry's detail that list the ids of documents it names: the hits a search or
#: its suggestions showed, the documents sent with a request or a transfer, those exported.
#: The entry's text (a query typed, a title) may carry what those documents say.
DOCUMENT_LISTS = ("shown", "documents", "document_ids", "ids")


def documents_in(detail: dict[str, Any]) -> set[int]:
    """The ids of the documents an entry's ``detail`` names: its ``document_id`` and the
    lists of :data:`DOCUMENT_LISTS` (a count, as ``shown`` is for a list page, names none)."""
    found = {detail.get("document_id")}
    for key in DOCUMENT_LISTS:
        if isinstance(listed := detail.get(key), list):
            found.update(listed)
    return {item for item in found if isinstance(item, int) and not isinstance(item, bool)}


def named_documents(event: AuditEvent) -> set[int]:
    """The documents an event names (its object, the document of a case entry, the hits of
    a search…), whose file names, fields or words its detail may carry."""
    named = documents_in(event.detail)
    if event.object_type == "document" and event.object_id.isdigit():
        named.add(int(event.object_id))
    return named


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


CSV_COLUMNS = (
    "id",
    "at",
    "username",
    "agency_code",
    "action",
    "object_type",
    "object_id",
    "outcome",
    "ip",
    "level",
    "detail",
)


def csv_rows(events: Iterable[AuditEvent]) -> Iterator[list[str]]:
    """The export's rows, header first; detail as JSON."""
    yield list(CSV_COLUMNS)
    for event in events:
        yield [
            _cell(value)
            for value in (
                str(event.id),
                event.at.isoformat(),
                event.username,
                event.agency_code,
                event.action,
                event.object_type,
                event.object_id,
                event.outcome,
                event.ip,
                event.level,
                json.dumps(event.detail, ensure_ascii=False, sort_keys=True),
            )
        ]


def _cell(value: str) -> str:
    """Neutralise text a spreadsheet would run as a formula (a tried username, a filename)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
