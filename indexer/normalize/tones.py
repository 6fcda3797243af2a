"""One tone-mark placement for every Vietnamese syllable (docs/domain.md §4.2).

The canonical form puts the mark on the first vowel of the open rimes oa, oe and uy
("hòa", "khỏe", "thủy"), the style most official documents use.
"""

import re
import unicodedata
from functools import lru_cache

from indexer.normalize.syllable import TONE_MARKS, VOWELS, Syllable, parse

_QUALITY_VOWELS = frozenset("ăâêôơư")

_BASES = "".join(sorted(VOWELS)) + "".join(sorted(VOWELS)).upper()
# (vowel, tone mark) -> precomposed letter, and back.
_JOIN = {
    (base, mark): unicodedata.normalize("NFC", base + mark)
    for base in _BASES
    for mark in TONE_MARKS
}
_SPLIT = {char: key for key, char in _JOIN.items()}

# A whole letter run that holds at least one toned vowel; only these can need a change. Runs
# touching a combining mark (one NFC could not compose) are left alone.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_TONED_WORD = re.compile(
    rf"(?<![^\W\d_])(?<![{_MARKS}])"
    rf"[^\W\d_]*[{''.join(sorted(_SPLIT))}][^\W\d_]*"
    rf"(?![^\W\d_])(?![{_MARKS}])"
)


def _tone_index(syllable: Syllable) -> int:
    """Index inside the nucleus where the tone mark belongs (§4.2 step 3)."""
    nucleus = syllable.nucleus
    if "ươ" in nucleus:
        return nucleus.index("ơ")
    for index, vowel in enumerate(nucleus):
        if vowel in _QUALITY_VOWELS:
            return index
    if len(nucleus) == 1:
        return 0
    if syllable.coda:
        return len(nucleus) - 1
    if len(nucleus) == 3:
        return 1
    # Open oa/oe/uy and every other two-vowel nucleus (ai, ia, ua, ...): the first vowel.
    return 0


@lru_cache(maxsize=65536)
def _canonical_word(word: str) -> str:
    toned = [index for index, char in enumerate(word) if char in _SPLIT]
    if len(toned) != 1:
        return word
    current = toned[0]
    base, mark = _SPLIT[word[current]]
    bare = word[:current] + base + word[current + 1 :]
    syllable = parse(bare.lower())
    if syllable is None:
        return word
    target = len(syllable.onset) + _tone_index(syllable)
    if target == current:
        return word
    return bare[:target] + _JOIN[bare[target], mark] + bare[target + 1 :]


def _replace(match: re.Match[str]) -> str:
    return _canonical_word(match.group())


def canonical_tones(text: str) -> str:
    """Move every tone mark to its canonical vowel ("hoà" -> "hòa", "qúy" -> "quý").

    Case is kept letter by letter; letter runs that are not a Vietnamese syllable are left
    alone. The result is NFC and has as many code points as the NFC input.
    """
    return _TONED_WORD.sub(_replace, unicodedata.normalize("NFC", text))
