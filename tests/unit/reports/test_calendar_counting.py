"""Counting working days between two dates from per-year running counts gives the same
answer as walking the days, across years, holidays and announced swaps."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from records.calendar import DayOverride, Unit, WorkingCalendar

CALENDAR = WorkingCalendar(
    [
        DayOverride(date(2027, 1, 30), True, "Làm bù thứ Bảy"),
        DayOverride(date(2026, 10, 28), False, "Nghỉ bù"),
    ]
)


def walked(first: date, last: date) -> int:
    days = (last - first).days
    return sum(CALENDAR.is_working_day(first + timedelta(n)) for n in range(1, days + 1))


@settings(max_examples=200, deadline=None)
@given(
    first=st.dates(min_value=date(2019, 1, 1), max_value=date(2031, 12, 31)),
    span=st.integers(min_value=0, max_value=900),
)
def test_running_counts_match_walking_the_days(first: date, span: int) -> None:
    last = first + timedelta(days=span)
    assert CALENDAR.units_between(first, last, Unit.WORKING_DAYS) == walked(first, last)


def test_worked_examples() -> None:
    # Tết 2026 (16–20/02): from Fri 13/02 to Mon 23/02 is one working day.
    assert CALENDAR.units_between(date(2026, 2, 13), date(2026, 2, 23), Unit.WORKING_DAYS) == 1
    # An announced day off (Wed 28/10/2026) is not counted; a Saturday worked is.
    assert CALENDAR.units_between(date(2026, 10, 26), date(2026, 10, 30), Unit.WORKING_DAYS) == 3
    assert CALENDAR.units_between(date(2027, 1, 29), date(2027, 2, 1), Unit.WORKING_DAYS) == 2
