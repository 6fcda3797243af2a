"""Ingest-time text normalisation, applied alike to document text and to search queries.

`normalize_text` expects Unicode; legacy TCVN3/VNI text is decoded first (`repair`,
`decode_run`, `decode_bytes`).
"""

import re
import unicodedata

from indexer.normalize.syllable import is_valid_syllable
from indexer.normalize.tones import canonical_tones

_LINE_BREAK = re.compile("\r\n?|[\v\x85\u2028\u2029]")


def _code_points(*ranges: tuple[int, int]) -> list[int]:
    return [point for first, last in ranges for point in range(first, last + 1)]


# Control characters other than \t \n \f, and every format character (zero-width space and
# joiners, soft hyphen, bidi controls, BOM, ...).
_DROPPED = _code_points(
    (0x00, 0x08), (0x0E, 0x1F), (0x7F, 0x84), (0x86, 0x9F),
    (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F),
    (0x890, 0x891), (0x8E2, 0x8E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip
# Every space separator other than the plain space.
_SPACES = _code_points((0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x202F, 0x202F),
                       (0x205F, 0x205F), (0x3000, 0x3000))  # fmt: skip
_DASHES = _code_points((0x2010, 0x2015), (0x2212, 0x2212))

_TABLE: dict[int, str | None] = {
    **dict.fromkeys(_DROPPED),
    **dict.fromkeys(_SPACES, " "),
    **dict.fromkeys(_DASHES, "-"),
    0xD0: "Đ",  # Icelandic eth, a common look-alike of Đ/đ
    0xF0: "đ",
}

_SPACE_RUN = re.compile(" {2,}")
_SPACE_AROUND_BREAK = re.compile(" *\n *")
# The left fragment starts where its letter run starts: without the look-behind, a long
# run of letters with no line-end hyphen is scanned again from each of its letters
# (quadratic); with it, a try inside a run fails at once. Matches are the same, since a
# try from a run's first letter fails exactly when every try inside that run fails.
_LINE_END_HYPHEN = re.compile(r"(?<![^\W\d_])([^\W\d_]+)-\n(?=([^\W\d_]+))")


def _join_hyphenated(match: re.Match[str]) -> str:
    """Join "ng-" + "ười"; keep "Độc lập -" / "Tự do", "kinh tế-" / "xã hội", "QĐ-" / "UBND"."""
    left, right = match.groups()
    if is_valid_syllable(left + right):
        return left
    if right[0].islower() and not (is_valid_syllable(left) and is_valid_syllable(right)):
        return left
    return match.group()


def _join_broken_words(text: str) -> str:
    while True:
        joined = _LINE_END_HYPHEN.sub(_join_hyphenated, text)
        if joined == text:
            return text
        text = joined


def clean_text(text: str) -> str:
    """NFC, Đ look-alikes, spaces, dashes, invisible characters and broken words — the text
    as printed, made clean; tone placement is left as the author wrote it.

    Line breaks are kept (as \\n); runs of spaces become one space and spaces at line ends go.
    """
    text = _LINE_BREAK.sub("\n", text).translate(_TABLE)
    text = unicodedata.normalize("NFC", text)
    text = _SPACE_AROUND_BREAK.sub("\n", _SPACE_RUN.sub(" ", text)).strip(" ")
    return _join_broken_words(text)


def normalize_text(text: str) -> str:
    """:func:`clean_text` plus one tone placement ("hoà" -> "hòa"): the form that is indexed
    and that queries are brought to, so both spellings find each other."""
    return canonical_tones(clean_text(text))


def fold(text: str) -> str:
    """Lower-case, drop every diacritic and map đ to d: "Ủy ban ĐẢNG" -> "uy ban dang"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare.translate({0x111: "d", 0xF0: "d"}))


def has_diacritics(text: str) -> bool:
    """True if `text` has a tone or vowel mark, or the letter đ/Đ."""
    if any(char in "đĐðÐ" for char in text):
        return True
    return any(unicodedata.combining(char) for char in unicodedata.normalize("NFD", text))
