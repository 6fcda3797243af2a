"""Who may ask, see and answer a cadre vetting request (thẩm định hồ sơ cán bộ).

The Organization Board (``to_chuc``) and the Commission (``noi_chinh``) ask; leaders and
officers of the asking body see the request, of each asked body the request and their own
answer. The answers of the asked bodies are read by the asking body's leaders only. Nobody
else — not the Commission as monitoring body, not administrators — sees any of it, and
nobody sees it above their clearance.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ColumnElement, and_, exists, false, or_, select

from records.codes import clearance_rank, levels_up_to
from records.models import User, VettingAnswer, VettingRequest

#: The bodies that vet cadres: the Party committee's Organization Board and the Commission.
ASKING_BODIES = ("to_chuc", "noi_chinh")
STAFF_ROLES = ("leader", "officer")


class VettingAction(StrEnum):
    SEE = "see"  # the request: who is vetted, by whom, which bodies answered
    ANSWER = "answer"
    READ_ANSWERS = "see answers"
    MANAGE = "manage"  # withdraw, move the due date


def _staff(user: User) -> bool:
    return user.active and user.has_role(*STAFF_ROLES)


def can_ask_vetting(user: User) -> bool:
    """Staff of an asking body cleared for MẬT at least (no request is below it)."""
    return (
        _staff(user)
        and user.agency is not None
        and user.agency.code in ASKING_BODIES
        and clearance_rank(user.clearance) >= 1
    )


def vetting_levels(user: User) -> list[str]:
    """The levels a request may carry: MẬT at least, up to the asker's clearance."""
    return [level for level in levels_up_to(user.clearance) if clearance_rank(level) >= 1]


def _asked(user: User, request: VettingRequest) -> bool:
    return any(answer.agency_id == user.agency_id for answer in request.answers)


def can_vetting(user: User, action: VettingAction, request: VettingRequest) -> bool:
    if not _staff(user) or clearance_rank(user.clearance) < clearance_rank(request.confidentiality):
        return False
    asker = user.agency_id == request.from_agency_id
    if action is VettingAction.SEE:
        return asker or _asked(user, request)
    if action is VettingAction.ANSWER:
        return _asked(user, request)
    if action is VettingAction.READ_ANSWERS:
        return asker and user.has_role("leader")
    if action is VettingAction.MANAGE:
        return asker
    return False


def can_read_answer(user: User, answer: VettingAnswer) -> bool:
    """An answer (its text, finding and matches): its own body, or the asking body's
    leaders."""
    request = answer.request
    if not can_vetting(user, VettingAction.SEE, request):
        return False
    return answer.agency_id == user.agency_id or can_vetting(
        user, VettingAction.READ_ANSWERS, request
    )


def vetting_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the vetting requests ``user`` may see."""
    if not _staff(user):
        return false()
    asked = exists(
        select(VettingAnswer.id).where(
            VettingAnswer.request_id == VettingRequest.id,
            VettingAnswer.agency_id == user.agency_id,
        )
    )
    return and_(
        VettingRequest.confidentiality.in_(levels_up_to(user.clearance)),
        or_(VettingRequest.from_agency_id == user.agency_id, asked),
    )
