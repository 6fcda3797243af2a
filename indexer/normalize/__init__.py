"""Vietnamese text normalisation: legacy encodings, tone placement, folding."""

from indexer.normalize.charset import decode_bytes
from indexer.normalize.legacy import (
    decode_run,
    detect_legacy,
    font_encoding,
    is_uppercase_font,
    repair,
)
from indexer.normalize.text import clean_text, fold, has_diacritics, normalize_text
from indexer.normalize.tones import canonical_tones

__all__ = [
    "canonical_tones",
    "clean_text",
    "decode_bytes",
    "decode_run",
    "detect_legacy",
    "fold",
    "font_encoding",
    "has_diacritics",
    "is_uppercase_font",
    "normalize_text",
    "repair",
]
