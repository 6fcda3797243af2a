"""Deadline reminders, run periodically: requests, vetting answers, meetings' follow-up
tasks and transfers near or past their due date, and cases with signs of a crime not
transferred in time.

Each reminder has a dedup key made of the object, its due date and the stage, so running
this as often as we like sends each reminder once — and a new due date arms them again.
Due dates computed on an older working calendar (an administrator has since announced a
swapped day) are computed again first, as the petition sweep does for petitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from records import alerts, audit
from records.calendar import WorkingCalendar, local_date
from records.coordination import meetings, vetting
from records.models import Case, InfoRequest, Transfer
from records.requests import OPEN_STATUSES, default_due, mark_overdue
from records.transfer_rules import answer_due, referral_due
from records.transfers import awaiting_transfer_clause

#: Reminders go out this many days before the due date (and once it has passed).
DAYS_BEFORE: tuple[int, ...] = (3, 1)


@dataclass
class ReminderRun:
    marked_overdue: int = 0
    notifications: int = 0
    recomputed: int = 0


def stage(due: date, today: date) -> str | None:
    """Which reminder is due today: ``due_3``, ``due_1``, ``overdue`` or none."""
    left = (due - today).days
    if left < 0:
        return "overdue"
    for days in sorted(DAYS_BEFORE):
        if left <= days:
            return f"due_{days}"
    return None


def _moved(session: Session, kind: str, item: Transfer | InfoRequest, due: date) -> bool:
    """Give ``item`` its due date on the current calendar; audited when it moves."""
    previous = item.due_date
    item.due_date = due
    if due == previous:
        return False
    audit.record(
        session,
        None,
        f"{kind}.recompute",
        object_type=kind,
        object_id=item.id,
        level=item.confidentiality,
        previous=previous.isoformat(),
        due=due.isoformat(),
    )
    return True


def recompute(session: Session, calendar: WorkingCalendar, today: date) -> int:
    """Due dates computed on another calendar version, computed again; how many moved."""
    moved = 0
    stale_transfers = session.scalars(
        select(Transfer).where(
            Transfer.outcome == "dang_xu_ly",
            Transfer.calendar_version.is_not(None),
            Transfer.calendar_version != calendar.version,
        )
    )
    for transfer in stale_transfers:
        due = answer_due(transfer.received_date or transfer.sent_date, calendar)
        moved += _moved(session, "transfer", transfer, due)
        transfer.calendar_version = calendar.version
    stale_requests = session.scalars(
        select(InfoRequest).where(
            InfoRequest.status.in_(OPEN_STATUSES),
            InfoRequest.calendar_version.is_not(None),
            InfoRequest.calendar_version != calendar.version,
        )
    )
    for request in stale_requests:
        due = default_due(calendar, local_date(request.created_at))
        moved += _moved(session, "request", request, due)
        request.calendar_version = calendar.version
        if request.status == "overdue" and due >= today:
            request.status = "open"
    session.flush()
    return moved


def run(session: Session, today: date | None = None) -> ReminderRun:
    today = today or date.today()
    calendar = WorkingCalendar.load(session)
    result = ReminderRun(recomputed=recompute(session, calendar, today))
    result.marked_overdue = mark_overdue(session, today)
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
    for answer in vetting.answers_due_by(session, horizon):
        current = stage(answer.request.due_date, today)
        if current:
            result.notifications += alerts.vetting_deadline(session, answer, current)
    for task in meetings.follow_ups_due_by(session, horizon):
        current = stage(task.due_date, today)
        if current:
            result.notifications += alerts.follow_up_deadline(session, task, current)
    for case in session.scalars(select(Case).where(awaiting_transfer_clause())):
        due = referral_due(case, calendar)
        if due is not None and due < today:
            result.notifications += alerts.referral_overdue(session, case, f"{due:%d/%m/%Y}")
    return result
