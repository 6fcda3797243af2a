"""Times are shown in Vietnam's time zone and days as Vietnamese write them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from webapp.links import vndate, when


def test_a_stored_moment_is_shown_in_vietnam_time() -> None:
    late_evening_utc = datetime(2026, 3, 31, 20, 15, 7, tzinfo=UTC)
    assert when(late_evening_utc) == "01/04/2026 03:15"
    assert when(late_evening_utc, seconds=True) == "01/04/2026 03:15:07"
    assert vndate(late_evening_utc) == "01/04/2026"  # its day in Vietnam, not in UTC


def test_days_and_iso_days_of_event_details_read_dd_mm_yyyy() -> None:
    assert vndate(date(2026, 1, 5)) == "05/01/2026"
    assert vndate("2026-01-05") == "05/01/2026"
    assert vndate("2026-03-31T18:30:00+00:00") == "01/04/2026"  # a moment from the index
    assert vndate("không rõ") == "không rõ"
    assert vndate(None) == "" and when(None) == ""
