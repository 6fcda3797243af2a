"""The periodic deadline sweep: recompute, mark overdue, notify near and passed deadlines.

Run by the Celery beat task ``indexer.tasks.petition_deadlines``. Notifications carry a
dedup key per petition, event, rule and due date, so running the sweep again (or after an
outage) never repeats an alert, and a new due date (an extension) alerts again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from records import audit
from records.calendar import Unit
from records.deadlines import NEAR_DUE_WORKING_DAYS
from records.models import Petition, PetitionEvent, Transfer, User
from records.notification_titles import title
from records.notify import notify
from records.petitions import clock
from records.petitions.codes import State
from records.petitions.context import Context
from records.policy import Action, can_petition

PETITION_LINK = "/petitions/{id}"


@dataclass
class SweepResult:
    recomputed: int = 0
    overdue: int = 0
    near: int = 0
    notifications: int = 0
    transfers: int = 0  # petitions brought in step with their transfer


def _open_with_deadline():
    return select(Petition).where(Petition.due_on.is_not(None), Petition.closed_on.is_(None))


class _People:
    """Users looked up once per sweep: handlers, registrars, the leaders of each body."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.users: dict[int, User | None] = {}
        self.leaders: dict[int, list[User]] = {}

    def user(self, user_id: int) -> User | None:
        if user_id not in self.users:
            self.users[user_id] = self.session.get(User, user_id)
        return self.users[user_id]

    def leaders_of(self, agency_id: int) -> list[User]:
        if agency_id not in self.leaders:
            staff = self.session.scalars(
                select(User).where(User.agency_id == agency_id, User.active)
            )
            self.leaders[agency_id] = [user for user in staff if user.has_role("leader")]
        return self.leaders[agency_id]

    def recipients(self, petition: Petition, *, leaders: bool) -> list[User]:
        """The handler (else whoever registered it), and the body's leaders when overdue."""
        people: dict[int, User] = {}
        for user_id in (petition.handler_id, petition.created_by_id):
            user = self.user(user_id) if user_id else None
            if user is not None and user.active:
                people[user.id] = user
                break
        if leaders or not people:
            people.update({user.id: user for user in self.leaders_of(petition.owner_agency_id)})
        return [user for user in people.values() if can_petition(user, Action.SEE, petition)]


def _notify(
    session: Session, people: _People, petition: Petition, event: str, result: SweepResult
) -> None:
    due = petition.due_on.strftime("%d/%m/%Y") if petition.due_on else ""
    heading = title(
        "petition.overdue" if event == "overdue" else "petition.near",
        number=petition.register_no,
        rule=petition.due_rule,
        due=due,
    )
    key = f"petition:{petition.id}:{event}:{petition.due_rule}:{petition.due_on}"
    for user in people.recipients(petition, leaders=event == "overdue"):
        sent = notify(
            session,
            user,
            "deadline",
            heading,
            link=PETITION_LINK.format(id=petition.id),
            object_type="petition",
            object_id=petition.id,
            dedup_key=key,
        )
        result.notifications += sent is not None


def _note(session: Session, petition: Petition, action: str, today: date, **detail: object) -> None:
    session.add(
        PetitionEvent(
            petition_id=petition.id,
            action=action,
            from_state=petition.state,
            to_state=petition.state,
            happened_on=today,
            due_on=petition.due_on,
            due_rule=petition.due_rule,
            calendar_version=petition.calendar_version,
            detail=detail,
        )
    )


def _follow_transfers(session: Session, today: date, result: SweepResult) -> None:
    """Petitions sent to investigators follow their transfer: answered, or given more time."""
    rows = session.execute(
        select(Petition, Transfer)
        .join(Transfer, Transfer.petition_id == Petition.id)
        .where(Petition.state == State.TO_INVESTIGATION, Petition.closed_on.is_(None))
        .order_by(Transfer.id)
    ).all()
    latest = {petition.id: (petition, transfer) for petition, transfer in rows}
    for petition, transfer in latest.values():
        if not transfer.pending:
            petition.closed_on = transfer.outcome_date or today
            petition.due_on = None
            petition.overdue = False
            _note(session, petition, "transfer_answered", today, outcome=transfer.outcome)
            result.transfers += 1
        elif transfer.due_date != petition.due_on:
            previous = petition.due_on.isoformat() if petition.due_on else None
            petition.due_on = transfer.due_date
            petition.overdue = transfer.due_date < today
            _note(session, petition, "transfer_extended", today, previous=previous)
            result.transfers += 1


def run(session: Session, ctx: Context) -> SweepResult:
    result = SweepResult()
    today, calendar = ctx.today, ctx.calendar
    people = _People(session)
    _follow_transfers(session, today, result)
    # A transfer's answer date is the transfer's (its page may extend it): not recomputed here.
    stale = session.scalars(
        _open_with_deadline().where(
            Petition.calendar_version != calendar.version,
            Petition.state != State.TO_INVESTIGATION,
        )
    ).all()
    for petition in stale:
        before = petition.due_on
        clock.recompute(petition, ctx)
        if petition.due_on != before:
            previous = before.isoformat() if before else None
            _note(session, petition, "recompute", today, previous=previous)
            audit.record(
                session,
                None,
                "petition.recompute",
                object_type="petition",
                object_id=petition.id,
                level=petition.confidentiality,
                previous=previous,
                due_on=petition.due_on.isoformat() if petition.due_on else None,
            )
        result.recomputed += 1
    # Newly overdue: marked, written in the history, and notified (once: an alert already
    # sent for this rule and due date is never repeated, see the dedup key).
    for petition in session.scalars(
        _open_with_deadline().where(Petition.due_on < today, Petition.overdue.is_(False))
    ):
        petition.overdue = True
        _note(session, petition, "overdue", today)
        if petition.state != State.TO_INVESTIGATION:  # transfers have their own reminders
            _notify(session, people, petition, "overdue", result)
        result.overdue += 1
    near_limit = calendar.end_of_period(today, NEAR_DUE_WORKING_DAYS, Unit.WORKING_DAYS)
    for petition in session.scalars(
        _open_with_deadline().where(
            Petition.due_on >= today,
            Petition.due_on <= near_limit,
            Petition.state != State.TO_INVESTIGATION,
        )
    ):
        result.near += 1
        _notify(session, people, petition, "near", result)
    session.flush()
    return result
