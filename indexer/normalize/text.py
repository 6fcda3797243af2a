"""Ingest-time text normalisation, applied alike to document text and to search queries.

`normalize_text` expects Unicode; legacy TCVN3/VNI text is decoded first (`repair`,
`decode_run`, `decode_bytes`).
"""

import re
import unicodedata

from indexer.normalize.syllable import LONGEST, is_valid_syllable
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
_LETTERS = re.compile(r"[^\W\d_]*")
# A line-end hyphen between two letters; the text between two of them is a "part".
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-\n(?=[^\W\d_])")


def _joins(left: str | None, right: str | None, first: str) -> bool:
    """Join "ng-" + "ười"; keep "Độc lập -" / "Tự do", "kinh tế-" / "xã hội", "QĐ-" / "UBND".

    ``left`` and ``right`` are the letters either side of the hyphen, None when longer than
    any syllable; ``first`` is the first letter after the line break."""
    if left is not None and right is not None and is_valid_syllable(left + right):
        return True
    left_valid = left is not None and is_valid_syllable(left)
    right_valid = right is not None and is_valid_syllable(right)
    return first.islower() and not (left_valid and right_valid)


class _Breaks:
    """The line-end hyphens of a text and which of them are joined so far."""

    def __init__(self, text: str) -> None:
        self.parts = _LINE_END_HYPHEN.split(text)
        self.joined = [False] * (len(self.parts) - 1)
        self.leading = [_LETTERS.match(part).end() for part in self.parts]
        self.trailing = [_LETTERS.match(part[::-1]).end() for part in self.parts]

    def left(self, index: int) -> str | None:
        """The letters before hyphen ``index`` (across joined ones), None past LONGEST."""
        chunks: list[str] = []
        size, part = 0, index
        while True:
            text, letters = self.parts[part], self.trailing[part]
            take = min(letters, LONGEST + 1 - size)
            chunks.append(text[len(text) - take :])
            size += take
            if size > LONGEST:
                return None
            if letters < len(text) or part == 0 or not self.joined[part - 1]:
                return "".join(reversed(chunks))
            part -= 1

    def right(self, index: int) -> str | None:
        """The letters after hyphen ``index`` (across joined ones), None past LONGEST."""
        chunks: list[str] = []
        size, part = 0, index + 1
        while True:
            text, letters = self.parts[part], self.leading[part]
            take = min(letters, LONGEST + 1 - size)
            chunks.append(text[:take])
            size += take
            if size > LONGEST:
                return None
            if letters < len(text) or part == len(self.joined) or not self.joined[part]:
                return "".join(chunks)
            part += 1

    def decide(self, index: int) -> bool:
        return _joins(self.left(index), self.right(index), self.parts[index + 1][0])

    def text(self) -> str:
        hyphens = ["" if joined else "-\n" for joined in self.joined] + [""]
        return "".join(part + hyphen for part, hyphen in zip(self.parts, hyphens, strict=True))


def _join_broken_words(text: str) -> str:
    """Join words broken at line ends: in rounds, each deciding every hyphen not yet joined
    on the text as the round found it, until a round joins none.

    A hyphen's letters change only when a neighbouring hyphen is joined, so after the first
    round only the hyphens next to the last round's joins are decided again: linear, where
    redoing the whole text each round is quadratic in a long run of broken words."""
    breaks = _Breaks(text)
    count = len(breaks.joined)
    before, after = list(range(-1, count - 1)), list(range(1, count + 1))
    pending = list(range(count))
    while pending:
        joins = [index for index in pending if breaks.decide(index)]
        neighbours = set()
        for index in joins:
            breaks.joined[index] = True
            previous, following = before[index], after[index]
            if previous >= 0:
                after[previous] = following
            if following < count:
                before[following] = previous
            neighbours.update((previous, following))
        pending = sorted(i for i in neighbours if 0 <= i < count and not breaks.joined[i])
    return breaks.text()


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
