"""Plan items and their overlaps as the user may see them."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from records.models import Agency, PlanItem, PlanOverlap, User
from records.policy import PlanAction, can_plan, plan_clause
from webapp.actor import current_actor

MAX_ITEMS = 1000


def load_plan(session: Session, item_id: int) -> PlanItem:
    found = session.get(PlanItem, item_id)
    if found is None or not can_plan(current_actor(), PlanAction.SEE, found):
        abort(404)
    return found


def visible_overlaps(session: Session, user: User, *, only_open: bool) -> list[PlanOverlap]:
    """Overlaps both of whose items the user may see."""
    first, second = aliased(PlanItem), aliased(PlanItem)
    query = (
        select(PlanOverlap)
        .join(first, PlanOverlap.first_id == first.id)
        .join(second, PlanOverlap.second_id == second.id)
        .where(
            first.id.in_(select(PlanItem.id).where(plan_clause(user))),
            second.id.in_(select(PlanItem.id).where(plan_clause(user))),
        )
        .order_by(PlanOverlap.id)
    )
    if only_open:
        query = query.where(PlanOverlap.status == "open")
    return list(session.scalars(query))


def year_items(session: Session, user: User, year: int, agency_code: str) -> list[PlanItem]:
    query = select(PlanItem).where(plan_clause(user), PlanItem.year == year)
    if agency_code:
        query = query.join(Agency, PlanItem.agency_id == Agency.id).where(
            Agency.code == agency_code
        )
    return list(
        session.scalars(query.order_by(PlanItem.period_start, PlanItem.id).limit(MAX_ITEMS))
    )
