"""Reading what a user typed into the search box, safely.

The syntax is small and forgiving: ``"quoted phrases"``, ``-word`` and ``-"phrase"`` to
exclude, ``OR`` between alternatives. Anything else is plain text. No input is an error:
an unclosed quote runs to the end, a lone ``-`` or a dangling ``OR`` is ignored, and the
length is capped.

Vietnamese words have several syllables, so ``OR`` joins *runs* of plain words, not single
syllables: ``tham nhũng OR lãng phí`` means "tham nhũng" or "lãng phí"; a phrase or an
excluded term ends a run (``"đất đai" tham nhũng OR lãng phí`` requires "đất đai").

Besides the text, the parser recognises what a clerk types about a document rather than
its content: document numbers (``1753-QC/TU``, ``15/2013/QD-UBND``), a serial after "số"
(``số 1753``), a year after "năm" (``năm 2020``), a document type at the start
(``chỉ thị …``, ``kết luận thanh tra …``) and the bodies it names (``Ban Dân vận``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.metadata import mentioned_agencies, number_search_keys
from indexer.metadata.doctypes import TITLES
from indexer.metadata.numbers import CITED_NUMBER
from indexer.normalize import fold, has_diacritics, normalize_text
from records.codes import DOC_TYPES

MAX_QUERY_CHARS = 500
MAX_UNITS = 32

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "＂": '"'})
_SEGMENT = re.compile(r'(-?)"([^"]*)("?)')
_NUMBER = re.compile(rf"(?:(?<!\w)(?:số|so)\s*[:.]?\s*)?({CITED_NUMBER})", re.IGNORECASE)
_SERIAL = re.compile(r"(?<!\w)(?:số|so)\s*[:.]?\s*(\d{1,7})(?![\w/-])", re.IGNORECASE)
_YEAR_AFTER_NAM = re.compile(r"(?<!\w)(?:năm|nam)\s+((?:19|20)\d{2})(?!\w)", re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?<![\w/.-])((?:19|20)\d{2})(?![\w/.-])")
_EDGE_PUNCTUATION = " \t\n.,;:!?()[]{}<>'`~*+=|\\"

# Type names a query may start with ("chỉ thị năm 2015"), folded, longest first. Only
# names of hoso's own type codes; "đơn" alone and the generic names do not select a type.
_TYPE_NAMES = sorted(
    ((fold(name), code) for name, code in TITLES.items() if code in DOC_TYPES and code != "other"),
    key=lambda item: -len(item[0]),
)


@dataclass(frozen=True)
class Unit:
    """A piece of the query: a phrase (words in this order) or a run of plain words."""

    text: str
    phrase: bool = False

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def type_only(self) -> bool:
        """The plain words only name a document type ("chỉ thị năm 2015"): the user wants
        documents of that type, not documents that mention the word."""
        return bool(self.doc_types) and _leading_type(self.words, whole=True) == self.doc_types

    @property
    def exact(self) -> bool:
        """Typed with diacritics, so exact-diacritic matches should rank higher."""
        return has_diacritics(self.text)


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    words: str = ""  # plain words outside OR groups: scored, mostly required
    phrases: tuple[Unit, ...] = ()  # each required
    any_of: tuple[tuple[Unit, ...], ...] = ()  # each group requires one of its units
    excluded: tuple[Unit, ...] = ()
    numbers: tuple[str, ...] = ()  # document numbers as typed
    number_keys: tuple[str, ...] = ()  # their normalised keys (indexer.metadata.number_keys)
    serials: tuple[str, ...] = ()  # "số 1753" without a symbol
    years: tuple[int, ...] = ()
    doc_types: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    #: Every positive word of the query, for ranking and for highlighting passages.
    scoring_text: str = ""

    @property
    def empty(self) -> bool:
        """Nothing to match: show everything the user may see (browsing with filters)."""
        wanted = (self.words, self.phrases, self.any_of, self.numbers, self.serials, self.years)
        return not any(wanted)

    @property
    def type_only(self) -> bool:
        """The plain words only name a document type ("chỉ thị năm 2015"): the user wants
        documents of that type, not documents that mention the word."""
        return bool(self.doc_types) and _leading_type(self.words, whole=True) == self.doc_types

    @property
    def exact(self) -> bool:
        """Typed with diacritics, so exact-diacritic matches should rank higher."""
        return has_diacritics(self.scoring_text)


def parse_query(text: str) -> ParsedQuery:
    """Parse a user's search string; never raises, whatever the input."""
    raw = (text or "")[:MAX_QUERY_CHARS]
    clean = " ".join(normalize_text(raw.translate(_QUOTES)).split())
    tokens = _tokens(clean)

    numbers: list[str] = []
    keys: list[str] = []
    serials: list[str] = []
    years: list[int] = []
    units: list[tuple[str, Unit | None]] = []  # ("unit"|"or"|"not", unit)
    for kind, value in tokens:
        if kind == "text":
            value = _take_numbers(value, numbers, keys)
            value = _take(_SERIAL, value, serials)
            taken_years: list[str] = []
            value = _take(_YEAR_AFTER_NAM, value, taken_years)
            years.extend(int(year) for year in taken_years)
            years.extend(int(m.group(1)) for m in _BARE_YEAR.finditer(value))
            units.extend(_word_units(value))
        elif kind == "phrase":
            units.append(("unit", Unit(value, phrase=True)))
        else:  # "not-phrase"
            units.append(("not", Unit(value, phrase=True)))
        if len(units) > MAX_UNITS:
            break

    words, phrases, groups, excluded = _combine(units[:MAX_UNITS])
    positive = [words, *(u.text for u in phrases), *(u.text for g in groups for u in g)]
    all_text = " ".join(part for part in positive if part)
    return ParsedQuery(
        raw=raw,
        words=words,
        phrases=tuple(phrases),
        any_of=tuple(groups),
        excluded=tuple(excluded),
        numbers=tuple(dict.fromkeys(numbers)),
        number_keys=tuple(dict.fromkeys(keys)),
        serials=tuple(dict.fromkeys(serials)),
        years=tuple(dict.fromkeys(years)),
        doc_types=_leading_type(words),
        agencies=tuple(mentioned_agencies(all_text)) if all_text else (),
        scoring_text=all_text,
    )


def _tokens(text: str) -> list[tuple[str, str]]:
    """Split into ("text", …), ("phrase", …) and ("not-phrase", …) segments in order."""
    out: list[tuple[str, str]] = []
    position = 0
    for match in _SEGMENT.finditer(text):
        if match.start() > position:
            out.append(("text", text[position : match.start()]))
        negated, inner, _closed = match.groups()
        inner = inner.strip(_EDGE_PUNCTUATION + '"')
        if inner:
            out.append(("not-phrase" if negated else "phrase", " ".join(inner.split())))
        position = match.end()
    if position < len(text):
        out.append(("text", text[position:]))
    return out


def _take_numbers(text: str, numbers: list[str], keys: list[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        found = number_search_keys(match.group(1))
        if not found:
            return match.group()
        numbers.append(match.group(1).strip())
        keys.extend(found)
        return " "

    return _NUMBER.sub(replace, text)


def _take(pattern: re.Pattern[str], text: str, into: list[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        into.append(match.group(1))
        return " "

    return pattern.sub(replace, text)


def _word_units(text: str) -> list[tuple[str, Unit | None]]:
    out: list[tuple[str, Unit | None]] = []
    for token in text.split():
        if token == "OR":  # noqa: S105 - the operator, not a secret
            out.append(("or", None))
            continue
        negated = token.startswith("-")
        word = token.lstrip("-").strip(_EDGE_PUNCTUATION + "-")
        if not word or not any(char.isalnum() for char in word):
            continue
        out.append(("not" if negated else "word", Unit(word)))
    return out


def _combine(
    units: list[tuple[str, Unit | None]],
) -> tuple[str, list[Unit], list[tuple[Unit, ...]], list[Unit]]:
    """Group runs of words, then join the units on either side of each OR."""
    items: list[tuple[str, Unit | None]] = []  # ("unit" | "or", unit)
    excluded: list[Unit] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            items.append(("unit", Unit(" ".join(run))))
            run.clear()

    for kind, unit in units:
        if kind == "word" and unit is not None:
            run.append(unit.text)
        elif kind == "not" and unit is not None:
            close_run()
            excluded.append(unit)
        elif kind == "or":
            close_run()
            items.append(("or", None))
        elif unit is not None:
            close_run()
            items.append(("unit", unit))
    close_run()

    groups: list[list[Unit]] = []
    pending_or = False
    for kind, unit in items:
        if kind == "or":
            pending_or = bool(groups)
            continue
        assert unit is not None
        if pending_or:
            groups[-1].append(unit)
        else:
            groups.append([unit])
        pending_or = False

    words: list[str] = []
    phrases: list[Unit] = []
    alternatives: list[tuple[Unit, ...]] = []
    for group in groups:
        if len(group) > 1:
            alternatives.append(tuple(group))
        elif group[0].phrase:
            phrases.append(group[0])
        else:
            words.append(group[0].text)
    return " ".join(words), phrases, alternatives, excluded


def _leading_type(text: str, *, whole: bool = False) -> tuple[str, ...]:
    """The document type named by the first words of the query (``whole``: by all of them)."""
    folded = " ".join(fold(text).split())
    for name, code in _TYPE_NAMES:
        if folded == name or (not whole and folded.startswith(name + " ")):
            return (code,)
    return ()
