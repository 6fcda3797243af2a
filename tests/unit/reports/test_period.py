"""Reporting periods: codes, Vietnamese names, counting buckets."""

from __future__ import annotations

from datetime import date

import pytest

from records.errors import RuleError
from records.reports import Period, PeriodKind


@pytest.mark.parametrize(
    ("code", "start", "end", "label"),
    [
        ("2026-06", date(2026, 6, 1), date(2026, 6, 30), "tháng 6 năm 2026"),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28), "tháng 2 năm 2026"),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29), "tháng 2 năm 2028"),
        ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30), "quý II năm 2026"),
        ("2026-q4", date(2026, 10, 1), date(2026, 12, 31), "quý IV năm 2026"),
        ("2026-H1", date(2026, 1, 1), date(2026, 6, 30), "6 tháng đầu năm 2026"),
        ("2026-H2", date(2026, 7, 1), date(2026, 12, 31), "6 tháng cuối năm 2026"),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "năm 2026"),
        ("2021-2025", date(2021, 1, 1), date(2025, 12, 31), "05 năm (2021 - 2025)"),
        (
            "2026-02-03..2026-03-15",
            date(2026, 2, 3),
            date(2026, 3, 15),
            "từ ngày 03/02/2026 đến ngày 15/03/2026",
        ),
    ],
)
def test_codes_and_names(code: str, start: date, end: date, label: str) -> None:
    period = Period.parse(code)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert Period.parse(period.code) == period


def test_a_range_that_is_a_named_period_takes_its_name() -> None:
    assert Period.between(date(2026, 1, 1), date(2026, 6, 30)).kind is PeriodKind.HALF
    assert Period.between(date(2026, 4, 1), date(2026, 6, 30)).code == "2026-Q2"
    assert Period.between(date(2021, 1, 1), date(2025, 12, 31)).code == "2021-2025"
    assert Period.between(date(2026, 4, 2), date(2026, 6, 30)).kind is PeriodKind.RANGE


@pytest.mark.parametrize(
    "code", ["", "2026-13", "2026-Q5", "2026-H3", "2021-2024", "2026-02-30..2026-03-01", "x"]
)
def test_unreadable_codes_are_refused(code: str) -> None:
    with pytest.raises(RuleError) as err:
        Period.parse(code)
    assert err.value.code == "report.period_invalid"


def test_a_reversed_range_is_refused() -> None:
    with pytest.raises(RuleError) as err:
        Period.parse("2026-03-01..2026-02-01")
    assert err.value.code == "report.period_reversed"


def test_buckets_by_month_up_to_13_months_then_by_year() -> None:
    quarter = Period.parse("2026-Q1").buckets()
    assert [(b.key, b.label) for b in quarter] == [
        ("2026-01", "01/2026"),
        ("2026-02", "02/2026"),
        ("2026-03", "03/2026"),
    ]
    partial = Period.parse("2026-01-15..2026-02-10").buckets()
    assert [(b.start, b.end) for b in partial] == [
        (date(2026, 1, 15), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 10)),
    ]
    assert len(Period.parse("2025-12-01..2026-12-31").buckets()) == 13
    review = Period.parse("2021-2025")
    assert [b.key for b in review.buckets()] == ["2021", "2022", "2023", "2024", "2025"]
    assert review.bucket_key(date(2023, 7, 4)) == "2023"
    assert Period.parse("2026").bucket_key(date(2026, 7, 4)) == "2026-07"
