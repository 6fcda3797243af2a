"""Decode the bytes of a plain-text file whose encoding nobody recorded."""

import codecs
import unicodedata

from charset_normalizer import from_bytes

from indexer.normalize.legacy import MIN_GAIN, MIN_SHARE, repair
from indexer.normalize.syllable import valid_share
from indexer.normalize.tcvn3 import CP1252_HIGH

# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _from_bom(data: bytes) -> tuple[str, str] | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.removesuffix("-sig")
            except UnicodeDecodeError:
                return None
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text shows a zero byte in most ASCII characters, always on the same side."""
    pairs = len(data) // 2
    if pairs == 0 or len(data) % 2:
        return None
    even_zeros, odd_zeros = data[0::2].count(0), data[1::2].count(0)
    codec = None
    if odd_zeros > 0.3 * pairs and even_zeros < 0.05 * pairs:
        codec = "utf-16-le"
    elif even_zeros > 0.3 * pairs and odd_zeros < 0.05 * pairs:
        codec = "utf-16-be"
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _windows1258(data: bytes) -> str | None:
    try:
        return unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a TXT file; returns (text, source encoding).

    Tried in order: a byte-order mark, UTF-16 without one, strict UTF-8, legacy VNI/TCVN3
    bytes, Windows-1258 (recomposed to NFC), then Windows-1252 unless charset-normalizer
    rules it out and names another code page. UTF-8 text that turns out to be VNI/TCVN3
    mojibake (a legacy document saved as UTF-8) is repaired and reported as "vni"/"tcvn3".
    """
    found = _from_bom(data)
    if found is not None:
        return found
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        repaired, encoding = repair(text)
        return repaired, "utf-8" if encoding == "unicode" else encoding

    # Windows-1252, except that its five undefined bytes stay Latin-1 (C1) characters.
    western = data.decode("latin-1").translate(CP1252_HIGH)
    repaired, encoding = repair(western)
    if encoding != "unicode":
        return repaired, encoding
    vietnamese = _windows1258(data)
    if vietnamese is not None:
        share = valid_share(vietnamese)
        if share >= MIN_SHARE and share >= valid_share(western) + MIN_GAIN:
            return vietnamese, "windows-1258"
    # Western text is the common case on Vietnamese Windows machines; charset-normalizer is
    # asked only whether Windows-1252 is plausible and, if not, what else is.
    guesses = from_bytes(data)
    if any("cp1252" in guess.could_be_from_charset for guess in guesses):
        return western, "windows-1252"
    best = guesses.best()
    if best is not None:
        return str(best), best.encoding
    return western, "windows-1252"
