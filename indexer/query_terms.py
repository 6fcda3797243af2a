"""The plain words of a query as search terms: what each must match, and which count.

Vietnamese is written syllable by syllable, so a term is one syllable, except:

* an **abbreviation** ("UBND", "kntc", "QĐ") is one term that also matches what it stands
  for ("ủy ban nhân dân"), and
* each syllable of an **abbreviated name** ("ủy ban nhân dân") is a term of its own that
  the abbreviation ("UBND") also matches, so a text with the abbreviation has every
  syllable of the name, and the count of required terms does not depend on which names
  the table knows — only abbreviations of three letters or more, shorter ones being too
  ambiguous to look for in a text.

A word is taken as an abbreviation when the table (:mod:`indexer.abbreviations`) knows it
and it is typed in capitals ("BC", "TU") or cannot be a Vietnamese syllable ("ubnd", "qđ").

**Question phrases** ("văn bản nào", "là gì", ...) are dropped before matching, and
**function words** ("của", "và", "trong", ...) are terms that score but are never required,
so the number of words a document must share grows only with the words that carry meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from indexer.abbreviations import table
from indexer.normalize import fold, has_diacritics

#: Question phrases that say what kind of answer is wanted, not what it is about (folded).
STOP_PHRASES = tuple(
    sorted(
        (
            "van ban nao",
            "quy dinh gi",
            "la gi",
            "khi nao",
            "nhu the nao",
            "the nao",
            "ra sao",
            "bao lau",
            "bao nhieu",
            "hay khong",
            "co phai",
            "o dau",
        ),
        key=len,
        reverse=True,
    )
)
#: Function words and question particles, as typed with diacritics.
FUNCTION_WORDS = frozenset(
    [
        "của",
        "và",
        "các",
        "những",
        "trong",
        "cho",
        "về",
        "với",
        "là",
        "có",
        "được",
        "theo",
        "trên",
        "tại",
        "đến",
        "từ",
        "này",
        "đó",
        "thì",
        "mà",
        "khi",
        "để",
        "do",
        "bị",
        "một",
        "hoặc",
        "hay",
        "như",
        "nào",
        "gì",
        "sao",
        "mấy",
        "đâu",
        "ai",
        "ở",
        "ra",
        "vào",
        "đã",
        "đang",
        "sẽ",
        "cũng",
        "nhưng",
        "nếu",
        "vì",
        "bởi",
        "phải",
        "đối",
        "đây",
        "cùng",
        "rằng",
    ]
)
#: Those whose folded form is not also a common content word ("ve" is về and vệ).
FOLDED_FUNCTION_WORDS = frozenset(
    [
        "cua",
        "va",
        "cac",
        "nhung",
        "trong",
        "cho",
        "voi",
        "theo",
        "tren",
        "den",
        "nay",
        "thi",
        "ma",
        "khi",
        "de",
        "mot",
        "hoac",
        "hay",
        "nhu",
        "nao",
        "gi",
        "sao",
        "may",
        "dau",
        "o",
        "cung",
        "neu",
        "rang",
    ]
)
#: Abbreviations searched for as words in a text need at least this many letters.
MIN_SEARCHED_ABBREVIATION = 3

_WORD = re.compile(r"[^\W_]+")
#: The shape of a folded Vietnamese syllable (onset, vowels, coda), tones aside.
SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|nh|ch|tr|th|ph|kh|qu|gi|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)


@dataclass(frozen=True)
class Term:
    """One thing the query asks for."""

    text: str  # as typed: a syllable or an abbreviation
    alternatives: tuple[str, ...] = ()  # folded forms that count as the same term
    function: bool = False  # scores, never required
    #: The weight of a match on an alternative: one syllable of an abbreviated name has
    #: its share of the abbreviation.
    alternative_share: float = 1.0

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def exact(self) -> bool:
        """Typed with diacritics: matches with these diacritics rank first."""
        return has_diacritics(self.text)

    @property
    def phrase(self) -> bool:
        return " " in self.text


def drop_stop_phrases(text: str) -> str:
    """``text`` without the question phrases (compared folded, whole words only)."""
    words = text.split()
    folded = [fold(word).strip(",.;:?!") for word in words]
    kept: list[str] = []
    i = 0
    while i < len(words):
        for phrase in STOP_PHRASES:
            size = phrase.count(" ") + 1
            if " ".join(folded[i : i + size]) == phrase:
                i += size
                break
        else:
            kept.append(words[i])
            i += 1
    return " ".join(kept)


def terms(text: str) -> list[Term]:
    """The terms of a run of plain words, in order."""
    words = _WORD.findall(text)
    abbreviations = table()
    out: list[Term] = []
    i = 0
    while i < len(words):
        longest = min(abbreviations.longest_expansion, len(words) - i)
        for size in range(longest, 1, -1):
            name = " ".join(words[i : i + size])
            shorts = [
                s for s in abbreviations.abbreviations(name) if len(s) >= MIN_SEARCHED_ABBREVIATION
            ]
            if shorts:
                out += [
                    replace(_word(word), alternatives=tuple(shorts), alternative_share=1 / size)
                    for word in words[i : i + size]
                ]
                i += size
                break
        else:
            out.append(_word(words[i]))
            i += 1
    return out


def _word(word: str) -> Term:
    if is_abbreviation(word):
        return Term(word, tuple(table().expansions(word)))
    lower = word.lower()
    folded_function = not has_diacritics(word) and lower in FOLDED_FUNCTION_WORDS
    return Term(word, function=lower in FUNCTION_WORDS or folded_function)


def is_abbreviation(word: str) -> bool:
    """A word the table knows, typed in capitals or impossible as a syllable."""
    if len(word) < 2 or not table().expansions(word):
        return False
    return word.isupper() or not SYLLABLE.fullmatch(fold(word))


def required(terms_: list[Term]) -> int:
    """How many of the meaning-carrying terms a document must match: all of one or two,
    all but one of three or four, then half (rounded up) — a 7-term query wants 4."""
    count = sum(1 for term in terms_ if not term.function)
    if count <= 2:
        return count
    if count <= 4:
        return count - 1
    return (count + 1) // 2
