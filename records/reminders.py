"""Deadline reminders, run periodically: requests and transfers near or past their due
date, and cases with signs of a crime not transferred in time.

Each reminder has a dedup key made of the object, its due date and the stage, so running
this as often as we like sends each reminder once — and a new due date arms them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from records import alerts
from records.models import Case, InfoRequest, Transfer
from records.requests import OPEN_STATUSES, mark_overdue
from records.transfer_rules import referral_due
from records.transfers import awaiting_transfer_clause

#: Reminders go out this many days before the due date (and once it has passed).
DAYS_BEFORE: tuple[int, ...] = (3, 1)


@dataclass
class ReminderRun:
    marked_overdue: int = 0
    notifications: int = 0


def stage(due: date, today: date) -> str | None:
    """Which reminder is due today: ``due_3``, ``due_1``, ``overdue`` or none."""
    left = (due - today).days
    if left < 0:
        return "overdue"
    for days in sorted(DAYS_BEFORE):
        if left <= days:
            return f"due_{days}"
    return None


def run(session: Session, today: date | None = None) -> ReminderRun:
    today = today or date.today()
    result = ReminderRun(marked_overdue=mark_overdue(session, today))
    horizon = date.fromordinal(today.toordinal() + max(DAYS_BEFORE))
    requests = session.scalars(
        select(InfoRequest).where(
            InfoRequest.status.in_(OPEN_STATUSES), InfoRequest.due_date <= horizon
        )
    )
    for request in requests:
        current = stage(request.due_date, today)
        if current:
            result.notifications += alerts.request_deadline(session, request, current)
    transfers = session.scalars(
        select(Transfer).where(Transfer.outcome == "dang_xu_ly", Transfer.due_date <= horizon)
    )
    for transfer in transfers:
        current = stage(transfer.due_date, today)
        if current:
            case = session.get(Case, transfer.case_id) if transfer.case_id else None
            result.notifications += alerts.transfer_deadline(session, transfer, case, current)
    for case in session.scalars(select(Case).where(awaiting_transfer_clause())):
        due = referral_due(case)
        if due is not None and due < today:
            result.notifications += alerts.referral_overdue(session, case, f"{due:%d/%m/%Y}")
    return result
