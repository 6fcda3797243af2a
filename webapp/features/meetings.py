"""Coordination meetings and their follow-up tasks, loaded through the access policy."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models import FollowUp, Meeting, User
from records.policy import (
    FollowUpAction,
    MeetingAction,
    can_follow_up,
    can_meeting,
    follow_up_clause,
)
from webapp.actor import current_actor


def load_meeting(session: Session, meeting_id: int) -> Meeting:
    found = session.get(Meeting, meeting_id)
    if found is None or not can_meeting(current_actor(), MeetingAction.SEE, found):
        abort(404)
    return found


def load_follow_up(session: Session, task_id: int) -> FollowUp:
    found = session.get(FollowUp, task_id)
    if found is None or not can_follow_up(current_actor(), FollowUpAction.SEE, found):
        abort(404)
    return found


def visible_tasks(session: Session, user: User, meeting: Meeting) -> list[FollowUp]:
    return list(
        session.scalars(
            select(FollowUp)
            .where(FollowUp.meeting_id == meeting.id, follow_up_clause(user))
            .order_by(FollowUp.id)
        )
    )
