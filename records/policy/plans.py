"""Who may see, register, approve inspection and supervision plan items, and resolve the
overlaps between bodies' items.

Avoiding overlapping inspections needs every body to see the others' plans: the staff of
every coordinating body see all plan items within their clearance (one calendar). A body's
leaders and officers register and change its own items while they are drafts; its leaders
approve them once no overlap is left open; the Commission's leaders and officers resolve
overlaps.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ColumnElement, false

from records.codes import clearance_rank, levels_up_to
from records.models import PlanItem, User
from records.policy.cases import MONITORING_BODY

READER_ROLES = ("leader", "officer", "clerk", "viewer")
ACTOR_ROLES = ("leader", "officer")


class PlanAction(StrEnum):
    SEE = "see"
    EDIT = "edit"
    APPROVE = "approve"


def _reads(user: User) -> bool:
    return (
        user.active
        and user.has_role(*READER_ROLES)
        and user.agency is not None
        and user.agency.coordinating
    )


def can_register_plan(user: User) -> bool:
    return _reads(user) and user.has_role(*ACTOR_ROLES)


def can_resolve_overlaps(user: User) -> bool:
    return can_register_plan(user) and user.agency.code == MONITORING_BODY


def can_plan(user: User, action: PlanAction, item: PlanItem) -> bool:
    if not _reads(user) or clearance_rank(user.clearance) < clearance_rank(item.confidentiality):
        return False
    if action is PlanAction.SEE:
        return True
    own = item.agency_id == user.agency_id
    if action is PlanAction.EDIT:
        return own and user.has_role(*ACTOR_ROLES)
    if action is PlanAction.APPROVE:
        return own and user.has_role("leader")
    return False


def plan_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the plan items ``user`` may see."""
    if not _reads(user):
        return false()
    return PlanItem.confidentiality.in_(levels_up_to(user.clearance))
