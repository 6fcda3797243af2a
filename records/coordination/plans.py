"""Yearly inspection and supervision plans without overlap (hạn chế chồng chéo): each body
registers its plan items; an item of one body overlaps another body's item of the same year
when they concern the same unit — found in the table of bodies by name, abbreviation or
alias, a merged body counting as its successor, else by the folded name — and

* their months overlap (``unit``), or
* they have the same subject (``subject``), whatever the months.

Overlaps are flagged to the Commission, which resolves each with a decision before the
items concerned can be approved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from records import alerts, audit
from records.cases import require
from records.codes import CONFIDENTIALITY, clearance_rank
from records.errors import RuleError
from records.models import Agency, PlanItem, PlanOverlap, User
from records.models.base import utcnow
from records.policy import PlanAction, can_plan, can_register_plan, can_resolve_overlaps

Fold = Callable[[str], str]
KINDS = ("thanh_tra", "kiem_tra", "giam_sat")
_WORD = re.compile(r"\w+")


def _key(text: str, fold: Fold) -> str:
    return " ".join(_WORD.findall(fold(text or "")))


def _audit(session: Session, actor: User, action: str, item: PlanItem, **detail: Any) -> None:
    audit.record(
        session,
        actor,
        action,
        object_type="plan",
        object_id=item.id,
        level=item.confidentiality,
        ip=session.info.get("client_ip", ""),
        **detail,
    )


def resolve_unit(session: Session, name: str, fold: Fold) -> Agency | None:
    """The body named ``name`` (its name, abbreviation or an alias, ignoring case and
    diacritics); a merged body gives way to its successor."""
    wanted = _key(name, fold)
    for agency in session.scalars(select(Agency).order_by(Agency.id)):
        names = [agency.name, agency.abbreviation, *(agency.aliases or [])]
        if any(_key(n, fold) == wanted for n in names if n):
            while agency.successor is not None:
                agency = agency.successor
            return agency
    return None


def register(
    session: Session,
    actor: User,
    *,
    year: int,
    unit_name: str,
    subject: str,
    period_start: date,
    period_end: date,
    fold: Fold,
    team: str = "",
    kind: str = "thanh_tra",
    confidentiality: str = "thuong",
) -> PlanItem:
    """Register a plan item of the actor's body and flag its overlaps with other bodies'."""
    require(can_register_plan(actor), "plan.register")
    unit_name, subject = (unit_name or "").strip(), (subject or "").strip()
    if not unit_name or not subject:
        raise RuleError("plan.unit_and_subject_required")
    if len(unit_name) > 255:
        raise RuleError("text_too_long", limit=255)
    if kind not in KINDS:
        raise RuleError("invalid_input", field="kind")
    if period_end < period_start:
        raise RuleError("meeting.period_reversed")
    if period_start.year != year or period_end.year != year:
        raise RuleError("plan.period_outside_year", year=year)
    if confidentiality not in CONFIDENTIALITY:
        raise RuleError("invalid_confidentiality", value=confidentiality)
    if clearance_rank(confidentiality) > clearance_rank(actor.clearance):
        raise RuleError("confidentiality_above_clearance", value=confidentiality)
    unit = resolve_unit(session, unit_name, fold)
    item = PlanItem(
        agency_id=actor.agency_id,
        year=year,
        kind=kind,
        unit_name=unit_name,
        unit_agency_id=unit.id if unit is not None else None,
        unit_key=_key(unit_name, fold)[:255],
        subject=subject,
        subject_key=_key(subject, fold),
        period_start=period_start,
        period_end=period_end,
        team=(team or "").strip(),
        confidentiality=confidentiality,
        created_by_id=actor.id,
    )
    session.add(item)
    session.flush()
    _audit(session, actor, "plan.register", item, unit=unit_name, year=year)
    for overlap in find_overlaps(session, item):
        alerts.plan_overlap(session, overlap)
    return item


def _same_unit(a: PlanItem, b: PlanItem) -> bool:
    if a.unit_agency_id is not None and b.unit_agency_id is not None:
        return a.unit_agency_id == b.unit_agency_id
    return a.unit_key == b.unit_key


def overlap_reason(a: PlanItem, b: PlanItem) -> str | None:
    """Why two items of different bodies overlap, or None."""
    if a.agency_id == b.agency_id or a.year != b.year or not _same_unit(a, b):
        return None
    if a.period_start <= b.period_end and b.period_start <= a.period_end:
        return "unit"
    if a.subject_key == b.subject_key:
        return "subject"
    return None


def find_overlaps(session: Session, item: PlanItem) -> list[PlanOverlap]:
    """Record the overlaps of ``item`` with the other bodies' items of its year."""
    others = session.scalars(
        select(PlanItem).where(
            PlanItem.year == item.year, PlanItem.agency_id != item.agency_id, PlanItem.id != item.id
        )
    )
    found = []
    for other in others:
        reason = overlap_reason(item, other)
        if reason is None:
            continue
        first, second = sorted((item.id, other.id))
        overlap = PlanOverlap(first_id=first, second_id=second, reason=reason)
        session.add(overlap)
        found.append(overlap)
    session.flush()
    return found


def open_overlaps(session: Session, item: PlanItem) -> list[PlanOverlap]:
    return list(
        session.scalars(
            select(PlanOverlap).where(
                PlanOverlap.status == "open",
                or_(PlanOverlap.first_id == item.id, PlanOverlap.second_id == item.id),
            )
        )
    )


def resolve(session: Session, actor: User, overlap: PlanOverlap, resolution: str) -> None:
    """The Commission's decision on an overlap (a joint team, one body moves its months or
    drops the item…)."""
    require(can_resolve_overlaps(actor), "plan.resolve")
    if overlap.status != "open":
        raise RuleError("plan.overlap_resolved")
    resolution = (resolution or "").strip()
    if not resolution:
        raise RuleError("plan.resolution_required")
    overlap.status = "resolved"
    overlap.resolution = resolution
    overlap.resolved_by_id = actor.id
    overlap.resolved_at = utcnow()
    for item in (overlap.first, overlap.second):
        _audit(session, actor, "plan.resolve", item, overlap=overlap.id, resolution=resolution)


def approve(session: Session, actor: User, item: PlanItem) -> None:
    """The body's leader approves its item once no overlap of it is left open."""
    require(can_plan(actor, PlanAction.APPROVE, item), "plan.approve")
    if item.status != "draft":
        raise RuleError("plan.not_draft")
    pending = open_overlaps(session, item)
    if pending:
        raise RuleError("plan.overlaps_open", count=len(pending))
    item.status = "approved"
    item.approved_by_id = actor.id
    item.approved_at = utcnow()
    _audit(session, actor, "plan.approve", item)


def withdraw(session: Session, actor: User, item: PlanItem) -> None:
    """Take a draft item out of the plan (its overlaps go with it)."""
    require(can_plan(actor, PlanAction.EDIT, item), "plan.edit")
    if item.status != "draft":
        raise RuleError("plan.not_draft")
    _audit(session, actor, "plan.withdraw", item, unit=item.unit_name, year=item.year)
    session.delete(item)
    session.flush()
