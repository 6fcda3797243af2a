"""Computing a due date from a rule, an anchor event and the working calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from records.calendar import WorkingCalendar
from records.deadlines.rules import Rule

#: A deadline is "near" from this many working days before it (docs/domain.md §2.4).
NEAR_DUE_WORKING_DAYS = 3


class DueStatus(StrEnum):
    OK = "ok"
    NEAR = "near"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Deadline:
    rule: Rule
    anchor: date  # the event the period runs from (its day is not counted)
    limit: int  # units allowed, with the variant and any extensions
    used: int  # units consumed before ``anchor`` (time run before a suspension)
    due_on: date  # the period ends at 24:00 of this day (BLDS Art. 148(6))
    calendar_version: str


def compute(
    rule: Rule,
    anchor: date,
    calendar: WorkingCalendar,
    *,
    remote: bool = False,
    complex_: bool = False,
    used: int = 0,
    extension_units: int = 0,
) -> Deadline:
    """The deadline of ``rule`` for a period started by an event on ``anchor``.

    ``used`` units already ran before ``anchor`` (a clock resumed after a suspension restarts
    from the decision to continue with what is left); ``extension_units`` are added by
    extension decisions.
    """
    limit = rule.limit_for(remote=remote, complex_=complex_) + extension_units
    due = calendar.end_of_period(anchor, max(limit - used, 0), rule.unit)
    return Deadline(rule, anchor, limit, used, due, calendar.version)


def near_from(due_on: date, calendar: WorkingCalendar) -> date:
    """The first day on which a deadline counts as near."""
    return calendar.working_days_before(due_on, NEAR_DUE_WORKING_DAYS)


def due_status(due_on: date | None, today: date, calendar: WorkingCalendar) -> DueStatus:
    if due_on is None:
        return DueStatus.OK
    if today > due_on:
        return DueStatus.OVERDUE
    if today >= near_from(due_on, calendar):
        return DueStatus.NEAR
    return DueStatus.OK
