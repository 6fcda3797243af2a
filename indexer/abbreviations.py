"""The administrative and Party abbreviations staff type, read from
``schemas/abbreviations.tsv`` (one meaning a line: abbreviation, expansion, kind).

Both directions are looked up by folded text (no diacritics, đ→d, lower case): "UBND",
"ubnd" and "ủbnd" are the same abbreviation; "ủy ban nhân dân", "uỷ ban nhân dân" and
"uy ban nhan dan" the same expansion. The query builder uses them at query time
(:mod:`indexer.query_terms`); the index holds the text as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from indexer.normalize import fold

PATH = Path(__file__).resolve().parents[1] / "schemas" / "abbreviations.tsv"
KINDS = frozenset(("body", "party", "type", "topic", "law", "place"))


@dataclass(frozen=True)
class Abbreviation:
    short: str  # as written in the file: "UBND", "TTr", "QĐ"
    expansion: str  # "ủy ban nhân dân"
    kind: str


class AbbreviationError(ValueError):
    """A malformed line of the abbreviations file (the message names it)."""


def parse(text: str, source: str = "abbreviations") -> list[Abbreviation]:
    """The entries of a file's text; blank lines and ``#`` comments are skipped."""
    out: list[Abbreviation] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [part.strip() for part in line.split("\t")]
        if len(parts) != 3 or not all(parts):
            raise AbbreviationError(f"{source}:{number}: want 3 tab-separated fields: {line!r}")
        short, expansion, kind = parts
        if kind not in KINDS:
            raise AbbreviationError(f"{source}:{number}: unknown kind {kind!r}")
        if not short.isalnum() or " " in short:
            raise AbbreviationError(f"{source}:{number}: abbreviation must be one word: {short!r}")
        if len(expansion.split()) < 2:
            raise AbbreviationError(f"{source}:{number}: expansion must be words: {expansion!r}")
        out.append(Abbreviation(short, " ".join(expansion.split()), kind))
    return out


class Table:
    """Lookups in both directions, by folded text."""

    def __init__(self, entries: list[Abbreviation]) -> None:
        self.entries = tuple(entries)
        self._expansions: dict[str, list[str]] = {}
        self._shorts: dict[str, list[str]] = {}
        for entry in entries:
            short, expansion = fold(entry.short).lower(), fold(entry.expansion).lower()
            _add(self._expansions, short, expansion)
            _add(self._shorts, expansion, short)
        self.longest_expansion = max((len(e.split()) for e in self._shorts), default=0)

    def expansions(self, word: str) -> list[str]:
        """Folded expansions of an abbreviation ("ubnd" → ["uy ban nhan dan"])."""
        return list(self._expansions.get(fold(word).lower(), ()))

    def abbreviations(self, phrase: str) -> list[str]:
        """Folded abbreviations of an expansion ("ủy ban nhân dân" → ["ubnd"])."""
        return list(self._shorts.get(" ".join(fold(phrase).lower().split()), ()))


def _add(mapping: dict[str, list[str]], key: str, value: str) -> None:
    values = mapping.setdefault(key, [])
    if value not in values:
        values.append(value)


@cache
def table() -> Table:
    """The table of ``schemas/abbreviations.tsv`` (read once per process)."""
    return Table(parse(PATH.read_text(encoding="utf-8"), PATH.name))
