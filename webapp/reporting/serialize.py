"""The dashboard as JSON (REST API, ``hoso report dashboard --json``): codes, numbers and
ISO dates; the lists hold only what the caller may see, like the page."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date, datetime
from typing import Any

from records.reports import Dashboard, Duration


def plain(value: Any) -> Any:
    """Dataclasses, dicts, lists and dates as JSON values (a duration with its average)."""
    if isinstance(value, Duration):
        return {
            "count": value.count,
            "average_working_days": value.average,
            "longest_working_days": value.longest if value.count else None,
        }
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def dashboard_json(dashboard: Dashboard, agency_code: str | None) -> dict[str, Any]:
    scope = dashboard.scope
    petitions = plain(dashboard.petitions)
    petitions["totals"] = plain(dashboard.petitions.totals)
    requests = plain(dashboard.requests)
    requests["totals"] = plain(dashboard.requests.totals)
    return {
        "scope": {
            "period": scope.period.code,
            "period_kind": scope.period.kind.value,
            "start": scope.period.start.isoformat(),
            "end": scope.period.end.isoformat(),
            "today": scope.today.isoformat(),
            "agency": agency_code,
            "petition_kind": scope.petition_kind,
            "case_kind": scope.case_kind,
            "calendar_version": scope.calendar.version,
        },
        "petitions": petitions,
        "cases": plain(dashboard.cases),
        "transfers": plain(dashboard.transfers),
        "requests": requests,
        "by_period": [
            {
                "period": row.bucket.key,
                "start": row.bucket.start.isoformat(),
                "end": row.bucket.end.isoformat(),
                "petitions_received": row.petitions_received,
                "petitions_settled": row.petitions_settled,
                "cases_opened": row.cases_opened,
                "transfers_sent": row.transfers_sent,
                "requests_sent": row.requests_sent,
            }
            for row in dashboard.by_bucket
        ],
    }
