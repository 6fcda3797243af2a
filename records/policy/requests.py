"""Who may see and act on an information request between bodies.

The asking body and the asked body see the request; the commission (Ban Nội chính) sees
all of them, as the standing office that follows how information flows between bodies.
The asked body's staff answer it; the asking body's officers withdraw it or move its due
date; the asked body's leaders and officers assign it to one of their colleagues.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ColumnElement, and_, false, or_, true

from records.codes import clearance_rank, levels_up_to
from records.models import InfoRequest, User
from records.policy.cases import MONITORING_BODY

READER_ROLES = ("administrator", "leader", "officer", "clerk", "viewer")
ASK_ROLES = ("leader", "officer", "clerk")
ANSWER_ROLES = ("leader", "officer", "clerk")
MANAGE_ROLES = ("leader", "officer")


class RequestAction(StrEnum):
    SEE = "see"
    ANSWER = "answer"
    MANAGE = "manage"  # withdraw, change the due date
    ASSIGN = "assign"


def can_ask(user: User) -> bool:
    return user.active and user.has_role(*ASK_ROLES)


def can_request(user: User, action: RequestAction, request: InfoRequest) -> bool:
    if not (user.active and user.has_role(*READER_ROLES)):
        return False
    if clearance_rank(user.clearance) < clearance_rank(request.confidentiality):
        return False
    asker = user.agency_id == request.from_agency_id
    asked = user.agency_id == request.to_agency_id
    if action is RequestAction.SEE:
        return asker or asked or user.agency.code == MONITORING_BODY
    if action is RequestAction.ANSWER:
        return asked and user.has_role(*ANSWER_ROLES)
    if action is RequestAction.MANAGE:
        return asker and user.has_role(*MANAGE_ROLES)
    if action is RequestAction.ASSIGN:
        return asked and user.has_role(*MANAGE_ROLES)
    return False


def request_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the requests ``user`` may see."""
    if not (user.active and user.has_role(*READER_ROLES)):
        return false()
    parties = (
        true()
        if user.agency.code == MONITORING_BODY
        else or_(
            InfoRequest.from_agency_id == user.agency_id,
            InfoRequest.to_agency_id == user.agency_id,
        )
    )
    return and_(InfoRequest.confidentiality.in_(levels_up_to(user.clearance)), parties)
