"""A coordination scorecard per body and period: how each body carried the regulation out —
information requests it was asked (answered on time, late, still open; median answer time in
working days), meeting conclusions given to it, cases it proposed for the monitoring list,
transfers to investigators it made and their outcomes, petitions it forwarded and whether
within the limit running at the time.

Figures count only objects at or below the viewer's clearance; which bodies a viewer may see
is :func:`records.policy.scorecard_agency_ids`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.calendar import Unit, WorkingCalendar, local_date
from records.codes import levels_up_to
from records.models import (
    Case,
    FollowUp,
    InfoRequest,
    Meeting,
    Petition,
    PetitionEvent,
    Proposal,
    Transfer,
    User,
)
from records.reports import Period, Scope


@dataclass
class BodyScore:
    agency_id: int
    requests_received: int = 0
    requests_on_time: int = 0
    requests_late: int = 0
    requests_open: int = 0
    requests_overdue: int = 0
    answer_days: list[int] = field(default_factory=list)
    tasks_given: int = 0
    tasks_on_time: int = 0
    tasks_late: int = 0
    tasks_open: int = 0
    tasks_overdue: int = 0
    transfers_sent: int = 0
    transfer_outcomes: Counter[str] = field(default_factory=Counter)
    transfers_overdue: int = 0
    proposals_made: int = 0
    proposals_approved: int = 0
    petitions_forwarded: int = 0
    forwarded_on_time: int = 0
    forwarded_late: int = 0

    @property
    def median_answer_days(self) -> float | None:
        return float(median(self.answer_days)) if self.answer_days else None


def _requests(session: Session, scope: Scope, scores: dict[int, BodyScore]) -> None:
    """Requests each body was asked in the period (withdrawn ones left out)."""
    start, end = scope.moments
    rows = session.execute(
        select(
            InfoRequest.to_agency_id,
            InfoRequest.created_at,
            InfoRequest.answered_at,
            InfoRequest.due_date,
            InfoRequest.status,
        ).where(
            InfoRequest.to_agency_id.in_(scores),
            InfoRequest.confidentiality.in_(levels_up_to(scope.user.clearance)),
            InfoRequest.status != "withdrawn",
            InfoRequest.created_at >= start,
            InfoRequest.created_at < end,
        )
    )
    for agency_id, created_at, answered_at, due, status in rows:
        asked_on = local_date(created_at)
        score = scores[agency_id]
        score.requests_received += 1
        if status == "answered" and answered_at is not None:
            answered_on = local_date(answered_at)
            if answered_on <= due:
                score.requests_on_time += 1
            else:
                score.requests_late += 1
            score.answer_days.append(
                scope.calendar.units_between(asked_on, answered_on, Unit.WORKING_DAYS)
            )
        else:
            score.requests_open += 1
            score.requests_overdue += due < scope.today


def _tasks(session: Session, scope: Scope, scores: dict[int, BodyScore]) -> None:
    """Tasks given to each body by meetings held in the period (cancelled ones left out)."""
    rows = session.execute(
        select(FollowUp.agency_id, FollowUp.status, FollowUp.due_date, FollowUp.done_at)
        .join(Meeting, FollowUp.meeting_id == Meeting.id)
        .where(
            FollowUp.agency_id.in_(scores),
            FollowUp.status != "cancelled",
            Meeting.confidentiality.in_(levels_up_to(scope.user.clearance)),
            Meeting.held_on >= scope.period.start,
            Meeting.held_on <= scope.period.end,
        )
    )
    for agency_id, status, due, done_at in rows:
        score = scores[agency_id]
        score.tasks_given += 1
        if status == "done" and done_at is not None:
            if local_date(done_at) <= due:
                score.tasks_on_time += 1
            else:
                score.tasks_late += 1
        else:
            score.tasks_open += 1
            score.tasks_overdue += due < scope.today


def _transfers(session: Session, scope: Scope, scores: dict[int, BodyScore]) -> None:
    """Transfers to investigators each body sent in the period, by outcome."""
    rows = session.execute(
        select(Transfer.from_agency_id, Transfer.outcome, Transfer.due_date).where(
            Transfer.from_agency_id.in_(scores),
            Transfer.confidentiality.in_(levels_up_to(scope.user.clearance)),
            Transfer.sent_date >= scope.period.start,
            Transfer.sent_date <= scope.period.end,
        )
    )
    for agency_id, outcome, due in rows:
        score = scores[agency_id]
        score.transfers_sent += 1
        score.transfer_outcomes[outcome] += 1
        score.transfers_overdue += outcome == "dang_xu_ly" and due < scope.today


def _proposals(session: Session, scope: Scope, scores: dict[int, BodyScore]) -> None:
    """Cases each body proposed for the monitoring list in the period, and how many the
    Standing Committee approved."""
    start, end = scope.moments
    rows = session.execute(
        select(Proposal.agency_id, Proposal.status)
        .join(Case, Proposal.case_id == Case.id)
        .where(
            Proposal.agency_id.in_(scores),
            Case.confidentiality.in_(levels_up_to(scope.user.clearance)),
            Proposal.created_at >= start,
            Proposal.created_at < end,
        )
    )
    for agency_id, status in rows:
        scores[agency_id].proposals_made += 1
        scores[agency_id].proposals_approved += status == "approved"


def _forwarded(session: Session, scope: Scope, scores: dict[int, BodyScore]) -> None:
    """Petitions each body forwarded in the period; on time when forwarded by the due date
    its clock showed before the step (K2, T1… on the working calendar)."""
    events = session.execute(
        select(PetitionEvent.id, PetitionEvent.petition_id, PetitionEvent.happened_on,
               Petition.owner_agency_id)
        .join(Petition, PetitionEvent.petition_id == Petition.id)
        .where(
            PetitionEvent.action == "forward",
            Petition.owner_agency_id.in_(scores),
            Petition.confidentiality.in_(levels_up_to(scope.user.clearance)),
            PetitionEvent.happened_on >= scope.period.start,
            PetitionEvent.happened_on <= scope.period.end,
        )
    ).all()  # fmt: skip
    for event_id, petition_id, happened_on, agency_id in events:
        due = session.scalar(
            select(PetitionEvent.due_on)
            .where(
                PetitionEvent.petition_id == petition_id,
                PetitionEvent.id < event_id,
                PetitionEvent.due_on.is_not(None),
            )
            .order_by(PetitionEvent.id.desc())
            .limit(1)
        )
        score = scores[agency_id]
        score.petitions_forwarded += 1
        if due is not None:
            if happened_on <= due:
                score.forwarded_on_time += 1
            else:
                score.forwarded_late += 1


def scorecard(
    session: Session,
    viewer: User,
    period: Period,
    calendar: WorkingCalendar,
    today: date,
    agency_ids: list[int],
) -> list[BodyScore]:
    """The scores of ``agency_ids`` (those ``viewer`` may see) over ``period``."""
    scope = Scope(viewer, period, today, calendar)
    scores = {agency_id: BodyScore(agency_id) for agency_id in agency_ids}
    if scores:
        _requests(session, scope, scores)
        _tasks(session, scope, scores)
        _transfers(session, scope, scores)
        _proposals(session, scope, scores)
        _forwarded(session, scope, scores)
    return list(scores.values())
