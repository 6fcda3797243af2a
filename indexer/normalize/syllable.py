"""Structure of a written Vietnamese syllable: onset, nucleus (vowel run) and coda.

The checker is deliberately compact: a list of onsets, a list of rimes (nucleus plus coda,
tone removed) and the rule that stop codas (c, ch, p, t) take only the acute or dot-below
tone. It is used to place tone marks, to tell legacy-encoded text from Unicode text and to
decide whether two fragments split by a line-end hyphen form one syllable.
"""

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
TONE_MARKS = (GRAVE, HOOK, TILDE, ACUTE, DOT)
VOWELS = frozenset("aăâeêioôơuưy")

# Longest first, so "ngh" is tried before "ng" and "n".
_ONSETS = (
    "ngh", "ng", "gh", "nh", "ch", "tr", "th", "ph", "kh", "qu", "gi",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip
_STOP_CODAS = frozenset(("c", "ch", "p", "t"))
_CODAS = frozenset(("", "m", "n", "ng", "nh")) | _STOP_CODAS

# Nucleus -> the codas it takes ("-" stands for no coda). Semivowel endings (ai, ao, ...)
# are part of the nucleus here, because tone placement counts them as vowels.
_RIME_TABLE = {
    "a": "- c ch m n ng nh p t", "ai": "-", "ao": "-", "au": "-", "ay": "-",
    "ă": "c m n ng p t",
    "â": "c m n ng p t", "âu": "-", "ây": "-",
    "e": "- c m n ng p t", "eo": "-",
    "ê": "- ch m n nh p t", "êu": "-",
    "i": "- ch m n nh p t", "ia": "-", "iu": "-",
    "iê": "c m n ng p t", "iêu": "-",
    "o": "- c m n ng p t", "oi": "-", "oo": "c ng",
    "oa": "- c ch m n ng nh p t", "oai": "-", "oao": "-", "oay": "-",
    "oă": "c m n ng t",
    "oe": "- n t", "oeo": "-",
    "ô": "- c m n ng p t", "ôi": "-",
    "ơ": "- m n p t", "ơi": "-",
    "u": "- c m n ng p t", "ua": "-", "ui": "-",
    "uâ": "n ng t", "uây": "-",
    "uê": "- ch n nh",
    "uô": "c m n ng t", "uôi": "-",
    "uơ": "-",
    "uy": "- ch n nh p t", "uya": "-", "uyu": "-",
    "uyê": "n t",
    "ư": "- c m n ng t", "ưa": "-", "ưi": "-", "ưu": "-",
    "ươ": "c m n ng p t", "ươi": "-", "ươu": "-",
    "y": "-", "yê": "m n ng t", "yêu": "-",
}  # fmt: skip
_RIMES = frozenset(
    nucleus + ("" if coda == "-" else coda)
    for nucleus, codas in _RIME_TABLE.items()
    for coda in codas.split()
)

_VOWEL_RUN = re.compile("[aăâeêioôơuưy]*")
#: Letters in the longest syllable (onset plus rime): ``is_valid_syllable`` is False for longer
#: words, since a tone mark or a lower-case letter never makes a word shorter.
LONGEST = max(map(len, _ONSETS)) + max(map(len, _RIMES))


class Syllable(NamedTuple):
    """A toneless lower-case syllable split into its parts."""

    onset: str
    nucleus: str
    coda: str


def _is_rime(onset: str, rime: str) -> bool:
    # After "qu" the u belongs to the onset, but "quyết" is still written with the rime "uyêt".
    return rime in _RIMES or (onset == "qu" and "u" + rime in _RIMES)


@lru_cache(maxsize=16384)
def parse(base: str) -> Syllable | None:
    """Split a toneless lower-case syllable, or return None if it is not Vietnamese."""
    for onset in _ONSETS:
        if not base.startswith(onset):
            continue
        rest = base[len(onset) :]
        if onset in ("gi", "qu") and not (rest and rest[0] in VOWELS):
            continue
        nucleus = _VOWEL_RUN.match(rest).group()
        coda = rest[len(nucleus) :]
        if nucleus and coda in _CODAS and _is_rime(onset, rest):
            return Syllable(onset, nucleus, coda)
    return None


def split_tone(char: str) -> tuple[str, str]:
    """Return (character without its tone mark, tone mark or "")."""
    decomposed = unicodedata.normalize("NFD", char)
    for mark in TONE_MARKS:
        if mark in decomposed:
            return unicodedata.normalize("NFC", decomposed.replace(mark, "")), mark
    return char, ""


@lru_cache(maxsize=65536)
def is_valid_syllable(word: str) -> bool:
    """True if `word` (any case, NFC) is a well-formed Vietnamese syllable.

    The word must be lower-case, upper-case or capitalised, carry at most one tone mark, and
    a syllable closed by c/ch/p/t must carry the acute or dot-below tone.
    """
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    bases = []
    tones = []
    for char in word.lower():
        base, tone = split_tone(char)
        bases.append(base)
        if tone:
            tones.append(tone)
    if len(tones) > 1:
        return False
    syllable = parse("".join(bases))
    if syllable is None:
        return False
    return syllable.coda not in _STOP_CODAS or tones[:1] in ([ACUTE], [DOT])


_WORD = re.compile(r"[^\W\d_]+")


def valid_share(text: str) -> float:
    """Share of the letter runs in `text` that are valid Vietnamese syllables, ignoring case."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    return sum(is_valid_syllable(word.lower()) for word in words) / len(words)
