"""Page layout: reading order of text segments, and the two-column header of a Vietnamese
document (ND 30/2020 App. I, HD 36-HD/VPTW).

Left column: superior body, issuing body, a rule line, then "Số: …" (and "V/v …").
Right column: national title and motto (or "ĐẢNG CỘNG SẢN VIỆT NAM"), a rule line, then
"<place>, ngày … tháng … năm …". Plain text of such a page interleaves the columns, so the
layout-aware extractors (PDF boxes, OCR lines) split them here by position.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

# Header text must sit in the top part of page 1.
_HEADER_MAX_TOP = 0.35
# A segment crosses the midline when at least this share of its width lies on each side.
_STRADDLE_SHARE = 0.25
# A blank band taller than this many text lines separates the header from the title.
_HEADER_GAP_LINES = 2.0

_RULE = re.compile(r"[-_*–—=.~\s]+")
_NUMBER_LINE = re.compile(r"^\s*s[ốo]\b", re.IGNORECASE)
_DATE_LINE = re.compile(r"\bngày\b", re.IGNORECASE)
# "<place>, ngày … tháng … năm …": a short place name without digits, then the date words
# (tolerating lost tone marks of OCR).
_PLACE_DATE_LINE = re.compile(
    r"^\s*[^\W\d][^\d,]{0,40},?\s*ng[àa]y\b.*\bth[áa]ng\b.*\bn[ăa]m\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Segment:
    """A piece of text on a page: a layout box (PDF) or part of an OCR line, top-down coords."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str

    @property
    def line_height(self) -> float:
        return (self.bottom - self.top) / (self.text.strip().count("\n") + 1)


@dataclass(frozen=True)
class HeaderSplit:
    left: list[Segment]  # top to bottom
    right: list[Segment]
    body: list[Segment]  # what is not header, in the order it was given

    @property
    def found(self) -> bool:
        return bool(self.left and self.right)

    @property
    def left_lines(self) -> list[str]:
        return [_one_line(seg.text) for seg in self.left]

    @property
    def right_lines(self) -> list[str]:
        return [_one_line(seg.text) for seg in self.right]


def split_header(
    segments: list[Segment], page_x0: float, page_x1: float, page_height: float
) -> HeaderSplit:
    """Take the two header columns off the top of page 1, split at the page's x-midline.

    The header ends at the first segment that is centred across the midline (the type
    line "QUYẾT ĐỊNH", a title), that follows a blank band of a few lines ("Kính gửi"
    under the header), or that starts below the top third of the page. Without text on
    both sides of the midline there is no two-column header.

    A "<place>, ngày … tháng … năm …" line in the right half, once both columns have
    begun, is part of the right column whatever its distance or width: OCR often puts it
    farther below the motto, or makes it wider, than the page shows.
    """
    mid = (page_x0 + page_x1) / 2
    texts = [seg for seg in segments if seg.text.strip()]
    if not texts:
        return HeaderSplit([], [], list(segments))
    max_gap = _HEADER_GAP_LINES * statistics.median(seg.line_height for seg in texts)
    left: list[Segment] = []
    right: list[Segment] = []
    lowest = None
    for seg in sorted(texts, key=lambda s: s.top):
        if seg.top > page_height * _HEADER_MAX_TOP:
            break
        centre = (seg.x0 + seg.x1) / 2
        place_date = bool(left and right) and centre >= mid and _is_place_date(seg.text)
        if not place_date and (
            _straddles(seg, mid) or (lowest is not None and seg.top - lowest > max_gap)
        ):
            break
        (left if centre < mid else right).append(seg)
        lowest = seg.bottom if lowest is None else max(lowest, seg.bottom)
    if not (left and right):
        return HeaderSplit([], [], list(segments))
    taken = {id(seg) for seg in left + right}
    return HeaderSplit(left, right, [seg for seg in segments if id(seg) not in taken])


def reading_order(segments: list[Segment]) -> list[Segment]:
    """Top to bottom; segments starting on the same line (within half a line) left to right.

    Administrative documents have one body column; side-by-side blocks are the header and
    the "Nơi nhận" | signer block, read left block first.
    """
    if not segments:
        return []
    tolerance = statistics.median(seg.line_height for seg in segments) / 2
    ordered: list[Segment] = []
    row: list[Segment] = []
    for seg in sorted(segments, key=lambda s: s.top):
        if row and seg.top - row[0].top > tolerance:
            ordered.extend(sorted(row, key=lambda s: s.x0))
            row = []
        row.append(seg)
    ordered.extend(sorted(row, key=lambda s: s.x0))
    return ordered


def header_lines(left: list[str], right: list[str]) -> list[str]:
    """Header lines in reading order: both title blocks, then number and place/date.

    ND 30 lays the header out as two rows: issuing body | national title, then
    number | place and date. Each column is cut after its rule line, or failing that
    before its "Số" (left) or "ngày" (right) line.
    """
    left_top, left_bottom = _rows(left, _NUMBER_LINE)
    right_top, right_bottom = _rows(right, _DATE_LINE)
    return left_top + right_top + left_bottom + right_bottom


def _is_rule(line: str) -> bool:
    """A decorative rule under a header block ("-------", "******", "___")."""
    return bool(line.strip()) and bool(_RULE.fullmatch(line))


def _rows(lines: list[str], second_row: re.Pattern[str]) -> tuple[list[str], list[str]]:
    for i, line in enumerate(lines):
        if _is_rule(line):
            end = i + 1
            while end < len(lines) and _is_rule(lines[end]):
                end += 1
            return lines[:end], lines[end:]
    for i, line in enumerate(lines[1:], start=1):
        if second_row.search(line):
            return lines[:i], lines[i:]
    return lines, []


def _is_place_date(text: str) -> bool:
    return bool(_PLACE_DATE_LINE.match(_one_line(text)))


def _straddles(seg: Segment, mid: float) -> bool:
    width = seg.x1 - seg.x0
    return width > 0 and min(mid - seg.x0, seg.x1 - mid) >= _STRADDLE_SHARE * width


def _one_line(text: str) -> str:
    return " ".join(text.split())
