"""Reporting periods: a month, a quarter, a half-year, a year, a five-year review, or any
range of days — written as a short code so they travel in URLs and on the command line.

| code          | period                          | Vietnamese name                   |
|---------------|---------------------------------|-----------------------------------|
| ``2026-06``   | June 2026                       | tháng 6 năm 2026                  |
| ``2026-Q2``   | second quarter                  | quý II năm 2026                   |
| ``2026-H1``   | first half-year                 | 6 tháng đầu năm 2026              |
| ``2026``      | the year                        | năm 2026                          |
| ``2021-2025`` | five years (a term's review)    | 05 năm (2021 - 2025)              |
| ``2026-02-01..2026-03-15`` | any range of days  | từ ngày 01/02/2026 đến ngày 15/03/2026 |
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from records.errors import RuleError

ROMAN = ("I", "II", "III", "IV")
#: Periods longer than this many months are counted by year rather than by month.
MONTHLY_BUCKETS_UP_TO = 13


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    FIVE_YEARS = "five_years"
    RANGE = "range"


@dataclass(frozen=True)
class Bucket:
    """One column of a count over time: a month (``2026-06``) or a year (``2026``)."""

    key: str
    start: date
    end: date

    @property
    def label(self) -> str:
        return f"{self.start:%m/%Y}" if len(self.key) == 7 else self.key


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: date
    end: date  # inclusive

    # -- building ----------------------------------------------------------------------------
    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(PeriodKind.MONTH, date(year, month, 1), date(year, month, last))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        return cls(PeriodKind.QUARTER, date(year, first, 1), cls.month(year, first + 2).end)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        if half == 1:
            return cls(PeriodKind.HALF, date(year, 1, 1), date(year, 6, 30))
        return cls(PeriodKind.HALF, date(year, 7, 1), date(year, 12, 31))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def five_years(cls, first_year: int) -> Period:
        return cls(PeriodKind.FIVE_YEARS, date(first_year, 1, 1), date(first_year + 4, 12, 31))

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        """The named period that is exactly ``start``..``end``, else a plain range."""
        if end < start:
            raise RuleError("report.period_reversed")
        for candidate in _named_candidates(start):
            if candidate.start == start and candidate.end == end:
                return candidate
        return cls(PeriodKind.RANGE, start, end)

    @classmethod
    def parse(cls, code: str) -> Period:
        """A period from its code (see the module's table); RuleError when unreadable."""
        text = (code or "").strip().upper()
        try:
            if match := re.fullmatch(r"(\d{4})-(\d{2})", text):
                return cls.month(int(match[1]), int(match[2]))
            if match := re.fullmatch(r"(\d{4})-Q([1-4])", text):
                return cls.quarter(int(match[1]), int(match[2]))
            if match := re.fullmatch(r"(\d{4})-H([12])", text):
                return cls.half(int(match[1]), int(match[2]))
            if match := re.fullmatch(r"(\d{4})", text):
                return cls.year(int(match[1]))
            if (match := re.fullmatch(r"(\d{4})-(\d{4})", text)) and int(match[2]) - int(
                match[1]
            ) == 4:
                return cls.five_years(int(match[1]))
            if match := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", text):
                return cls.between(date.fromisoformat(match[1]), date.fromisoformat(match[2]))
        except ValueError as err:
            raise RuleError("report.period_invalid", code=code) from err
        raise RuleError("report.period_invalid", code=code)

    # -- describing --------------------------------------------------------------------------
    @property
    def code(self) -> str:
        start = self.start
        if self.kind is PeriodKind.MONTH:
            return f"{start:%Y-%m}"
        if self.kind is PeriodKind.QUARTER:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        if self.kind is PeriodKind.HALF:
            return f"{start.year}-H{1 if start.month == 1 else 2}"
        if self.kind is PeriodKind.YEAR:
            return str(start.year)
        if self.kind is PeriodKind.FIVE_YEARS:
            return f"{start.year}-{self.end.year}"
        return f"{start.isoformat()}..{self.end.isoformat()}"

    @property
    def label(self) -> str:
        """The period as a Vietnamese report names it ("6 tháng đầu năm 2026")."""
        start = self.start
        if self.kind is PeriodKind.MONTH:
            return f"tháng {start.month} năm {start.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"quý {ROMAN[(start.month - 1) // 3]} năm {start.year}"
        if self.kind is PeriodKind.HALF:
            return f"6 tháng {'đầu' if start.month == 1 else 'cuối'} năm {start.year}"
        if self.kind is PeriodKind.YEAR:
            return f"năm {start.year}"
        if self.kind is PeriodKind.FIVE_YEARS:
            return f"05 năm ({start.year} - {self.end.year})"
        return f"từ ngày {start:%d/%m/%Y} đến ngày {self.end:%d/%m/%Y}"

    @property
    def months(self) -> int:
        """Calendar months the period touches."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def monthly(self) -> bool:
        """Whether counts over time go by month (else by year)."""
        return self.months <= MONTHLY_BUCKETS_UP_TO

    def buckets(self) -> list[Bucket]:
        """Months of the period, or its years when it is longer than 13 months."""
        result: list[Bucket] = []
        if self.monthly:
            year, month = self.start.year, self.start.month
            for _ in range(self.months):
                whole = Period.month(year, month)
                first, last = max(whole.start, self.start), min(whole.end, self.end)
                result.append(Bucket(f"{year:04d}-{month:02d}", first, last))
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            return result
        for year in range(self.start.year, self.end.year + 1):
            first = max(date(year, 1, 1), self.start)
            last = min(date(year, 12, 31), self.end)
            result.append(Bucket(f"{year:04d}", first, last))
        return result

    def bucket_key(self, day: date) -> str:
        return f"{day:%Y-%m}" if self.monthly else f"{day:%Y}"


def _named_candidates(start: date) -> list[Period]:
    year = start.year
    return [
        Period.month(year, start.month),
        Period.quarter(year, (start.month - 1) // 3 + 1),
        Period.half(year, 1 if start.month <= 6 else 2),
        Period.year(year),
        Period.five_years(year),
    ]


def default_period(today: date) -> Period:
    """The dashboard's period when none is chosen: the current year."""
    return Period.year(today.year)
