"""TCVN 5712:1993 (TCVN3, "ABC") 8-bit Vietnamese, as Word and python-docx hand it over.

Word keeps each legacy byte as the Latin-1 character with the same value, so "Céng hßa"
is "Cộng hòa". The table is the full VN1 repertoire (the one glibc calls TCVN5712-1):
lower-case letters in 0xA8-0xFE, the seven bare capitals Ă Â Ê Ô Ơ Ư Đ in 0xA1-0xA7,
combining tone marks in 0xB0-0xB4, and toned capitals in spare slots of C0, 0x80-0x9F and
0xAF-0xFF. ABC fonts such as .VnTime implement only the lower-case part; for toned
capitals documents use .VnTimeH, which draws the lower-case codes as capitals.

Word shows bytes 0x80-0x9F as their Windows-1252 characters; in VN1 text they are toned
capitals ("žy" is "Ủy"). ABC documents do use a few of them as punctuation (curly quotes,
dashes, ellipsis, bullet): a word holding one of those is read with capitals only when that
turns it into Vietnamese and the punctuation reading does not. Raw C1 characters
U+0080-U+009F and the other Windows-1252 characters are always capitals.
"""

import re
import unicodedata

from indexer.normalize.syllable import ACUTE, DOT, GRAVE, HOOK, TILDE, is_valid_syllable

# Byte values for each vowel with the tones grave, hook above, tilde, acute, dot below.
_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9), "A": (0x80, 0x81, 0x82, 0x83, 0x84),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6), "Ă": (0xAF, 0xBA, 0xBF, 0xC0, 0x85),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB), "Â": (0xC1, 0xC2, 0xC3, 0xC4, 0x86),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1), "E": (0x87, 0x88, 0x89, 0x8A, 0x8B),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6), "Ê": (0xC5, 0xCD, 0xD9, 0xDA, 0x8C),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE), "I": (0x8D, 0x8E, 0x8F, 0x90, 0x91),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4), "O": (0x92, 0x93, 0x94, 0x95, 0x96),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9), "Ô": (0xDB, 0xE0, 0xF0, 0xFF, 0x97),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE), "Ơ": (0x98, 0x99, 0x9A, 0x9B, 0x9C),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4), "U": (0x9D, 0x9E, 0x9F, 0x01, 0x02),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9), "Ư": (0x04, 0x05, 0x06, 0x11, 0x12),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE), "Y": (0x13, 0x14, 0x15, 0x16, 0x17),
}  # fmt: skip
_TONE_ORDER = (GRAVE, HOOK, TILDE, ACUTE, DOT)
_BARE = dict(zip(range(0xA1, 0xAF), "ĂÂÊÔƠƯĐăâêôơưđ", strict=True))
_COMBINING = dict(zip(range(0xB0, 0xB5), _TONE_ORDER, strict=True))

# Code point of the Latin-1 character Word shows for a byte -> the Vietnamese text.
_TABLE: dict[int, str] = {
    byte: unicodedata.normalize("NFC", vowel + tone)
    for vowel, codes in _TONED.items()
    for byte, tone in zip(codes, _TONE_ORDER, strict=True)
}
_TABLE.update(_BARE)
_TABLE.update(_COMBINING)


# Byte 0x80-0x9F -> its Windows-1252 character, for the 27 bytes Windows-1252 defines.
CP1252_HIGH = {
    byte: bytes([byte]).decode("cp1252")
    for byte in range(0x80, 0xA0)
    if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_PUNCTUATION = "…‘’“”•–—"
_PUNCTUATION_TO_C1 = {ord(char): byte for byte, char in CP1252_HIGH.items() if char in _PUNCTUATION}
_TABLE.update(
    {ord(char): _TABLE[byte] for byte, char in CP1252_HIGH.items() if char not in _PUNCTUATION}
)
_WORD_WITH_PUNCTUATION = re.compile(f"\\S*[{_PUNCTUATION}]\\S*")
_LETTERS = re.compile(r"[^\W\d_]+")


def _letter_runs(decoded: str) -> list[str]:
    return _LETTERS.findall(unicodedata.normalize("NFC", decoded).lower())


def _capitals_or_punctuation(match: re.Match[str]) -> str:
    word = match.group()
    as_capitals = word.translate(_PUNCTUATION_TO_C1)
    capital_runs = _letter_runs(as_capitals.translate(_TABLE))
    punctuation_runs = _letter_runs(word.translate(_TABLE))
    if all(map(is_valid_syllable, capital_runs)) and not all(
        map(is_valid_syllable, punctuation_runs)
    ):
        return as_capitals
    return word


def decode_tcvn3(text: str, *, uppercase: bool = False) -> str:
    """Decode TCVN3 text held as Latin-1 characters; `uppercase` for .VnTimeH-style fonts."""
    text = _WORD_WITH_PUNCTUATION.sub(_capitals_or_punctuation, text)
    decoded = unicodedata.normalize("NFC", text.translate(_TABLE))
    return decoded.upper() if uppercase else decoded
