"""The document header: issuing body, number, place and date, and the "V/v" line.

The header is two columns: the issuing body and the number on the left, the national title
(or "ĐẢNG CỘNG SẢN VIỆT NAM") and the place/date on the right. Extracted as plain text
the columns are stacked or interleaved on one line, so the known right-column strings are
masked first (docs/domain.md §1.4 step 7), then the number, then the date; what is left above the
number is the issuing body. When the layout gave the columns (``header_left`` /
``header_right``) each field is read from its own column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from indexer.metadata.dates import IssueDate, find_date, find_issue_date
from indexer.metadata.doctypes import TITLE_CODES
from indexer.metadata.layout import is_body_start
from indexer.metadata.marks import is_mark
from indexer.metadata.numbers import CITED_NUMBER, NUMBER, join_split_year
from indexer.metadata.text import (
    VV_PREFIX,
    afold,
    caps_ratio,
    collapse,
    fix_vv,
    is_caps,
    is_rule,
    is_wrapped,
    letters,
    repair,
    strip_debris,
    unify_dashes,
)

# Right-column strings, on folded text, tolerant of OCR slips ("CỘNG HỊA", "VĨỆT", "Độc ỉập")
# and of a line break anywhere inside.
_KNOWN = re.compile(
    r"(?P<national>cong\s*h\w{1,3}\s*xa\s*hoi(?:\s*chu\s*ngh\w{1,3}(?:\s*v\w{1,3}t(?:\s*nam)?)?)?)"
    r"(?:\s*…)?"
    r"|doc\s*\w{2,4}\s*-?\s*tu\s*(?:do)?\s*-?\s*hanh\s*phuc"
    r"|dang\s*cong\s*san\s*viet\s*nam"
)
# The end of a national title that the other column pushed onto the next line.
_COUNTRY = re.compile(r"v\w{1,3}t\s*nam(?=\s*$)", re.M)
_SO_WORD = r"(?<![^\W\d_])(?i:s[oôốồổỗộóòỏõọơớờởỡợ])[ \t]*[:.]?"
_SO = re.compile(rf"{_SO_WORD}\s*(?P<num>{NUMBER}|\d{{1,7}}[a-zA-Z]?(?=[ \t]*(?:\n|$)))")
# OCR that lost the separators: "Số3889QĐĐUBND".
_SO_GLUED = re.compile(rf"^[ \t]*{_SO_WORD}[ \t]*(?P<num>\d{{1,7}}[^\W_]+)", re.M)
_SERIAL = re.compile(r"^\s*\d")
_COUNTRY_FRAGMENT = re.compile(r"^(?:viet\s+)?nam(?:\s*-\s*\w{0,2})?$")
_TRAILING_DOT = re.compile(r"(?<=[^\W\d_]{2})\.(?=\s|$)")


@dataclass(frozen=True)
class Header:
    """Fields read from the header; ``number`` is None when its serial was left blank."""

    issuer: str | None = None
    number_printed: str | None = None  # "Số" value, even with a blank serial
    date: IssueDate | None = None
    vv: str | None = None  # "V/v ..." as printed (the subject of a công văn)
    end_offset: int = 0  # where the last header element ends in the block

    @property
    def number(self) -> str | None:
        printed = self.number_printed
        return printed if printed and _SERIAL.match(printed) else None


def _known_spans(folded: str) -> list[tuple[int, int]]:
    spans = []
    for match in _KNOWN.finditer(folded):
        spans.append(match.span())
        if match.group("national") and not match.group().rstrip(" …").endswith("nam"):
            line_end = folded.find("\n", match.end())
            country = _COUNTRY.search(folded, line_end + 1) if line_end >= 0 else None
            next_end = folded.find("\n", line_end + 1)
            if country and (next_end < 0 or country.end() <= next_end):
                spans.append(country.span())
    return spans


def _mask(block: str, start: int, end: int) -> str:
    """Replace a span by line breaks, keeping every other character at its index."""
    return block[:start] + "\n" * (end - start) + block[end:]


def mask_known(block: str) -> str:
    """The block with the motto, national title and Party title replaced by line breaks.

    Dashes are unified on the way (same length), so rule lines read as rules.
    """
    block = unify_dashes(repair(block))
    for start, end in _known_spans(afold(block)):
        block = _mask(block, start, end)
    return block


def _find_number(block: str) -> re.Match[str] | None:
    """The "Số" of the header: capital S, or at the start of a line (OCR "sô:")."""
    for match in _SO.finditer(block):
        line_start = block.rfind("\n", 0, match.start()) + 1
        if block[match.start()] == "S" or not block[line_start : match.start()].strip():
            return match
    return _SO_GLUED.search(block)


def _issuer(lines: list[str]) -> str | None:
    kept = []
    for raw in lines:
        line = collapse(strip_debris(raw).strip(" *_=~•·|:-"))
        if not line or is_rule(line) or is_mark(line) or VV_PREFIX.match(line):
            continue
        if _COUNTRY_FRAGMENT.match(afold(line)) or len(letters(line)) < 2:
            continue  # "NAM - T": the national title's end; "T": a speck read as a letter
        line = _TRAILING_DOT.sub("", line)
        if caps_ratio(line) < 0.6:
            continue
        kept.append(line)
    return " ".join(kept) or None


def _header_line(text: str) -> bool:
    """A number line ("Số: ...") or a place-and-date line, which ends a wrapped "V/v"."""
    if text.startswith("S") and _SO.match(text):
        return True
    date = find_issue_date(text)
    return date is not None and date.start == 0 and not text[date.end :].strip(" .")


def _read_vv(block: str) -> tuple[str | None, int, int]:
    """The "V/v ..." text with its wrapped continuation lines, and its span in the block."""
    lines = block.split("\n")
    offset = 0
    for index, line in enumerate(lines):
        stripped = strip_debris(line.strip()) if "V" in line[:12] else ""
        if stripped and VV_PREFIX.match(stripped):
            start = offset + len(line) - len(line.lstrip())
            parts = [fix_vv(stripped)]
            end = offset + len(line)
            for follower in lines[index + 1 :]:
                text = strip_debris(follower.strip())
                if not text:  # a masked motto or date: the lines may go on after it
                    end += 1 + len(follower)
                    continue
                if _header_line(text):
                    break
                if not (text[0].islower() or text[0].isdigit() or is_wrapped(parts[-1])):
                    break
                parts.append(text)
                end += 1 + len(follower)
            vv = collapse(" ".join(parts))
            if vv.startswith("(") and vv.endswith(")"):
                vv = vv[1:-1].strip()
            return vv, start, end
        offset += len(line) + 1
    return None, 0, 0


def read_header(block: str, *, issuer: bool = True, all_header: bool = False) -> Header:
    """Read the header fields from a block of header lines (one column or both).

    The issuing body is what stands above the number (or the date). With ``all_header``
    (a left column, or the lines above a title) a block without either is all issuer.
    """
    work = mask_known(block)
    ends = [end for _, end in _known_spans(afold(work))]
    number = _find_number(work)
    number_printed = None
    issuer_end = None
    if number:
        number_printed = collapse(number.group("num")).strip(" .…_")
        number_end = number.end()
        joined = join_split_year(number_printed, work[number_end:])
        if joined is not None:
            number_printed, number_end = joined[0], number_end + joined[1]
        issuer_end = number.start()
        ends.append(number_end)
        work = _mask(work, number.start(), number_end)
    placed = find_issue_date(work, place_required=True)
    if placed:  # OCR may print the other column's date inside the "V/v" lines
        place_at = work.rfind(placed.place or "", placed.start, placed.end)
        work = _mask(work, max(place_at, placed.start), placed.end)
    vv, vv_start, vv_end = _read_vv(work)
    if vv:
        ends.append(vv_end)
        work = _mask(work, vv_start, vv_end)
    date = placed or find_issue_date(work)
    if date:
        ends.append(date.end)
        if issuer_end is None:
            issuer_end = date.start
    if issuer_end is None and all_header:
        issuer_end = len(work)
    body = _issuer(work[:issuer_end].split("\n")) if issuer and issuer_end is not None else None
    return Header(body, number_printed, date, vv, max(ends, default=0))


def header_from_columns(left: str | None, right: str | None) -> Header:
    """Header fields from the two columns the layout revealed."""
    left_header = read_header(left or "", all_header=True)
    right_header = read_header(right or "", issuer=False)
    return Header(
        issuer=left_header.issuer,
        number_printed=left_header.number_printed or right_header.number_printed,
        date=right_header.date or left_header.date,
        vv=left_header.vv or right_header.vv,
    )


def merge(preferred: Header, fallback: Header) -> Header:
    """Fields of ``preferred`` where present, else those of ``fallback``."""
    return replace(
        fallback,
        issuer=preferred.issuer or fallback.issuer,
        number_printed=preferred.number_printed or fallback.number_printed,
        date=preferred.date or fallback.date,
        vv=preferred.vv or fallback.vv,
    )


@dataclass(frozen=True)
class Heading:
    """A citation-style first line standing in for a missing header (web republications):
    "Quyết định số 290-QĐ/TW, ngày 25/02/2010 của Bộ Chính trị về việc ban hành ..."."""

    code: str
    number: str
    date: IssueDate | None
    subject: str | None


_HEADING = re.compile(
    rf"^(?P<type>[^\W\d_][^\W\d_ ]*(?:\s+[^\W\d_]+){{0,3}}?)\s+so\s+(?P<num>{CITED_NUMBER})"
)


def heading_text(lines: list[str]) -> str:
    """The first line with its wrapped continuation (up to the first line of the body)."""
    parts = lines[:1]
    for line in lines[1:3]:
        if is_body_start(line) or is_rule(line) or is_caps(line):
            break
        parts.append(line)
    return " ".join(parts)


def read_heading(line: str) -> Heading | None:
    """Read a citation-style first line; None if ``line`` is not one."""
    folded = afold(line)
    match = _HEADING.match(folded)
    code = TITLE_CODES.get(" ".join(match.group("type").split())) if match else None
    if match is None or code is None:
        return None
    rest = line[match.end() :]
    date = find_date(rest[:40])
    subject_at = re.search(r"(?:^|\s)(ve\s)", afold(rest))
    subject = collapse(rest[subject_at.start(1) :]) if subject_at else None
    return Heading(
        code=code,
        number=collapse(line[match.start("num") : match.end("num")]),
        date=date,
        subject=subject,
    )
