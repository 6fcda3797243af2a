"""What a dashboard or a report covers: whose view, which period, which body and kinds.

Every figure is computed over what ``user`` may see — the SQL clauses of
``records.policy`` are part of each query — and then narrowed by the filters:

* ``agency_id``: petitions received by the body, cases it leads, transfers and information
  requests it sent or received;
* ``petition_kind``: petitions of one kind (khiếu nại, tố cáo, kiến nghị, phản ánh);
* ``case_kind``: cases of one kind (vụ việc, vụ án), and the transfers of such cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from records.calendar import LOCAL_TZ, Unit, WorkingCalendar
from records.deadlines import NEAR_DUE_WORKING_DAYS
from records.models import User
from records.reports.period import Period


@dataclass(frozen=True)
class Scope:
    user: User
    period: Period
    today: date
    calendar: WorkingCalendar
    agency_id: int | None = None
    petition_kind: str | None = None
    case_kind: str | None = None

    @property
    def near_limit(self) -> date:
        """The last due date that counts as near: 3 working days from today."""
        return self.calendar.end_of_period(self.today, NEAR_DUE_WORKING_DAYS, Unit.WORKING_DAYS)

    @property
    def moments(self) -> tuple[datetime, datetime]:
        """The period as stored moments (UTC): from its first day's start in Vietnam to the
        start of the day after its last day."""
        start = datetime.combine(self.period.start, time(), LOCAL_TZ)
        end = datetime.combine(self.period.end + timedelta(days=1), time(), LOCAL_TZ)
        return start.astimezone(UTC), end.astimezone(UTC)

    def working_days(self, first: date, last: date) -> int:
        """Working days after ``first`` up to and including ``last`` (0 when not later)."""
        return self.calendar.units_between(first, last, Unit.WORKING_DAYS)


@dataclass
class Duration:
    """How long a kind of work took, in working days."""

    count: int = 0
    total: int = 0
    longest: int = 0

    def add(self, days: int, times: int = 1) -> None:
        self.count += times
        self.total += days * times
        self.longest = max(self.longest, days)

    @property
    def average(self) -> float | None:
        return round(self.total / self.count, 1) if self.count else None
