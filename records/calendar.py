"""The working-day calendar and the counting of legal time limits — the one calendar of
every deadline in hoso: petitions, transfers to investigators, information requests.

Counting follows the Civil Code (Bộ luật Dân sự 91/2015/QH13):

- Art. 147(3): a period that starts with an event does not count the day of the event; it
  starts on the next day.
- Art. 148(1), (6): a period in days ends at 24:00 of its last day.
- Art. 148(5): when the last day is a weekend day or a holiday, the period ends at the end of
  the next working day.

A working day is a day that is not a weekend day, not a public holiday of ``holidays.VN``
(which knows the lunar Tết and Hùng Kings days, and the swaps it has been told about) and not
a day off announced by the government; :class:`records.models.CalendarDay` rows, edited by
administrators, override the package both ways. A calendar has a ``version`` (a digest of
the package version and those rows) that every computed deadline stores, so a deadline
computed before an announcement can be found and recomputed.
"""

from __future__ import annotations

import calendar as gregorian
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models.calendar import CalendarDay

#: Deadlines are legal days in Vietnam, whatever the server's clock says.
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ONE_DAY = timedelta(days=1)


def local_today(now: datetime | None = None) -> date:
    """Today's date in Vietnam."""
    return (now or datetime.now(LOCAL_TZ)).astimezone(LOCAL_TZ).date()


def local_date(moment: datetime) -> date:
    """The date in Vietnam of a stored (UTC) moment."""
    return moment.astimezone(LOCAL_TZ).date()


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, gregorian.monthrange(year, month)[1]))


class Unit(StrEnum):
    WORKING_DAYS = "working_days"  # ngày làm việc
    DAYS = "days"  # ngày (calendar days)


@dataclass(frozen=True)
class DayOverride:
    day: date
    working: bool
    note: str = ""


class WorkingCalendar:
    """Vietnamese public holidays plus announced overrides; counts periods by BLDS 147–148."""

    def __init__(self, overrides: Iterable[DayOverride] = ()) -> None:
        self.overrides: dict[date, DayOverride] = {o.day: o for o in overrides}
        self._holidays = holidays.VN(language="vi")
        digest = hashlib.sha256(f"holidays {holidays.__version__}".encode())
        for day in sorted(self.overrides):
            digest.update(f"|{day.isoformat()}={int(self.overrides[day].working)}".encode())
        #: Identifies the calendar a deadline was computed with.
        self.version = digest.hexdigest()[:12]
        #: Per year: working days from 1 January up to and including each day of the year.
        self._running_counts: dict[int, list[int]] = {}

    @classmethod
    def load(cls, session: Session) -> WorkingCalendar:
        rows = session.scalars(select(CalendarDay)).all()
        return cls(DayOverride(row.day, row.working, row.note) for row in rows)

    # -- one day ---------------------------------------------------------------------------
    def holiday_name(self, day: date) -> str | None:
        """The public holiday on ``day`` (in Vietnamese), if any."""
        return self._holidays.get(day)

    def is_working_day(self, day: date) -> bool:
        name = self._holidays.get(day)  # also makes the package compute ``day``'s year
        if day in self.overrides:
            return self.overrides[day].working
        if day in self._holidays.weekend_workdays:
            return True
        return day.weekday() not in self._holidays.weekend and name is None

    def describe(self, day: date) -> str:
        """Why ``day`` is or is not a working day, for calendar pages."""
        if day in self.overrides:
            return self.overrides[day].note
        name = self.holiday_name(day)
        if name:
            return name
        if day in self._holidays.weekend_workdays:
            return "Ngày làm việc bù"
        return ""

    def days_in(self, first: date, last: date) -> Iterator[date]:
        day = first
        while day <= last:
            yield day
            day += ONE_DAY

    # -- periods ---------------------------------------------------------------------------
    def next_working_day(self, day: date) -> date:
        """The first working day after ``day``."""
        day += ONE_DAY
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def working_day_on_or_after(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first working day after it."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    def end_of_period(self, event: date, amount: int, unit: Unit) -> date:
        """The last day of a period of ``amount`` units that starts with an event on ``event``.

        The event day is not counted (BLDS Art. 147(3)). Working days: the ``amount``-th
        working day after the event. Calendar days: ``event + amount``, moved to the next
        working day when it falls on a weekend day or holiday (BLDS Art. 148(5)).
        """
        if amount <= 0:
            return event
        if unit is Unit.DAYS:
            last = event + timedelta(days=amount)
            return last if self.is_working_day(last) else self.next_working_day(last)
        day = event
        for _ in range(amount):
            day = self.next_working_day(day)
        return day

    def units_between(self, event: date, day: date, unit: Unit) -> int:
        """How many units of a period started by ``event`` have run by the end of ``day``."""
        if day <= event:
            return 0
        if unit is Unit.DAYS:
            return (day - event).days
        return self._working_days_after(event, day)

    def _working_days_after(self, event: date, day: date) -> int:
        """Working days after ``event`` up to and including ``day`` (``event < day``),
        from per-year running counts, so long periods are not walked day by day."""
        first, last = self._running(event.year), self._running(day.year)
        before = first[event.timetuple().tm_yday - 1]
        if event.year == day.year:
            return last[day.timetuple().tm_yday - 1] - before
        between = sum(self._running(year)[-1] for year in range(event.year + 1, day.year))
        return first[-1] - before + between + last[day.timetuple().tm_yday - 1]

    def _running(self, year: int) -> list[int]:
        if year not in self._running_counts:
            counts, total = [], 0
            for day in self.days_in(date(year, 1, 1), date(year, 12, 31)):
                total += self.is_working_day(day)
                counts.append(total)
            self._running_counts[year] = counts
        return self._running_counts[year]

    def working_days_before(self, day: date, amount: int) -> date:
        """The working day ``amount`` working days before ``day`` (e.g. a 3-day warning)."""
        for _ in range(amount):
            day -= ONE_DAY
            while not self.is_working_day(day):
                day -= ONE_DAY
        return day
