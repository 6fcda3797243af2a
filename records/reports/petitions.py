"""Petition figures: overdue and near-due petitions, and counts by kind, body, state and
period with the time taken to settle them.

A petition is *received* on ``received_on``; it is *settled* on the day of the decision
(complaint decision, denunciation conclusion) or, when there is none, the day it was
closed (forwarded, guided, filed, rejected, withdrawn, answered by investigators...). It is
*overdue* when it is still open and its current due date has passed — counted as at the
day of the report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from records.models import Agency, Petition
from records.petitions.codes import Kind
from records.policy import petition_clause
from records.reports.scope import Duration, Scope

#: The day a petition was settled: its decision, else its closing.
SETTLED_ON = func.coalesce(Petition.decided_on, Petition.closed_on)


@dataclass
class DuePetition:
    """A row of the list of overdue and near-due petitions."""

    id: int
    register_no: str
    kind: str
    agency: str
    state: str
    received_on: date
    due_on: date
    rule: str | None
    overdue: bool
    #: Working days past the due date (overdue), or left until it (near).
    working_days: int
    confidentiality: str


@dataclass
class KindRow:
    received: int = 0
    settled: int = 0
    open: int = 0
    overdue: int = 0
    time: Duration = field(default_factory=Duration)


@dataclass
class AgencyRow:
    received: int = 0
    settled: int = 0
    open: int = 0
    overdue: int = 0


@dataclass
class PetitionFigures:
    due: list[DuePetition]
    overdue_total: int
    near_total: int
    by_kind: dict[str, KindRow]
    by_agency: dict[str, AgencyRow]
    by_state: dict[str, int]
    received_by_bucket: dict[str, int]
    settled_by_bucket: dict[str, int]

    @property
    def totals(self) -> KindRow:
        total = KindRow()
        for row in self.by_kind.values():
            total.received += row.received
            total.settled += row.settled
            total.open += row.open
            total.overdue += row.overdue
            if row.time.count:
                total.time.count += row.time.count
                total.time.total += row.time.total
                total.time.longest = max(total.time.longest, row.time.longest)
        return total


def _visible(scope: Scope) -> list[Any]:
    """The access clause and the dashboard's filters."""
    conditions: list[Any] = [petition_clause(scope.user)]
    if scope.agency_id is not None:
        conditions.append(Petition.owner_agency_id == scope.agency_id)
    if scope.petition_kind:
        conditions.append(Petition.kind == scope.petition_kind)
    return conditions


def due_petitions(session: Session, scope: Scope, limit: int) -> tuple[list[DuePetition], int, int]:
    """Open petitions overdue or due within 3 working days, most urgent first (the earliest
    due date); with the number overdue and the number near due."""
    open_with_due = and_(
        *_visible(scope), Petition.closed_on.is_(None), Petition.due_on.is_not(None)
    )
    overdue = Petition.due_on < scope.today
    counts = session.execute(
        select(func.count(case((overdue, 1))), func.count(case((~overdue, 1)))).where(
            open_with_due, Petition.due_on <= scope.near_limit
        )
    ).one()
    rows = session.execute(
        select(Petition, Agency.code)
        .join(Agency, Agency.id == Petition.owner_agency_id)
        .where(open_with_due, Petition.due_on <= scope.near_limit)
        .order_by(Petition.due_on, Petition.id)
        .limit(limit)
    ).all()
    items = []
    for petition, agency in rows:
        late = petition.due_on < scope.today
        items.append(
            DuePetition(
                id=petition.id,
                register_no=petition.register_no,
                kind=petition.kind,
                agency=agency,
                state=petition.state,
                received_on=petition.received_on,
                due_on=petition.due_on,
                rule=petition.due_rule,
                overdue=late,
                working_days=scope.working_days(petition.due_on, scope.today)
                if late
                else scope.working_days(scope.today, petition.due_on),
                confidentiality=petition.confidentiality,
            )
        )
    return items, int(counts[0]), int(counts[1])


def petition_figures(
    session: Session, scope: Scope, codes: dict[int, str], limit: int
) -> PetitionFigures:
    """Every petition figure of the dashboard; ``codes`` maps agency ids to codes."""
    period = scope.period
    visible = _visible(scope)
    kinds = [scope.petition_kind] if scope.petition_kind else [kind.value for kind in Kind]
    by_kind: dict[str, KindRow] = {kind: KindRow() for kind in kinds}
    by_agency: dict[str, AgencyRow] = defaultdict(AgencyRow)
    by_state: dict[str, int] = defaultdict(int)
    received_by_bucket = {bucket.key: 0 for bucket in period.buckets()}
    settled_by_bucket = dict(received_by_bucket)

    received = session.execute(
        select(
            Petition.received_on, Petition.kind, Petition.owner_agency_id, Petition.state,
            func.count(),
        )
        .where(*visible, Petition.received_on.between(period.start, period.end))
        .group_by(
            Petition.received_on, Petition.kind, Petition.owner_agency_id, Petition.state
        )
    ).all()  # fmt: skip
    for received_on, kind, agency_id, state, count in received:
        by_kind.setdefault(kind, KindRow()).received += count
        by_agency[codes[agency_id]].received += count
        by_state[state] += count
        received_by_bucket[period.bucket_key(received_on)] += count

    settled = session.execute(
        select(
            Petition.received_on, SETTLED_ON, Petition.kind, Petition.owner_agency_id,
            func.count(),
        )
        .where(*visible, SETTLED_ON.between(period.start, period.end))
        .group_by(Petition.received_on, SETTLED_ON, Petition.kind, Petition.owner_agency_id)
    ).all()  # fmt: skip
    for received_on, settled_on, kind, agency_id, count in settled:
        row = by_kind.setdefault(kind, KindRow())
        row.settled += count
        row.time.add(scope.working_days(received_on, settled_on), count)
        by_agency[codes[agency_id]].settled += count
        settled_by_bucket[period.bucket_key(settled_on)] += count

    # As at the day of the report: petitions received by the end of the period, still open.
    still_open = session.execute(
        select(
            Petition.kind, Petition.owner_agency_id,
            func.count(), func.count(case((Petition.due_on < scope.today, 1))),
        )
        .where(*visible, Petition.received_on <= period.end, Petition.closed_on.is_(None))
        .group_by(Petition.kind, Petition.owner_agency_id)
    ).all()  # fmt: skip
    for kind, agency_id, count, overdue in still_open:
        row = by_kind.setdefault(kind, KindRow())
        row.open += count
        row.overdue += overdue
        by_agency[codes[agency_id]].open += count
        by_agency[codes[agency_id]].overdue += overdue

    due, overdue_total, near_total = due_petitions(session, scope, limit)
    return PetitionFigures(
        due=due,
        overdue_total=overdue_total,
        near_total=near_total,
        by_kind=by_kind,
        by_agency=dict(sorted(by_agency.items())),
        by_state=dict(by_state),
        received_by_bucket=received_by_bucket,
        settled_by_bucket=settled_by_bucket,
    )
