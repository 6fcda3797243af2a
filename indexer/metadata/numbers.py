"""Document numbers ("số, ký hiệu"): find them, split them, and build search keys.

Printed forms (docs/domain.md §1.1-1.3):
- state, ND 30: ``12/QĐ-UBND``, ``05/2019/NQ-HĐND``, công văn ``1234/UBND-NC``;
- Party, HD 36: ``1753-QC/TU`` (hyphen before the type, slash before the body);
- older forms: ``67-HĐBT``, ``01-TANDTC-VKSNDTC/TTLT``; spaces as printed: ``46 /VKSTC``,
  ``06/ 2015/QĐ-UBND``; blanks in drafts: ``Số:    /QĐ-UBND``.

Key scheme (``number_key``), the value stored in the keyword field and compared at search
time:
1. NFC, Ð→Đ, upper case ("QĐi" → "QĐI", "TTr" → "TTR");
2. every space removed ("46 /VKSTC" → "46/VKSTC");
3. every dash (- ‐ – — −) and every slash become "/", so the Party form "1753-QC/TU", the
   state form "1753/QC-TU" and "1753 - QC/TU" all give "1753/QC/TU";
4. leading zeros of the serial dropped ("08/CT-UBND" → "8/CT/UBND").
``number_keys`` adds the ASCII variant (Đ→D and any other diacritic removed:
"15/2013/QD/UBND"), so a number typed without Đ still matches; index both.
``number_search_keys(query)`` finds the numbers inside a user query and returns their keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.metadata.text import afold, repair, unify_dashes

_SERIAL = r"\d{1,7}[a-zA-Z]?"
_SEP = r"[ \t]*[-/\u2010-\u2015\u2212][ \t]*"
_ATOM = r"[A-Za-zĐđ0-9](?:[A-Za-zĐđ0-9]|\.(?=[A-Za-zĐđ0-9]))*"
# One symbol element: "QĐ", "UBND", "BCA(A11)", "BNN & PTNT", "PC64".
_PART = rf"{_ATOM}(?:\([A-Za-zĐđ0-9]+\))?(?:[ \t]*&[ \t]*{_ATOM})?"

# A number as printed; the serial may be left blank in drafts ("    /QĐ-UBND").
NUMBER = rf"(?:{_SERIAL})?[ \t._…]*(?:{_SEP}{_PART})+"
# A number that has its serial, as cited in a body or typed in a query.
CITED_NUMBER = rf"(?<![\d/.-]){_SERIAL}(?:{_SEP}{_PART})+"

_CITED = re.compile(CITED_NUMBER)
# The year element of a number that OCR broke in two and misread: "87/20 ló/TTLT-BTC".
_YEAR_HEAD = re.compile(r"/[ \t]*(?:19|20)$")
_YEAR_TAIL = re.compile(rf"^[ \t]+(?P<tail>[0-9lIoOóòb|SsZg]{{2}})(?P<rest>(?:{_SEP}{_PART})+)")
_OCR_DIGITS = str.maketrans("lIoOóòb|SsZg", "110066615529")
_SERIAL_START = re.compile(rf"^\s*({_SERIAL})")
_YEAR = re.compile(r"(?:19|20)\d{2}")


@dataclass(frozen=True)
class NumberParts:
    """A printed number split into serial, year and symbol elements."""

    serial: str | None  # "12", "64b"; None when left blank
    year: int | None  # the year element of QPPL numbers ("05/2019/NQ-HĐND")
    symbol: tuple[str, ...]  # ("QĐ", "UBND"), ("NQ", "TU"), ("VPCP", "NN")
    party: bool  # HD 36 form "n-TYPE/BODY"

    @property
    def type_candidate(self) -> str | None:
        """The element that holds the type abbreviation, if the form has one.

        In a state công văn that element is the issuer ("8960/VPCP-NN"); the caller decides
        with a table of type abbreviations.
        """
        if self.party:
            return self.symbol[0] if self.symbol else None
        return self.symbol[0] if len(self.symbol) >= 2 else None


def parse_number(printed: str) -> NumberParts:
    """Split a printed number; never fails (unknown shapes give an empty symbol)."""
    text = unify_dashes(repair(printed)).strip()
    serial_match = _SERIAL_START.match(text)
    serial = serial_match.group(1) if serial_match else None
    rest = text[serial_match.end() :] if serial_match else text
    rest = rest.strip(" ._…")
    party = False
    if rest.startswith("-") and "/" in rest:
        party = True
    elements = [element.strip() for element in re.split(r"[-/]", rest) if element.strip()]
    year = None
    if elements and _YEAR.fullmatch(elements[0]) and not party:
        year = int(elements.pop(0))
    return NumberParts(serial=serial, year=year, symbol=tuple(elements), party=party)


def join_split_year(printed: str, following: str) -> tuple[str, int] | None:
    """``printed`` completed by the rest of its year and symbol found in ``following``, and
    how many characters of ``following`` that took; None when the number was not cut."""
    if _YEAR_HEAD.search(printed) is None:
        return None
    tail = _YEAR_TAIL.match(following)
    if tail is None:
        return None
    figures = tail.group("tail").translate(_OCR_DIGITS)
    if not figures.isdigit():
        return None
    return f"{printed}{figures}{tail.group('rest').strip()}", tail.end()


def _has_symbol_letters(printed: str) -> bool:
    """True when some element after the serial starts with a capital letter."""
    return any(part[:1].isupper() for part in parse_number(printed).symbol)


def number_key(printed: str) -> str:
    """The normalised key of a printed number (see the module docstring)."""
    key = unify_dashes(repair(printed)).upper()
    key = re.sub(r"\s+", "", key).replace("-", "/")
    key = re.sub(r"/{2,}", "/", key).strip("/")
    return re.sub(r"^0+(?=\d)", "", key)


def number_keys(printed: str) -> list[str]:
    """The key and its ASCII variant (Đ→D), without duplicates."""
    key = number_key(printed)
    ascii_key = afold(key).upper()
    return [key] if ascii_key == key else [key, ascii_key]


def number_search_keys(query: str) -> list[str]:
    """Keys of the document numbers typed inside a search query.

    A number needs a serial and at least one symbol element with a letter, so dates
    ("25/5/2020") and quantities are not taken; case and Đ/D do not matter
    ("15/2013/qd-ubnd" → ["15/2013/QD/UBND"]).
    """
    keys: list[str] = []
    for match in _CITED.finditer(repair(query)):
        printed = match.group().strip()
        if not any(any(c.isalpha() for c in part) for part in parse_number(printed).symbol):
            continue
        for key in number_keys(printed):
            if key not in keys:
                keys.append(key)
    return keys


def find_cited_numbers(text: str) -> list[re.Match[str]]:
    """Numbers with a serial and a capitalised symbol element, in text order."""
    return [m for m in _CITED.finditer(text) if _has_symbol_letters(m.group())]
