"""Transfers to investigators: how many were sent in the period, when, to whom and what
became of them; and the cases flagged with signs of a crime that were not transferred,
for how long (the pain the coordination regulation's review found).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from records.models import Case, Transfer
from records.policy import case_clause, transfer_clause
from records.reports.cases import visible_cases
from records.reports.scope import Duration, Scope
from records.transfer_rules import OUTCOMES, referral_due
from records.transfers import awaiting_transfer_clause

PENDING = "dang_xu_ly"


@dataclass
class TransferRow:
    id: int
    case_id: int | None
    case_code: str | None  # only when the user may see the case
    petition_id: int | None
    from_agency: str
    to_agency: str
    reference: str
    sent_date: date
    due_date: date
    outcome: str
    outcome_date: date | None
    overdue: bool
    #: Working days from sending to the answer (or to today while pending).
    working_days: int
    confidentiality: str


@dataclass
class AwaitingCase:
    id: int
    code: str
    title: str
    agency: str
    basis: str | None
    since: date | None
    #: Calendar days since the signs were found (or the conclusion signed).
    days: int | None
    due: date | None
    overdue: bool
    confidentiality: str


@dataclass
class TransferAgencyRow:
    sent: int = 0
    answered: int = 0
    pending: int = 0
    overdue: int = 0


@dataclass
class TransferFigures:
    rows: list[TransferRow]
    total: int
    by_outcome: dict[str, int]
    by_agency: dict[str, TransferAgencyRow]
    sent_by_bucket: dict[str, int]
    time: Duration
    #: Pending transfers whose answer is overdue today (sent by the end of the period).
    overdue_now: int
    awaiting: list[AwaitingCase]
    awaiting_total: int
    awaiting_overdue: int


def _visible(scope: Scope) -> list[Any]:
    conditions: list[Any] = [transfer_clause(scope.user)]
    if scope.agency_id is not None:
        conditions.append(
            (Transfer.from_agency_id == scope.agency_id)
            | (Transfer.to_agency_id == scope.agency_id)
        )
    if scope.case_kind:
        conditions.append(Transfer.case_id.in_(select(Case.id).where(Case.kind == scope.case_kind)))
    return conditions


def awaiting_cases(
    session: Session, scope: Scope, codes: dict[int, str], limit: int
) -> tuple[list[AwaitingCase], int, int]:
    """Flagged cases without a transfer, the longest waiting first."""
    flagged = session.scalars(
        select(Case)
        .where(*visible_cases(scope), awaiting_transfer_clause())
        .order_by(Case.crime_signs_since, Case.crime_signs_at, Case.id)
    ).all()
    items = []
    for item in flagged:
        due = referral_due(item, scope.calendar)
        items.append(
            AwaitingCase(
                id=item.id,
                code=item.code,
                title=item.title,
                agency=codes[item.lead_agency_id],
                basis=item.crime_signs_basis,
                since=item.crime_signs_since,
                days=(scope.today - item.crime_signs_since).days
                if item.crime_signs_since
                else None,
                due=due,
                overdue=due is not None and due < scope.today,
                confidentiality=item.confidentiality,
            )
        )
    overdue = sum(1 for item in items if item.overdue)
    return items[:limit], len(items), overdue


def transfer_figures(
    session: Session, scope: Scope, codes: dict[int, str], limit: int
) -> TransferFigures:
    period = scope.period
    visible = _visible(scope)
    in_period = Transfer.sent_date.between(period.start, period.end)
    sent = session.scalars(
        select(Transfer).where(*visible, in_period).order_by(Transfer.sent_date, Transfer.id)
    ).all()
    case_codes = dict(
        session.execute(
            select(Case.id, Case.code).where(
                Case.id.in_({t.case_id for t in sent if t.case_id}), case_clause(scope.user)
            )
        ).all()
    )
    by_outcome = {outcome: 0 for outcome in OUTCOMES}
    by_agency: dict[str, TransferAgencyRow] = defaultdict(TransferAgencyRow)
    sent_by_bucket = {bucket.key: 0 for bucket in period.buckets()}
    time = Duration()
    rows = []
    for transfer in sent:
        pending = transfer.outcome == PENDING
        overdue = pending and transfer.due_date < scope.today
        ended = scope.today if pending else transfer.outcome_date or scope.today
        days = scope.working_days(transfer.sent_date, ended)
        if not pending:
            time.add(days)
        by_outcome[transfer.outcome] = by_outcome.get(transfer.outcome, 0) + 1
        row = by_agency[codes[transfer.to_agency_id]]
        row.sent += 1
        row.answered += not pending
        row.pending += pending
        row.overdue += overdue
        sent_by_bucket[period.bucket_key(transfer.sent_date)] += 1
        rows.append(
            TransferRow(
                id=transfer.id,
                case_id=transfer.case_id,
                case_code=case_codes.get(transfer.case_id),
                petition_id=transfer.petition_id,
                from_agency=codes[transfer.from_agency_id],
                to_agency=codes[transfer.to_agency_id],
                reference=transfer.reference,
                sent_date=transfer.sent_date,
                due_date=transfer.due_date,
                outcome=transfer.outcome,
                outcome_date=transfer.outcome_date,
                overdue=overdue,
                working_days=days,
                confidentiality=transfer.confidentiality,
            )
        )
    overdue_now = session.scalar(
        select(func.count())
        .select_from(Transfer)
        .where(
            *visible,
            Transfer.sent_date <= period.end,
            Transfer.outcome == PENDING,
            Transfer.due_date < scope.today,
        )
    )
    awaiting, awaiting_total, awaiting_overdue = awaiting_cases(session, scope, codes, limit)
    rows.sort(key=lambda row: (row.sent_date, row.id), reverse=True)
    return TransferFigures(
        rows=rows[:limit],
        total=len(sent),
        by_outcome=by_outcome,
        by_agency=dict(sorted(by_agency.items())),
        sent_by_bucket=sent_by_bucket,
        time=time,
        overdue_now=int(overdue_now or 0),
        awaiting=awaiting,
        awaiting_total=awaiting_total,
        awaiting_overdue=awaiting_overdue,
    )
