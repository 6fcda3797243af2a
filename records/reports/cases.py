"""Case figures: the watch list (cases under a monitoring level, with their last activity)
and counts by status, kind, lead body and period.

Counts by status are the cases as they stand today; "opened" counts the cases created in
the period.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from records.calendar import local_date
from records.case_status import MONITORING_LEVELS
from records.models import Case, CaseEvent
from records.policy import case_clause
from records.reports.scope import Scope


@dataclass
class WatchedCase:
    id: int
    code: str
    title: str
    kind: str
    status: str
    monitoring_level: str
    agency: str
    last_activity: datetime | None
    last_event: str | None
    #: Calendar days since the last line of the case's timeline.
    idle_days: int | None
    crime_signs: bool
    confidentiality: str


@dataclass
class CaseAgencyRow:
    total: int = 0
    monitored: int = 0
    flagged: int = 0
    opened: int = 0


@dataclass
class CaseFigures:
    watch: list[WatchedCase]
    watch_total: int
    by_level: dict[str, int]
    by_status: dict[str, dict[str, int]]  # status -> kind -> cases
    by_agency: dict[str, CaseAgencyRow]
    opened_by_bucket: dict[str, int]


def visible_cases(scope: Scope) -> list[Any]:
    """The access clause and the dashboard's filters (lead body, kind of case)."""
    conditions: list[Any] = [case_clause(scope.user)]
    if scope.agency_id is not None:
        conditions.append(Case.lead_agency_id == scope.agency_id)
    if scope.case_kind:
        conditions.append(Case.kind == scope.case_kind)
    return conditions


def _watch_list(
    session: Session, scope: Scope, codes: dict[int, str], limit: int
) -> tuple[list[WatchedCase], int]:
    """Monitored cases, the highest monitoring level first, then the longest idle."""
    visible = [*visible_cases(scope), Case.monitoring_level.is_not(None)]
    latest = (
        select(CaseEvent.case_id, func.max(CaseEvent.at).label("at"))
        .group_by(CaseEvent.case_id)
        .subquery()
    )
    rank = case(
        {level: position for position, level in enumerate(MONITORING_LEVELS)},
        value=Case.monitoring_level,
        else_=len(MONITORING_LEVELS),
    )
    total = session.scalar(select(func.count()).select_from(Case).where(*visible)) or 0
    rows = session.execute(
        select(Case, latest.c.at)
        .outerjoin(latest, latest.c.case_id == Case.id)
        .where(*visible)
        .order_by(rank, latest.c.at.is_not(None), latest.c.at, Case.id)
        .limit(limit)
    ).all()
    last_kinds = _last_event_kinds(session, [row[0].id for row in rows])
    watch = [
        WatchedCase(
            id=item.id,
            code=item.code,
            title=item.title,
            kind=item.kind,
            status=item.status,
            monitoring_level=item.monitoring_level or "",
            agency=codes[item.lead_agency_id],
            last_activity=at,
            last_event=last_kinds.get(item.id),
            idle_days=(scope.today - local_date(at)).days if at else None,
            crime_signs=item.crime_signs_at is not None,
            confidentiality=item.confidentiality,
        )
        for item, at in rows
    ]
    return watch, total


def _last_event_kinds(session: Session, case_ids: list[int]) -> dict[int, str]:
    """The kind of the latest timeline line of each case."""
    if not case_ids:
        return {}
    ordered = (
        select(
            CaseEvent.case_id,
            CaseEvent.kind,
            func.row_number()
            .over(
                partition_by=CaseEvent.case_id, order_by=(CaseEvent.at.desc(), CaseEvent.id.desc())
            )
            .label("position"),
        )
        .where(CaseEvent.case_id.in_(case_ids))
        .subquery()
    )
    return dict(
        session.execute(
            select(ordered.c.case_id, ordered.c.kind).where(ordered.c.position == 1)
        ).all()
    )


def case_figures(session: Session, scope: Scope, codes: dict[int, str], limit: int) -> CaseFigures:
    visible = visible_cases(scope)
    start, end = scope.moments
    opened = (Case.created_at >= start) & (Case.created_at < end)
    by_status: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_level: dict[str, int] = {}
    by_agency: dict[str, CaseAgencyRow] = defaultdict(CaseAgencyRow)
    rows = session.execute(
        select(
            Case.status, Case.kind, Case.lead_agency_id, Case.monitoring_level,
            func.count(),
            func.count(case((Case.crime_signs_at.is_not(None), 1))),
            func.count(case((opened, 1))),
        )
        .where(*visible)
        .group_by(Case.status, Case.kind, Case.lead_agency_id, Case.monitoring_level)
    ).all()  # fmt: skip
    for status, kind, agency_id, level, count, flagged, new in rows:
        by_status[status][kind] += count
        agency = by_agency[codes[agency_id]]
        agency.total += count
        agency.flagged += flagged
        agency.opened += new
        if level is not None:
            agency.monitored += count
            by_level[level] = by_level.get(level, 0) + count
    opened_by_bucket = {bucket.key: 0 for bucket in scope.period.buckets()}
    for created in session.scalars(select(Case.created_at).where(*visible, opened)):
        opened_by_bucket[scope.period.bucket_key(local_date(created))] += 1
    watch, watch_total = _watch_list(session, scope, codes, limit)
    return CaseFigures(
        watch=watch,
        watch_total=watch_total,
        by_level={level: by_level[level] for level in MONITORING_LEVELS if level in by_level},
        by_status={status: dict(kinds) for status, kinds in by_status.items()},
        by_agency=dict(sorted(by_agency.items())),
        opened_by_bucket=opened_by_bucket,
    )
