"""Reading what a user typed into the search box, safely.

The syntax is small and forgiving: ``"quoted phrases"``, ``-word`` and ``-"phrase"`` to
exclude, ``OR`` between alternatives. Anything else is plain text. No input is an error:
an unclosed quote runs to the end, a lone ``-`` or a dangling ``OR`` is ignored, and the
length is capped.

Vietnamese words have several syllables, so ``OR`` joins *runs* of plain words, not single
syllables: ``tham nhũng OR lãng phí`` means "tham nhũng" or "lãng phí"; a phrase or an
excluded term ends a run (``"đất đai" tham nhũng OR lãng phí`` requires "đất đai").

Besides the text, the parser recognises what a clerk types about a document rather than
its content: document numbers in any form (``1753-QC/TU``, ``15/2013/QD-UBND``,
``số 45 BC BNCTU``, ``KL 12/UBKT``, ``QĐ 97 TW 2023``), a serial after "số" (``số 1753``),
a year after "năm" (``năm 2020``), a document type at the start (``chỉ thị …``,
``kết luận thanh tra …``) and the bodies it names (``Ban Dân vận``). Question phrases
("văn bản nào", "là gì", ...) are dropped (:mod:`indexer.query_terms`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.metadata import mentioned_agencies, number_keys, number_search_keys
from indexer.metadata.doctypes import TITLES
from indexer.metadata.numbers import CITED_NUMBER
from indexer.normalize import fold, has_diacritics, normalize_text
from indexer.query_terms import SYLLABLE, drop_stop_phrases, is_abbreviation
from records.codes import DOC_TYPES

MAX_QUERY_CHARS = 500
MAX_UNITS = 32

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "＂": '"'})
_SEGMENT = re.compile(r'(-?)"([^"]*)("?)')
_CITED = re.compile(CITED_NUMBER)
_NUMBER_WORD = re.compile(r"[^\W_]+")
_NUMBER_GLUE = re.compile(r"[\s/\-\u2010-\u2015\u2212.:]*")
_SERIAL_WORD = re.compile(r"\d{1,7}[a-zA-Z]?")
_YEAR_WORD = re.compile(r"(?:19|20)\d{2}")
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
class NumberQuery:
    """A document number typed in the query, whole or in part ("BC 45/BNC")."""

    printed: str  # as typed
    serial: str  # "45"
    letters: tuple[str, ...] = ()  # the symbol elements, folded: ("bc", "bnc")
    year: int | None = None  # a year typed with the number ("15/2013/…", "QĐ 97 TW 2023")
    keys: tuple[str, ...] = ()  # number keys if it is whole (indexer.metadata.number_keys)


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    words: str = ""  # plain words outside OR groups: scored, mostly required
    phrases: tuple[Unit, ...] = ()  # each required
    any_of: tuple[tuple[Unit, ...], ...] = ()  # each group requires one of its units
    excluded: tuple[Unit, ...] = ()
    numbers: tuple[NumberQuery, ...] = ()  # document numbers, whole or in part
    years: tuple[int, ...] = ()
    doc_types: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    #: Every positive word of the query, for ranking and for highlighting passages.
    scoring_text: str = ""

    @property
    def empty(self) -> bool:
        """Nothing to match: show everything the user may see (browsing with filters)."""
        wanted = (self.words, self.phrases, self.any_of, self.numbers, self.years)
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

    numbers: list[NumberQuery] = []
    years: list[int] = []
    units: list[tuple[str, Unit | None]] = []  # ("unit"|"or"|"not", unit)
    for kind, value in tokens:
        if kind == "text":
            value = _take_numbers(drop_stop_phrases(value), numbers)
            years.extend(n.year for n in numbers if n.year and n.year not in years)
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


def _take_numbers(text: str, numbers: list[NumberQuery]) -> str:
    """Move the document numbers out of ``text`` into ``numbers``; return what is left.

    A number is a run of words joined by spaces, dashes, slashes or dots, each a serial
    ("45", "64b") or a symbol element (an abbreviation: "BC", "qđ", "BNCTU"), with a
    serial and a symbol element ("KL 12/UBKT", "QĐ 97 TW 2023"), or a serial after "số"
    ("số 1753"). A date ("25/5/2020") has no symbol element, so it stays text.
    """
    words = list(_NUMBER_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        after_so = fold(words[i].group()) == "so" and i + 1 < len(words)
        start = i + 1 if after_so else i
        end = start
        while end < len(words) and _number_word(words[end].group()):
            glue = text[words[end - 1].end() : words[end].start()] if end > start else ""
            if not _NUMBER_GLUE.fullmatch(glue):
                break
            end += 1
        printed = text[words[start].start() : words[end - 1].end()] if end > start else ""
        number = _number([w.group() for w in words[start:end]], printed, after_so)
        if number is None:
            i += 1
            continue
        numbers.append(number)
        spans.append((words[i].start(), words[end - 1].end()))
        i = end
    for first, last in reversed(spans):
        text = text[:first] + " " + text[last:]
    return text


def _number_word(word: str) -> bool:
    if _SERIAL_WORD.fullmatch(word):
        return True
    if word[:1].isdigit():
        return False
    return is_abbreviation(word) or (word.isupper() and not SYLLABLE.fullmatch(fold(word)))


def _number(words: list[str], printed: str, after_so: bool) -> NumberQuery | None:
    """The number these words make, or None when they are not one."""
    digits = [w for w in words if w[:1].isdigit()]
    letters = tuple(fold(w) for w in words if not w[:1].isdigit())
    serials = [d for d in digits if not _YEAR_WORD.fullmatch(d)] or digits[:1]
    if not serials or (not letters and not after_so):
        return None
    if not letters and len(digits) > 1:
        return None  # "số 25/5/2020": a date after "số"
    serial = serials[0]
    if _YEAR_WORD.fullmatch(serial) and not after_so and len(digits) == 1:
        return None  # "UBND 2023": a year and a body, not a number
    year = next((int(d) for d in digits if d != serial and _YEAR_WORD.fullmatch(d)), None)
    keys: list[str] = []
    if letters:
        if _CITED.fullmatch(printed):
            keys = number_search_keys(printed)
        if not keys:
            parts = [serial.lstrip("0") or "0", *([str(year)] if year else []), *letters]
            keys = number_keys("/".join(parts).upper())
    return NumberQuery(
        printed=printed,
        serial=serial.lstrip("0") or "0",
        letters=letters,
        year=year,
        keys=tuple(keys),
    )


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
