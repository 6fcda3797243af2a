"""Reading a dashboard's filters (period, body, kinds) from a request or the command line,
and the periods offered in the pickers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.calendar import WorkingCalendar
from records.case_status import KINDS as CASE_KINDS
from records.errors import RuleError
from records.models import Agency, User
from records.petitions.codes import Kind
from records.reports import Period, Scope, default_period


@dataclass(frozen=True)
class Choice:
    code: str
    period: Period


def read_period(args: Mapping[str, str], today: date) -> Period:
    """``period`` (a code), else ``from``/``to`` (ISO dates), else the current year."""
    code = (args.get("period") or "").strip()
    if code:
        return Period.parse(code)
    first, last = (args.get("from") or "").strip(), (args.get("to") or "").strip()
    if first or last:
        try:
            start = date.fromisoformat(first) if first else date(today.year, 1, 1)
            end = date.fromisoformat(last) if last else today
        except ValueError as err:
            raise RuleError("report.period_invalid", code=f"{first}..{last}") from err
        return Period.between(start, end)
    return default_period(today)


def read_scope(
    session: Session,
    user: User,
    args: Mapping[str, str],
    today: date,
    calendar: WorkingCalendar,
) -> Scope:
    """The scope of a dashboard; unknown codes are refused with a RuleError."""
    agency_code = (args.get("agency") or "").strip()
    agency_id = None
    if agency_code:
        agency_id = session.scalar(select(Agency.id).where(Agency.code == agency_code))
        if agency_id is None:
            raise RuleError("report.agency_unknown", code=agency_code)
    petition_kind = (args.get("petition_kind") or "").strip() or None
    if petition_kind and petition_kind not in {kind.value for kind in Kind}:
        raise RuleError("report.kind_unknown", code=petition_kind)
    case_kind = (args.get("case_kind") or "").strip() or None
    if case_kind and case_kind not in CASE_KINDS:
        raise RuleError("report.kind_unknown", code=case_kind)
    return Scope(
        user=user,
        period=read_period(args, today),
        today=today,
        calendar=calendar,
        agency_id=agency_id,
        petition_kind=petition_kind,
        case_kind=case_kind,
    )


def scope_args(scope: Scope, agency_code: str | None) -> dict[str, str]:
    """The query arguments that give ``scope`` again (export links, API)."""
    args = {"period": scope.period.code}
    if agency_code:
        args["agency"] = agency_code
    if scope.petition_kind:
        args["petition_kind"] = scope.petition_kind
    if scope.case_kind:
        args["case_kind"] = scope.case_kind
    return args


def period_choices(today: date) -> dict[str, list[Choice]]:
    """Named periods up to today to pick from, newest first, grouped by kind."""
    months, quarters, halves = [], [], []
    year, month = today.year, today.month
    for _ in range(12):
        months.append(Period.month(year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    quarter = (today.month - 1) // 3 + 1
    year = today.year
    for _ in range(8):
        quarters.append(Period.quarter(year, quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    half = 1 if today.month <= 6 else 2
    year = today.year
    for _ in range(6):
        halves.append(Period.half(year, half))
        year, half = (year - 1, 2) if half == 1 else (year, 1)
    years = [Period.year(today.year - n) for n in range(6)]
    # A five-year review: the five years to this one, and the five completed years.
    reviews = [Period.five_years(today.year - 4), Period.five_years(today.year - 5)]
    return {
        kind: [Choice(p.code, p) for p in periods]
        for kind, periods in (
            ("month", months),
            ("quarter", quarters),
            ("half", halves),
            ("year", years),
            ("five_years", reviews),
        )
    }
