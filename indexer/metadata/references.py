"""Documents cited in the body ("Quyết định số 1675/QĐ-TTg ngày 29/8/2016 của Thủ tướng...").

Each citation gives a number, the type named before it (also legal types: ``luat``,
``nghi_dinh``, ``thong_tu``, ``thong_tu_lien_tich``, ``phap_lenh``), the date after it and
the issuer after "của". OCR forms are tolerated: "sổ", a glyph lost before the number
("Nghị định s20/2008/NĐ-CP"), "ngày 02-8-2013".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from indexer.metadata.dates import find_date
from indexer.metadata.doctypes import TITLE_CODES, symbol_type
from indexer.metadata.numbers import find_cited_numbers, number_key, parse_number
from indexer.metadata.text import afold, collapse

_LEGAL_TYPES = {
    "luat": "luat",
    "bo luat": "luat",
    "phap lenh": "phap_lenh",
    "nghi dinh": "nghi_dinh",
    "thong tu": "thong_tu",
    "thong tu lien tich": "thong_tu_lien_tich",
}
# Legal types by their symbol element ("31/2019/NĐ-CP", "25/2018/QH14").
_LEGAL_SYMBOLS = {"NĐ": "nghi_dinh", "TT": "thong_tu", "TTLT": "thong_tu_lien_tich"}
_LAW_SYMBOL = re.compile(r"QH\d{1,2}")
_TYPE_WORDS = sorted({*TITLE_CODES, *_LEGAL_TYPES}, key=len, reverse=True)
_TYPE_BEFORE = re.compile(
    r"\b(?P<type>" + "|".join(w.replace(" ", r"\s+") for w in _TYPE_WORDS) + r")\b"
)
# What may stand between the type and the number: a law's name and "số".
_GAP = re.compile(r"^(?P<name>(?:\s+[^\W\d_]+){0,6}?)\s*(?:so|s)?\s*$")
_DATE_AFTER = re.compile(r"^\s*,?\s*(?:ban\s+hanh\s+)?ngay\s")
_ISSUER_AFTER = re.compile(
    r"^\s*,?\s*cua\s+(?P<hint>.+?)(?=\s+(?:ve|quy\s+dinh|huong\s+dan|ban\s+hanh|tai|phe\s+duyet"
    r"|thanh\s+lap|ve\s+viec|sua\s+doi)\b|[,;.:()\n]|$)"
)
_WINDOW = 70


@dataclass(frozen=True)
class Reference:
    """One cited document. ``doc_type`` uses the document codes plus the legal types."""

    number: str
    number_key: str
    doc_type: str | None
    issued_date: dt.date | None
    issuer_hint: str | None


def _type_before(folded_before: str) -> str | None:
    found = None
    for match in _TYPE_BEFORE.finditer(folded_before):
        if _GAP.match(folded_before[match.end() :]):
            found = match
    if found is None:
        return None
    words = " ".join(found.group("type").split())
    code = _LEGAL_TYPES.get(words) or TITLE_CODES.get(words)
    return code if code and not code.startswith("?") else None


def _symbol_type(printed: str) -> str | None:
    parts = parse_number(printed)
    if parts.symbol and _LAW_SYMBOL.fullmatch(parts.symbol[0].upper()):
        return "luat"
    legal = _LEGAL_SYMBOLS.get((parts.type_candidate or "").upper())
    code = legal or symbol_type(parts)
    return code if code and not code.startswith("?") else None


def _after(text: str, end: int) -> tuple[dt.date | None, str | None]:
    """Date and issuer hint printed after a cited number."""
    after = text[end : end + _WINDOW * 2]
    folded = afold(after)
    date = None
    skip = 0
    if _DATE_AFTER.match(folded):
        found = find_date(after)
        if found and found.start <= 12 and found.precision == "day":
            date = found.date
            skip = found.end
    issuer = _ISSUER_AFTER.match(folded[skip:])
    hint = (
        collapse(after[skip + issuer.start("hint") : skip + issuer.end("hint")]) if issuer else None
    )
    return date, hint or None


def read_references(text: str, *, own_number: str | None = None) -> list[Reference]:
    """Cited documents in order of first appearance; the document's own number is left out."""
    own_key = number_key(own_number) if own_number else None
    references: list[Reference] = []
    seen: set[str] = set()
    for match in find_cited_numbers(text):
        printed = collapse(match.group())
        key = number_key(printed)
        if key in seen or key == own_key:
            continue
        seen.add(key)
        before = afold(text[max(0, match.start() - _WINDOW) : match.start()])
        doc_type = _type_before(before) or _symbol_type(printed)
        date, hint = _after(text, match.end())
        references.append(Reference(printed, key, doc_type, date, hint))
    return references
