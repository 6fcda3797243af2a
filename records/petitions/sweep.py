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
from records.models import Petition, PetitionEvent, User
from records.notify import notify
from records.petitions import clock
from records.petitions.context import Context
from records.policy import Action, can_petition

PETITION_LINK = "/petitions/{id}"


@dataclass
class SweepResult:
    recomputed: int = 0
    overdue: int = 0
    near: int = 0
    notifications: int = 0


def _open_with_deadline():
    return select(Petition).where(Petition.due_on.is_not(None), Petition.closed_on.is_(None))


def _recipients(session: Session, petition: Petition, *, leaders: bool) -> list[User]:
    people: dict[int, User] = {}
    for user_id in (petition.handler_id, petition.created_by_id):
        user = session.get(User, user_id) if user_id else None
        if user is not None:
            people[user.id] = user
            break  # the handler if there is one, else whoever registered it
    if leaders or not people:
        for user in session.scalars(
            select(User).where(User.agency_id == petition.owner_agency_id, User.active)
        ):
            if user.has_role("leader"):
                people[user.id] = user
    return [user for user in people.values() if can_petition(user, Action.SEE, petition)]


def _notify(session: Session, petition: Petition, event: str, result: SweepResult) -> None:
    due = petition.due_on.strftime("%d/%m/%Y") if petition.due_on else ""
    if event == "overdue":
        title = f"Đơn số {petition.register_no} đã quá hạn {petition.due_rule} ({due})"
    else:
        title = f"Đơn số {petition.register_no} sắp đến hạn {petition.due_rule} ({due})"
    key = f"petition:{petition.id}:{event}:{petition.due_rule}:{petition.due_on}"
    for user in _recipients(session, petition, leaders=event == "overdue"):
        sent = notify(
            session,
            user,
            "deadline",
            title,
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


def run(session: Session, ctx: Context) -> SweepResult:
    result = SweepResult()
    today, calendar = ctx.today, ctx.calendar
    stale = session.scalars(
        _open_with_deadline().where(Petition.calendar_version != calendar.version)
    ).all()
    for petition in stale:
        before = petition.due_on
        clock.recompute(petition, ctx)
        if petition.due_on != before:
            _note(
                session,
                petition,
                "recompute",
                today,
                previous=before.isoformat() if before else None,
            )
            audit.record(
                session,
                None,
                "petition.recompute",
                object_type="petition",
                object_id=petition.id,
                level=petition.confidentiality,
                previous=before.isoformat() if before else None,
                due_on=petition.due_on.isoformat() if petition.due_on else None,
            )
        result.recomputed += 1
    for petition in session.scalars(
        _open_with_deadline().where(Petition.due_on < today, Petition.overdue.is_(False))
    ):
        petition.overdue = True
        _note(session, petition, "overdue", today)
        result.overdue += 1
    for petition in session.scalars(_open_with_deadline().where(Petition.due_on < today)):
        _notify(session, petition, "overdue", result)
    near_limit = calendar.end_of_period(today, NEAR_DUE_WORKING_DAYS, Unit.WORKING_DAYS)
    for petition in session.scalars(
        _open_with_deadline().where(Petition.due_on >= today, Petition.due_on <= near_limit)
    ):
        result.near += 1
        _notify(session, petition, "near", result)
    session.flush()
    return result
