"""The issuing body of a document, as one canonical name for the issuer facet.

Issuers are printed many ways: "UBND TỈNH THÁI BÌNH" and "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH",
"Uỷ ban" and "Ủy ban", an OCR misreading ("ỦY BAN NHẨN DÂN"), or a header read too far
("ỦY BAN NHÂN DÂN TỈNH X CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - ..."). The canonical
name is the printed one with the tone placement normalised, cut before the national motto
or the number line, abbreviations of bodies written out (``schemas/abbreviations.tsv``),
the body's name corrected to a known one when its words differ by a misread letter, in
capitals. A bare "ỦY BAN NHÂN DÂN" (the header lost its place) stays what it is: which
province's committee it is cannot be told from the name.
"""

from __future__ import annotations

import re
from functools import cache

from indexer.abbreviations import table
from indexer.normalize import fold, normalize_text
from indexer.query_terms import is_abbreviation

#: Words kept of an issuer (the longest real names have about a dozen).
MAX_WORDS = 14
#: Where a header line that was read too far stops being the issuer (folded).
_STOPS = re.compile(
    r"\b(?:cong hoa xa hoi|doc lap|dang cong san viet nam|so\s*:|so\s+\d|v/v)", re.IGNORECASE
)
_SPACE = re.compile(r"\s+")


def canonical_issuer(printed: str | None) -> str | None:
    """The canonical name of the body that issued a document, or None when none is printed."""
    if not printed or not printed.strip():
        return None
    text = _SPACE.sub(" ", normalize_text(printed)).strip(" -–—:;,.")
    stop = _STOPS.search(fold(text))
    if stop and stop.start() > 0:  # fold keeps the length of NFC Vietnamese text
        text = text[: stop.start()].strip(" -–—:;,.")
    words = [_written_out(word) for word in text.split()[:MAX_WORDS]]
    name = " ".join(words)
    return _known_body(name).upper() or None


def _written_out(word: str) -> str:
    """A body's abbreviation written out ("UBND" → "ủy ban nhân dân"), else the word."""
    if not is_abbreviation(word):
        return word
    entries = [e for e in table().entries if fold(e.short).lower() == fold(word).lower()]
    bodies = [e.expansion for e in entries if e.kind in ("body", "party")]
    return bodies[0] if len(bodies) == 1 else word


def _known_body(name: str) -> str:
    """``name`` with its leading body name replaced by the known one it misreads, if any
    (word by word, folded: equal, or one letter wrong in a word of four letters or more)."""
    words = name.split()
    for known in _body_names():
        wanted = known.split()
        if len(wanted) > len(words):
            continue
        head = [fold(word).lower() for word in words[: len(wanted)]]
        if all(_misread(a, fold(b)) for a, b in zip(head, wanted, strict=True)):
            return " ".join([known, *words[len(wanted) :]])
    return name


def _misread(seen: str, known: str) -> bool:
    """Equal, or one letter replaced, added or dropped (words of four letters or more)."""
    if seen == known:
        return True
    if min(len(seen), len(known)) < 4 or abs(len(seen) - len(known)) > 1:
        return False
    if len(seen) == len(known):
        return sum(a != b for a, b in zip(seen, known, strict=True)) == 1
    short, long_ = sorted((seen, known), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@cache
def _body_names() -> tuple[str, ...]:
    """The bodies' full names of the abbreviations table, longest first."""
    names = {e.expansion for e in table().entries if e.kind in ("body", "party")}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))
