"""Legacy 8-bit Vietnamese text (TCVN3, VNI): pick the encoding by font or by statistics.

`repair` and `decode_run` only decode; tone placement is left to `normalize_text`.
"""

import re

from indexer.normalize.syllable import valid_share
from indexer.normalize.tcvn3 import decode_tcvn3
from indexer.normalize.vni import decode_vni

__all__ = [
    "decode_run",
    "decode_tcvn3",
    "decode_vni",
    "detect_legacy",
    "font_encoding",
    "is_uppercase_font",
    "repair",
]

# Letters and marks that only Unicode Vietnamese has; legacy text shows none of them.
_UNICODE_VIETNAMESE = re.compile(
    "[ăĂđĐĩĨũŨơƠưƯ\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323\u1ea0-\u1ef9]"
)
# Both legacy encodings put their letters in the upper half of the 8-bit range.
_HIGH_LATIN1 = re.compile("[\u0080-\u00ff]")

# A decoding must reach this share of valid syllables and beat the text as it stands by
# this margin; Unicode Vietnamese scores above 0.9 on its own, so it is never "repaired".
MIN_SHARE = 0.6
MIN_GAIN = 0.25

# TCVN3 has no toned capitals outside .VnTimeH-style fonts, so in plain text "CéNG" is
# "CỘNG": a word whose later ASCII letters are all capitals is an all-caps word.
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def font_encoding(font_name: str | None) -> str | None:
    """Return "tcvn3" for ABC fonts (.VnTime, .VnArialH, ...), "vni" for VNI-* fonts, else None."""
    if not font_name:
        return None
    name = font_name.strip().lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith(("vni-", "vni ")):
        return "vni"
    return None


def is_uppercase_font(font_name: str | None) -> bool:
    """True for ABC capital fonts (.VnTimeH, .VnArialH, ...), which draw every code as a capital."""
    if not font_name or font_encoding(font_name) != "tcvn3":
        return False
    return font_name.strip().endswith("H")


def decode_run(text: str, font_name: str | None) -> tuple[str, str | None]:
    """Decode one DOCX run by its font; returns (text, encoding used or None).

    A run already holding Unicode Vietnamese is returned as is, as happens when a converted
    document kept its old font names.
    """
    encoding = font_encoding(font_name)
    if encoding is None or _UNICODE_VIETNAMESE.search(text):
        return text, None
    if encoding == "vni":
        return decode_vni(text), encoding
    return decode_tcvn3(text, uppercase=is_uppercase_font(font_name)), encoding


def detect_legacy(text: str) -> str:
    """Return "tcvn3", "vni" or "unicode": the reading with the highest share of valid syllables."""
    if _UNICODE_VIETNAMESE.search(text) or not _HIGH_LATIN1.search(text):
        return "unicode"
    best, best_share = "unicode", valid_share(text) + MIN_GAIN
    for encoding, decode in (("tcvn3", decode_tcvn3), ("vni", decode_vni)):
        share = valid_share(decode(text))
        if share >= MIN_SHARE and share > best_share:
            best, best_share = encoding, share
    return best


def _restore_caps(match: re.Match[str]) -> str:
    word = match.group()
    tail = [char for char in word[1:] if char.isascii()]
    if tail and all(char.isupper() for char in tail):
        return word.upper()
    return word


def repair(text: str) -> tuple[str, str]:
    """Decode legacy TCVN3/VNI text; returns (text, "tcvn3" | "vni" | "unicode").

    Unicode text comes back unchanged, so repair is idempotent. Tone marks are not moved.
    """
    encoding = detect_legacy(text)
    if encoding == "vni":
        return decode_vni(text), encoding
    if encoding == "tcvn3":
        return _LETTER_RUN.sub(_restore_caps, decode_tcvn3(text)), encoding
    return text, encoding
