"""Place and date of issue ("Khánh Hòa, ngày 06 tháng 12 năm 2011") and cited dates.

Matching runs on the folded text, so OCR output without diacritics ("ngay ... thang ...
nam") and tone variants are read the same way; the place is cut from the printed text.
Blanks left in drafts ("ngày    tháng    năm 2024") lower the precision instead of
failing, and month words ("tháng Giêng", "tháng bốn") are read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from indexer.metadata.text import afold, collapse

_MONTH_WORDS = {
    "gieng": 1,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "tu": 4,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
    "muoi mot": 11,
    "muoi hai": 12,
    "chap": 12,
}
_BLANK = r"[._…\s]*?"
_PLACE = r"(?P<place>[^\W\d_][^\n,;:]{0,45}?)\s*,\s*"
# Letters OCR reads for figures (on folded text): "l5" is 15, "2O21" is 2021, "2o2l" 2021.
_DIGITISH = "0-9oilzsbgq|!"
_OCR_DIGITS = str.maketrans("oilzsbgq|!", "0112569911")
_FIGURE = rf"\d(?:\s?\d)?(?![\d{_DIGITISH}])|(?=[{_DIGITISH}]*\d)[{_DIGITISH}]{{1,2}}(?![a-z\d])"
_YEAR_FIGURE = (
    r"(?:1[89]|20)\d{2}(?!\d)"
    rf"|(?=[{_DIGITISH}\s]*\d)[12il|][{_DIGITISH}]\s?[{_DIGITISH}]{{2}}(?![a-z\d])"
)
_DATE_BODY = (
    rf"nga[yv]\s*(?:mong\s+|mung\s+)?(?P<d>{_FIGURE}|{_BLANK})\s*"
    rf"t\s?[hb]?\s?ang\s*(?P<m>{_FIGURE}|gieng|chap|muoi\s+mot|muoi\s+hai|muoi|mot|hai|ba|tu|bon|"
    rf"nam(?=\s*nam)|sau|bay|tam|chin|{_BLANK})\s*"
    rf"na(?:m|rn)\s*(?P<y>{_YEAR_FIGURE})?"
)
_ISSUE = re.compile(_PLACE + _DATE_BODY)
_ANYWHERE = re.compile(_DATE_BODY)
_LINE_START = re.compile(r"^[ \t]*" + _DATE_BODY, re.M)
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:1[89]|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class IssueDate:
    """A date as printed; ``precision`` says how much of it was filled in."""

    date: dt.date | None
    precision: str | None  # "day" | "month" | "year" | None
    place: str | None = None
    start: int = 0
    end: int = 0


def _number(value: str | None, words: dict[str, int] | None = None) -> int | None:
    if not value or not value.strip(" ._…\n"):
        return None
    value = " ".join(value.split())
    if value in (words or {}):
        return (words or {})[value]
    figures = value.replace(" ", "").translate(_OCR_DIGITS)
    return int(figures) if figures.isdigit() else None


def _build(
    day: int | None, month: int | None, year: int | None
) -> tuple[dt.date | None, str | None]:
    if year is None or not 1800 <= year <= 2099:
        return None, None
    if month is None or not 1 <= month <= 12:
        return dt.date(year, 1, 1), "year"
    if day is None:
        return dt.date(year, month, 1), "month"
    try:
        return dt.date(year, month, day), "day"
    except ValueError:
        return dt.date(year, month, 1), "month"


def _clean_place(raw: str) -> str | None:
    """The place name at the end of ``raw``: its capitalised words ("Hà Nội", "Hà nội",
    "TP. Hồ Chí Minh", "Phan Rang - Tháp Chàm"), without text of the other column glued
    before it ("UBND TỈNH X Hà Nội", "... của tỉnh Long An Hà Nội" keeps "Long An Hà Nội")."""
    words = collapse(raw).strip(" -*").split()
    kept: list[str] = []
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        previous = words[index - 1] if index else ""
        capitalised = word[:1].isupper() and not any(c.isdigit() for c in word)
        joined = (word == "-" or word.islower()) and previous[:1].isupper()
        if not (capitalised or joined):
            break
        kept.insert(0, word)
    while len(kept) > 1 and sum(c.isalpha() for c in kept[0]) >= 3 and kept[0].isupper():
        if all(word.isupper() for word in kept):
            break
        kept.pop(0)
    return " ".join(kept) or None


def _from_match(match: re.Match[str], printed: str) -> IssueDate:
    day = _number(match.group("d"))
    month = _number(match.group("m"), _MONTH_WORDS)
    year = _number(match.group("y"))
    date, precision = _build(day, month, year)
    place = None
    if "place" in match.re.groupindex and match.group("place"):
        place = _clean_place(printed[match.start("place") : match.end("place")])
    return IssueDate(date, precision, place, match.start(), match.end())


def find_issue_date(text: str, *, place_required: bool = False) -> IssueDate | None:
    """The first "<place>, ngày … tháng … năm …" in ``text``, else (unless
    ``place_required``) a line that starts with "ngày … tháng … năm …"."""
    folded = afold(text)
    match = _ISSUE.search(folded)
    if match is None and not place_required:
        match = _LINE_START.search(folded)
    return _from_match(match, text) if match else None


def find_date(text: str) -> IssueDate | None:
    """The first date written out ("ngày 5 tháng 3 năm 2020") or in figures ("5/3/2020")."""
    folded = afold(text)
    spelled = _ANYWHERE.search(folded)
    numeric = _NUMERIC.search(folded)
    if numeric and (spelled is None or numeric.start() < spelled.start()):
        day, month, year = (int(numeric.group(i)) for i in (1, 2, 3))
        date, precision = _build(day, month, year)
        return IssueDate(date, precision, None, numeric.start(), numeric.end())
    return _from_match(spelled, text) if spelled else None
