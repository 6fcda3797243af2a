"""VNI-Windows 8-bit Vietnamese (fonts VNI-Times, VNI-Helve, ...), held as Latin-1 characters.

A toned vowel is an ASCII vowel followed by one mark character ("Vieät" = "Việt"); a few
letters are single characters (ñ = đ, ô = ơ, ö = ư, ò = ị, ...). Mark characters come in a
lower-case and an upper-case form; both are accepted after either case of vowel.
"""

import re
import unicodedata

from indexer.normalize.syllable import ACUTE, DOT, GRAVE, HOOK, TILDE

_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"

_LETTERS = {
    "ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
    "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ",
}  # fmt: skip
_LETTER_TABLE = str.maketrans(_LETTERS)

# Mark character (lower-case form) -> combining marks it adds, and the vowels it may follow.
_TONE_ONLY = "aeouyơư"
_MARKS = {
    "ø": (GRAVE, _TONE_ONLY), "û": (HOOK, _TONE_ONLY), "õ": (TILDE, _TONE_ONLY),
    "ù": (ACUTE, _TONE_ONLY), "ï": (DOT, _TONE_ONLY),
    "â": (_CIRCUMFLEX, "aeo"), "à": (_CIRCUMFLEX + GRAVE, "aeo"), "å": (_CIRCUMFLEX + HOOK, "aeo"),
    "ã": (_CIRCUMFLEX + TILDE, "aeo"), "á": (_CIRCUMFLEX + ACUTE, "aeo"),
    "ä": (_CIRCUMFLEX + DOT, "aeo"),
    "ê": (_BREVE, "a"), "è": (_BREVE + GRAVE, "a"), "ú": (_BREVE + HOOK, "a"),
    "ü": (_BREVE + TILDE, "a"), "é": (_BREVE + ACUTE, "a"), "ë": (_BREVE + DOT, "a"),
}  # fmt: skip

# "vowel + mark character" -> precomposed letter, for every case combination.
_PAIRS = {
    vowel_case + mark_case: unicodedata.normalize("NFC", vowel_case + combining)
    for mark, (combining, vowels) in _MARKS.items()
    for vowel in vowels
    for vowel_case in (vowel, vowel.upper())
    for mark_case in (mark, mark.upper())
}
_PAIR_VOWELS = "".join(sorted({pair[0] for pair in _PAIRS}))
_PAIR_MARKS = "".join(sorted({pair[1] for pair in _PAIRS}))
_PAIR = re.compile(f"[{_PAIR_VOWELS}][{_PAIR_MARKS}]")


def _compose(match: re.Match[str]) -> str:
    pair = match.group()
    return _PAIRS.get(pair, pair)


def decode_vni(text: str) -> str:
    """Decode VNI-Windows text held as Latin-1 characters ("Coäng hoøa" -> "Cộng hòa")."""
    return _PAIR.sub(_compose, text.translate(_LETTER_TABLE))
