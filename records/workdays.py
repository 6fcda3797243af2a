"""Counting days the way the laws on time limits do.

Calendar days follow BLDS Art. 147–148: the day of the event is not counted, and a limit
whose last day is not a working day ends at the end of the next working day. Working days
skip weekends and Vietnamese public holidays (``holidays.VN``, which knows the lunar Tết
and Hùng Kings days).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself is not counted)."""
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def add_calendar_days(start: date, days: int) -> date:
    """``days`` calendar days after ``start``, moved to the next working day if it is not one."""
    return next_working_day(start + timedelta(days=days))


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when end < start)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + timedelta(offset))
    )
