"""Line and character helpers shared by the metadata extractors.

Values are returned *as printed*, so the text is only repaired (NFC, look-alike letters,
odd spaces), never re-spelled. Matching is done on a folded copy (lower case, no
diacritics, đ→d) that keeps every character at the same index as the original, so a match
found in the folded copy can be cut out of the printed text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from indexer.normalize import fold

# No replacement is itself replaced, so the order in which they are made is free.
_LOOKALIKES = {
    "\u00d0": "Đ",  # Icelandic eth, common in converted Vietnamese text
    "\u00f0": "đ",
    "\u2044": "/",  # fraction slash and division slash, OCR for "/" ("V⁄v")
    "\u2215": "/",
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u3000": " ",
    "\t": " ",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
    "\r": "",
    "\f": "\n",
    "\x0b": "\n",
}

_PAGE_MARKER = re.compile(r"(?i)^(?:trang|page)\s*\d{1,4}$|^-\s*\d{1,4}\s*-$")
_RULE = re.compile(r"^[\s\-_*=~.·•–—―+]+$")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def repair(text: str) -> str:
    """NFC, look-alike letters and odd spaces fixed; line breaks kept."""
    text = unicodedata.normalize("NFC", text)
    # One C-speed scan per character looked for: a whole document passes at a fraction of
    # the cost of ``str.translate`` with a table, which goes through Python per character.
    for char, replacement in _LOOKALIKES.items():
        if char in text:
            text = text.replace(char, replacement)
    return text


def unify_dashes(text: str) -> str:
    return _DASHES.sub("-", text)


def collapse(text: str) -> str:
    """One space between words, no leading or trailing space."""
    return " ".join(text.split())


# Marks a scanner leaves at the edge of a line (a table's border read as "|", a speck "‹").
_SCAN_DEBRIS = " |‹›«»"
_ALNUM = re.compile(r"[^\W_]")
# Specks read before a line's first word ("._ ĐƠN TỐ CÁO"); a dash is kept (list items).
_LEADING_SPECKS = re.compile(r"^[._·•~,']+[ _]*(?=\w)")


def lines_of(text: str) -> list[str]:
    """Non-empty lines, stripped, without page markers ("Trang 2", "Page 1", "- 3 -") or
    lines of scanner debris ("|", ":")."""
    out = []
    for raw in repair(text).split("\n"):
        line = _LEADING_SPECKS.sub("", collapse(raw).strip(_SCAN_DEBRIS))
        if not line or _PAGE_MARKER.match(line):
            continue
        if _ALNUM.search(line) is None and not is_rule(line):  # "|", ":" off a scan
            continue
        out.append(line)
    return out


# "V/v" and the ways OCR reads it ("V/V", "VỊv" folded, "V|v", "Vlv", "VA:"), with brackets.
VV_PREFIX = re.compile(r"^\(?\s*V\s*(?:[/|\\lI1]\s*[vVy]\b|[vV]\s*:|A\s*:)\s*[:.]?\s*")
_DEBRIS_EDGES = " |_~*•·‹›«»"


def strip_debris(line: str) -> str:
    """``line`` without the scanner's debris at its ends ("| ", " _", "‹ ") nor a run of
    dashes before its first word ("_--- V/v ...")."""
    line = line.strip(_DEBRIS_EDGES)
    if line[:2] in ("--", "-—", "—-", "--"):
        line = line.lstrip("-—– ").strip(_DEBRIS_EDGES)
    return line


def fix_vv(text: str) -> str:
    """``text`` that starts with an OCR reading of "V/v" ("VA: ...") with "V/v" printed."""
    found = VV_PREFIX.match(text)
    if found is None or "/" in found.group():
        return text
    return f"V/v {text[found.end() :]}"


def is_rule(line: str) -> bool:
    """A separator line such as "-------", "*", "-*-" or "____"."""
    return bool(_RULE.match(line))


class _FoldTable(dict[int, str]):
    """``str.translate`` table folding one character at a time, filled as characters come
    (up to a bound, so a text of rare characters cannot grow it without end)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = fold(char)
        folded = folded if len(folded) == 1 else char
        if len(self) < _AFOLD_MAX:
            self[code] = folded
        return folded


_AFOLD_MAX = 8192


_AFOLD = _FoldTable()


def afold(text: str) -> str:
    """``fold`` applied letter by letter, so indexes match the original text."""
    if len(text) <= _CACHED_LINE:
        return _afold_line(text)
    return text.translate(_AFOLD)


# The extractors fold the same lines several times each (marks, signature, recipients...):
# lines are remembered, whole texts are not.
_CACHED_LINE = 400


@lru_cache(maxsize=8192)
def _afold_line(line: str) -> str:
    return line.translate(_AFOLD)


def letters(text: str) -> str:
    return "".join(filter(str.isalpha, text))


def caps_ratio(text: str) -> float:
    """Share of upper-case letters among the letters (0 when there are none)."""
    found = letters(text)
    if not found:
        return 0.0
    return sum(map(str.isupper, found)) / len(found)


@lru_cache(maxsize=8192)
def is_caps(text: str, threshold: float = 0.8) -> bool:
    """At least two letters, and a ``threshold`` share of them upper case (remembered: the
    extractors ask it of the same lines several times)."""
    found = letters(text)
    return len(found) >= 2 and sum(map(str.isupper, found)) / len(found) >= threshold


def words_pattern(phrase: str) -> str:
    """Regex for a folded phrase whose words may be separated by any whitespace."""
    return r"\s+".join(re.escape(word) for word in afold(phrase).split())


# Words that cannot end a title or a sentence: a line ending with one was wrapped.
# Compared with diacritics, since folded they collide with nouns ("dõi", "vệ", "tư").
_OPEN_ENDINGS = frozenset(
    {"của", "và", "về", "trong", "cho", "với", "tại", "theo", "các", "những", "trên", "thuộc"}
    | {"giữa", "từ", "đến", "là", "để", "nhằm", "bằng", "hoặc", "như", "ở", "khi", "cùng", "đối"}
    # A citation cut after its first word: "... Kế hoạch số" / "125/KH-UBND ngày" / "12/3".
    | {"số", "ngày", "tháng", "năm"}
)
# Words after which a proper name follows: "... trên địa bàn tỉnh" / "Khánh Hòa".
_NAME_BEFORE = frozenset(
    {"tỉnh", "huyện", "xã", "phố", "quận", "phường", "trấn", "ông", "bà", "đồng", "chí"}
)


def is_wrapped(previous: str) -> bool:
    """True when ``previous`` visibly goes on on the next line (ends with "của", ",", "-")."""
    stripped = previous.rstrip()
    if stripped.endswith((",", "-")):
        return True
    words = stripped.lower().split()
    return bool(words) and words[-1] in _OPEN_ENDINGS


def ends_before_name(previous: str) -> bool:
    """True when ``previous`` ends with a word a proper name follows ("... tỉnh", "... ông")."""
    words = previous.rstrip().lower().split()
    return bool(words) and words[-1] in _NAME_BEFORE
