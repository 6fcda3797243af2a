"""The working-day calendar: Vietnamese holidays, swapped days, BLDS counting."""

from __future__ import annotations

from datetime import date

from records.calendar import DayOverride, Unit, WorkingCalendar, local_today

CAL = WorkingCalendar()
WD, DAYS = Unit.WORKING_DAYS, Unit.DAYS


def test_tet_2026_and_2027_are_days_off() -> None:
    # Tết Bính Ngọ 2026: Mon 16/02 to Fri 20/02; Tết Đinh Mùi 2027: Thu 04/02 to Wed 10/02.
    assert not any(CAL.is_working_day(date(2026, 2, day)) for day in range(14, 23))
    assert CAL.is_working_day(date(2026, 2, 13)) and CAL.is_working_day(date(2026, 2, 23))
    assert not any(CAL.is_working_day(date(2027, 2, day)) for day in range(4, 11))
    assert CAL.holiday_name(date(2026, 2, 17)) == "Tết Nguyên Đán"


def test_hung_kings_30_4_1_5_and_2_9() -> None:
    assert not CAL.is_working_day(date(2026, 4, 27))  # Hùng Kings (Sunday 26/04), observed
    assert not CAL.is_working_day(date(2026, 4, 30)) and not CAL.is_working_day(date(2026, 5, 1))
    assert CAL.is_working_day(date(2026, 4, 29))
    assert not CAL.is_working_day(date(2026, 9, 1)) and not CAL.is_working_day(date(2026, 9, 2))


def test_swapped_days_known_to_the_package() -> None:
    # 2/9/2026: Monday 31/08 off, made up by working on Saturday 22/08.
    assert not CAL.is_working_day(date(2026, 8, 31))
    assert CAL.is_working_day(date(2026, 8, 22))
    assert CAL.describe(date(2026, 8, 22)) == "Ngày làm việc bù"


def test_administrators_overrides_win_and_change_the_version() -> None:
    announced = WorkingCalendar(
        [
            DayOverride(date(2027, 1, 30), True, "Làm bù thứ Bảy 30/01/2027"),
            DayOverride(date(2027, 2, 12), False, "Nghỉ bù thứ Sáu 12/02/2027"),
        ]
    )
    assert announced.is_working_day(date(2027, 1, 30))
    assert not announced.is_working_day(date(2027, 2, 12))
    assert announced.describe(date(2027, 2, 12)) == "Nghỉ bù thứ Sáu 12/02/2027"
    assert announced.version != CAL.version
    assert WorkingCalendar().version == CAL.version  # deterministic


def test_event_day_is_not_counted_blds_147() -> None:
    # BLDS Art. 147(3): a one-working-day period from Friday 13/02/2026 ends on the next
    # working day, Monday 23/02/2026 (Tết in between).
    assert CAL.end_of_period(date(2026, 2, 13), 1, WD) == date(2026, 2, 23)
    assert CAL.end_of_period(date(2026, 3, 2), 0, WD) == date(2026, 3, 2)


def test_calendar_period_ending_on_a_day_off_moves_blds_148_5() -> None:
    # BLDS Art. 148(5): 30 days from 19/01/2026 end on 18/02/2026, a Tết day, so the
    # period ends with the next working day, Monday 23/02/2026.
    assert CAL.end_of_period(date(2026, 1, 19), 30, DAYS) == date(2026, 2, 23)
    # ... but a Saturday made a working day is not a day off: it ends then.
    assert CAL.end_of_period(date(2026, 7, 23), 30, DAYS) == date(2026, 8, 22)


def test_units_between_and_working_days_before() -> None:
    assert CAL.units_between(date(2026, 4, 28), date(2026, 5, 4), WD) == 2  # 29/04, 04/05
    assert CAL.units_between(date(2026, 4, 28), date(2026, 5, 4), DAYS) == 6
    assert CAL.units_between(date(2026, 5, 4), date(2026, 4, 28), WD) == 0
    assert CAL.working_days_before(date(2026, 5, 4), 3) == date(2026, 4, 24)


def test_local_today_is_vietnam_time() -> None:
    from datetime import UTC, datetime

    # 20:00 UTC on 31/12/2026 is already 01/01/2027 in Hà Nội.
    assert local_today(datetime(2026, 12, 31, 20, 0, tzinfo=UTC)) == date(2027, 1, 1)
