"""Who may see and act on coordination meetings (giao ban) and their follow-up tasks.

The Commission chairs the meetings: its leaders and officers schedule them, draft the agenda,
record attendance, the minutes and the conclusions, and report to the Standing Committee;
all its staff read them. An invited body's staff read the meeting. A follow-up task is read
by the Commission and by the body it is given to, whose leaders and officers report it done.
Nothing is seen above one's clearance.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ColumnElement, and_, exists, false, select, true

from records.codes import clearance_rank, levels_up_to
from records.models import FollowUp, Meeting, MeetingBody, User
from records.policy.cases import MONITORING_BODY

READER_ROLES = ("leader", "officer", "clerk", "viewer")
ACTOR_ROLES = ("leader", "officer")


class MeetingAction(StrEnum):
    SEE = "see"
    MANAGE = "manage"  # agenda, attendance, minutes, conclusions, report


class FollowUpAction(StrEnum):
    SEE = "see"
    COMPLETE = "complete"
    MANAGE = "manage"  # move the due date, cancel


def _commission(user: User) -> bool:
    return user.agency is not None and user.agency.code == MONITORING_BODY


def _reads(user: User, level: str) -> bool:
    return (
        user.active
        and user.has_role(*READER_ROLES)
        and clearance_rank(user.clearance) >= clearance_rank(level)
    )


def can_schedule(user: User) -> bool:
    return user.active and _commission(user) and user.has_role(*ACTOR_ROLES)


def can_meeting(user: User, action: MeetingAction, meeting: Meeting) -> bool:
    if not _reads(user, meeting.confidentiality):
        return False
    if action is MeetingAction.SEE:
        return _commission(user) or any(b.agency_id == user.agency_id for b in meeting.bodies)
    if action is MeetingAction.MANAGE:
        return can_schedule(user)
    return False


def can_follow_up(user: User, action: FollowUpAction, task: FollowUp) -> bool:
    if not _reads(user, task.meeting.confidentiality):
        return False
    if action is FollowUpAction.SEE:
        return _commission(user) or task.agency_id == user.agency_id
    if action is FollowUpAction.COMPLETE:
        return task.agency_id == user.agency_id and user.has_role(*ACTOR_ROLES)
    if action is FollowUpAction.MANAGE:
        return can_schedule(user)
    return False


def meeting_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the meetings ``user`` may see."""
    if not (user.active and user.has_role(*READER_ROLES)):
        return false()
    invited = exists(
        select(MeetingBody.id).where(
            MeetingBody.meeting_id == Meeting.id, MeetingBody.agency_id == user.agency_id
        )
    )
    return and_(
        Meeting.confidentiality.in_(levels_up_to(user.clearance)),
        true() if _commission(user) else invited,
    )


def follow_up_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the follow-up tasks ``user`` may see."""
    if not (user.active and user.has_role(*READER_ROLES)):
        return false()
    levels = levels_up_to(user.clearance)
    visible = exists(
        select(Meeting.id).where(
            Meeting.id == FollowUp.meeting_id, Meeting.confidentiality.in_(levels)
        )
    )
    if _commission(user):
        return visible
    return and_(visible, FollowUp.agency_id == user.agency_id)
