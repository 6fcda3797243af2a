"""Information requests between bodies: open requests overdue or due soon, and how the
requests sent in the period were answered — by the asked body, on time or late.

A request is *answered on time* when its answer came (in Vietnam) on or before its due
date — the due date in force when it was answered.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from records.calendar import local_date
from records.models import InfoRequest
from records.policy import request_clause
from records.reports.scope import Duration, Scope
from records.requests import OPEN_STATUSES


@dataclass
class DueRequest:
    id: int
    subject: str
    from_agency: str
    to_agency: str
    case_id: int | None
    due_date: date
    overdue: bool
    #: Working days past the due date (overdue), or left until it (near).
    working_days: int
    confidentiality: str


@dataclass
class RequestAgencyRow:
    sent: int = 0
    answered: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0
    withdrawn: int = 0


@dataclass
class RequestFigures:
    due: list[DueRequest]
    overdue_total: int
    near_total: int
    #: By the asked body.
    by_agency: dict[str, RequestAgencyRow]
    sent_by_bucket: dict[str, int]
    time: Duration = field(default_factory=Duration)

    @property
    def totals(self) -> RequestAgencyRow:
        total = RequestAgencyRow()
        for row in self.by_agency.values():
            for name in vars(total):
                setattr(total, name, getattr(total, name) + getattr(row, name))
        return total


def _visible(scope: Scope) -> list[Any]:
    conditions: list[Any] = [request_clause(scope.user)]
    if scope.agency_id is not None:
        conditions.append(
            (InfoRequest.from_agency_id == scope.agency_id)
            | (InfoRequest.to_agency_id == scope.agency_id)
        )
    return conditions


def due_requests(
    session: Session, scope: Scope, codes: dict[int, str], limit: int
) -> tuple[list[DueRequest], int, int]:
    """Open requests overdue or due within 3 working days, the earliest due first."""
    pending = and_(
        *_visible(scope),
        InfoRequest.status.in_(OPEN_STATUSES),
        InfoRequest.due_date <= scope.near_limit,
    )
    overdue = InfoRequest.due_date < scope.today
    counts = session.execute(
        select(func.count(case((overdue, 1))), func.count(case((~overdue, 1)))).where(pending)
    ).one()
    items = []
    for request in session.scalars(
        select(InfoRequest)
        .where(pending)
        .order_by(InfoRequest.due_date, InfoRequest.id)
        .limit(limit)
    ):
        late = request.due_date < scope.today
        items.append(
            DueRequest(
                id=request.id,
                subject=request.subject,
                from_agency=codes[request.from_agency_id],
                to_agency=codes[request.to_agency_id],
                case_id=request.case_id,
                due_date=request.due_date,
                overdue=late,
                working_days=scope.working_days(request.due_date, scope.today)
                if late
                else scope.working_days(scope.today, request.due_date),
                confidentiality=request.confidentiality,
            )
        )
    return items, int(counts[0]), int(counts[1])


def request_figures(
    session: Session, scope: Scope, codes: dict[int, str], limit: int
) -> RequestFigures:
    period = scope.period
    start, end = scope.moments
    by_agency: dict[str, RequestAgencyRow] = defaultdict(RequestAgencyRow)
    sent_by_bucket = {bucket.key: 0 for bucket in period.buckets()}
    time = Duration()
    sent = session.execute(
        select(
            InfoRequest.to_agency_id,
            InfoRequest.created_at,
            InfoRequest.answered_at,
            InfoRequest.due_date,
            InfoRequest.status,
        ).where(*_visible(scope), InfoRequest.created_at >= start, InfoRequest.created_at < end)
    ).all()
    for agency_id, created_at, answered_at, due_date, status in sent:
        row = by_agency[codes[agency_id]]
        row.sent += 1
        asked_on = local_date(created_at)
        sent_by_bucket[period.bucket_key(asked_on)] += 1
        if status == "answered" and answered_at is not None:
            answered_on = local_date(answered_at)
            row.answered += 1
            if answered_on <= due_date:
                row.on_time += 1
            else:
                row.late += 1
            time.add(scope.working_days(asked_on, answered_on))
        elif status in OPEN_STATUSES:
            row.open += 1
            row.overdue += due_date < scope.today
        else:
            row.withdrawn += 1
    due, overdue_total, near_total = due_requests(session, scope, codes, limit)
    return RequestFigures(
        due=due,
        overdue_total=overdue_total,
        near_total=near_total,
        by_agency=dict(sorted(by_agency.items())),
        sent_by_bucket=sent_by_bucket,
        time=time,
    )
