"""Place and date of issue, blanks, month words and OCR forms."""

import datetime as dt

import pytest

from indexer.metadata.dates import find_date, find_issue_date


@pytest.mark.parametrize(
    ("text", "place", "date", "precision"),
    [
        ("Khánh Hòa, ngày 06 tháng 12 năm 2011", "Khánh Hòa", dt.date(2011, 12, 6), "day"),
        ("Hà nội, ngày 11 tháng  11  năm 1995", "Hà nội", dt.date(1995, 11, 11), "day"),
        ("Hà Nội, ngày tháng 10 năm 2018", "Hà Nội", dt.date(2018, 10, 1), "month"),
        ("Quảng Ninh, ngày    tháng    năm 2024", "Quảng Ninh", dt.date(2024, 1, 1), "year"),
        ("Quảng Ninh, ngày …… tháng …… năm 2024", "Quảng Ninh", dt.date(2024, 1, 1), "year"),
        ("Huế, ngày 02 tháng Giêng năm 2020", "Huế", dt.date(2020, 1, 2), "day"),
        ("Huế, ngày 9 tháng bốn năm 2020", "Huế", dt.date(2020, 4, 9), "day"),
        ("Ha Noi, ngay 5 thang 04 nam 2019", "Ha Noi", dt.date(2019, 4, 5), "day"),
        ("Hòa Bình, ngày 16\ntháng 9 năm 2022", "Hòa Bình", dt.date(2022, 9, 16), "day"),
        (
            "TP. Hồ Chí Minh, ngày 30 tháng 4 năm 2024",
            "TP. Hồ Chí Minh",
            dt.date(2024, 4, 30),
            "day",
        ),
        (
            "UBND TỈNH NAM ĐỊNH Nam Định, ngày 1 tháng 2 năm 2021",
            "Nam Định",
            dt.date(2021, 2, 1),
            "day",
        ),
        ("Nam Định, ngày 09 tháng 12 năm", "Nam Định", None, None),
    ],
)
def test_issue_date(text, place, date, precision):
    found = find_issue_date(text)
    assert (found.place, found.date, found.precision) == (place, date, precision)


def test_date_without_a_place_only_at_a_line_start():
    assert find_issue_date("Ngày 20 tháng 5 năm 2021").date == dt.date(2021, 5, 20)
    assert find_issue_date("Ngày 20 tháng 5 năm 2021", place_required=True) is None
    assert find_issue_date("Căn cứ Luật ngày 20 tháng 5 năm 2021") is None


def test_impossible_day_keeps_the_month():
    found = find_issue_date("Huế, ngày 31 tháng 2 năm 2021")
    assert (found.date, found.precision) == (dt.date(2021, 2, 1), "month")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("ngày 25/02/2010 của Bộ Chính trị", dt.date(2010, 2, 25)),
        ("ngày 02-8-2013 về hướng dẫn", dt.date(2013, 8, 2)),
        ("ngày 22 tháng 9 năm 2011 của Chính phủ", dt.date(2011, 9, 22)),
    ],
)
def test_cited_dates(text, date):
    assert find_date(text).date == date
