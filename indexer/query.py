"""Search-engine request bodies, built by pure functions (no I/O).

How a query is matched and ranked (the fields are in ``schemas/index/documents.json``):

* **Terms** (:mod:`indexer.query_terms`): each syllable, abbreviation ("UBND" also finds
  "ủy ban nhân dân") or abbreviated name ("ủy ban nhân dân" also finds "UBND") is matched
  on its own, in the body, subject or file name (the best field counts most). A document
  must match a number of the meaning-carrying terms that grows with the query's length
  (:func:`indexer.query_terms.required`); function words only score; question phrases
  are dropped. When nothing matches, :mod:`indexer.search` asks again with ``loose``
  matching (any one term) and says the results are approximate.
* **Accents count word by word**: a term typed without diacritics matches the folded
  fields (no diacritics, đ→d); a term typed with them matches the exact field at full
  weight and the folded field at :attr:`Boosts.folded_only` of it, so "bảo" ranks "bảo"
  above "báo", and only the words as typed are highlighted.
* **Ranking**: consecutive syllables (bigrams, phrases with a little slop) count more than
  scattered ones, which gives word precision without a word segmenter; a fuzzy bigram
  clause forgives one wrong letter inside a word pair ("khiếu lại").
* A **document number** in any form (:class:`indexer.query_parser.NumberQuery`) ranks the
  document whose extracted number it is first (whole: ``number_keys``; in part: the serial
  and any symbol element on ``number_keys.parts``), and also finds the number where the
  text prints it (the serial near a symbol element), so a document whose number was not
  extracted, and those citing it, are found too. A year ("năm 2020"), a leading type name
  ("chỉ thị …") and the bodies the query names raise matching documents but never remove
  one (only the filters the user picks do), and a mild recency factor prefers newer
  documents among equals.
* **Two passes**: the first pass (the ``query``: recall, numbers, years, types, bodies,
  recency) decides which documents match and scores them all; the word-pair, phrase and
  fuzzy clauses, which only re-order, are a ``rescore`` of the first pass's best
  :data:`RESCORE_WINDOW` hits, so their cost does not grow with the number of matches.
  Pages beyond the window (and deep pages from a cursor) are in first-pass order, which
  is what the rescored order is there too. The best-matching page of each document
  (nested ``pages``) also only re-orders, in the rescore; the passages shown with the
  hits come from a second request over the page's hits alone (:func:`passages_body`).
* The **access filter** (``records.policy.document_engine_filter``) is a ``filter`` clause of
  the query itself, so hits, totals, facets and highlights only ever cover what the user
  may see.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from indexer.query_parser import NumberQuery, ParsedQuery, Unit
from indexer.query_terms import Term, required, terms

#: The original text of a denunciation's documents (see :func:`match_query`).
ORIGINAL = "identity_content"
#: A ``from`` beyond this is refused; deeper pages continue from a cursor (search_after).
MAX_OFFSET = 1000
MAX_PAGE_SIZE = 100
#: First-pass hits per shard that the ranking clauses re-score (see :func:`search_body`).
RESCORE_WINDOW = 500
#: Private-use characters the engine wraps around matched words; see indexer.highlight.
MARK_START = "\ue000"
MARK_END = "\ue001"

SORTS = ("relevance", "newest", "oldest")
CARD_FIELDS = [
    "id",
    "doc_type",
    "number",
    "issued_date",
    "issuer",
    "subject",
    "filename",
    "confidentiality",
    "cases",
    "owner_agency",
    "kind",
    "urgency",
    "identity_level",  # present on the documents of a denunciation (indexed masked)
    "same_group",  # renderings of one document are shown as one hit
]
FACET_SIZES = {
    "doc_type": 20,
    "agency": 20,
    "issuer": 15,
    "case": 20,
    "confidentiality": 4,
}


@dataclass(frozen=True)
class Boosts:
    """Relative weights of the ranking clauses (tuned with bench/relevance_eval.py)."""

    subject: float = 3.0
    issuer: float = 2.0
    place: float = 1.0
    filename: float = 1.0
    phrase: float = 2.0
    subject_phrase: float = 3.0
    bigrams: float = 1.5
    subject_bigrams: float = 2.0
    fuzzy_bigrams: float = 0.3
    exact_phrase: float = 1.0
    folded_only: float = 0.4
    alternative: float = 0.9
    field_tie_breaker: float = 0.3
    coordination: float = 2.0
    pages: float = 0.1
    number: float = 200.0
    number_part: float = 40.0
    number_year: float = 20.0
    serial: float = 60.0
    number_text: float = 15.0
    number_printed: float = 100.0
    year: float = 8.0
    doc_type: float = 4.0
    doc_type_only: float = 10.0
    type_only_text: float = 0.1
    agency: float = 3.0
    recency: float = 0.1


DEFAULT_BOOSTS = Boosts()


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the search to (facets, date range)."""

    doc_types: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    issuers: tuple[str, ...] = ()
    cases: tuple[str, ...] = ()
    confidentiality: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None

    def to_dict(self) -> dict[str, Any]:
        """The set filters only, JSON-ready (saved searches, audit, API)."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if isinstance(value, date):
                out[key] = value.isoformat()
            elif value:
                out[key] = list(value)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Filters:
        """Read ``to_dict`` output back; unknown keys and malformed values are dropped."""
        data = data or {}
        values: dict[str, Any] = {}
        for spec in fields(cls):
            raw = data.get(spec.name)
            if raw in (None, "", []):
                continue
            if spec.name in ("date_from", "date_to"):
                values[spec.name] = _to_date(raw)
            elif spec.name == "years":
                values[spec.name] = tuple(
                    int(v)
                    for v in _as_list(raw)
                    if str(v).isascii() and str(v).isdigit() and 1900 <= int(v) <= 2100
                )
            else:
                values[spec.name] = tuple(str(v)[:512] for v in _as_list(raw) if str(v).strip())
        return cls(**values)

    def clauses(self) -> list[dict[str, Any]]:
        """Engine filter clauses (no scoring)."""
        out: list[dict[str, Any]] = []
        for values, path in (
            (self.doc_types, "doc_type"),
            (self.agencies, "agency_any"),
            (self.cases, "cases"),
            (self.confidentiality, "confidentiality"),
        ):
            if values:
                out.append({"terms": {path: list(values)}})
        if self.issuers:  # the body's canonical name (the facet), or an issuer as printed
            by_body = {"terms": {"issuer_body": list(self.issuers)}}
            printed = {"terms": {"issuer.raw": list(self.issuers)}}
            out.append({"bool": {"should": [by_body, printed], "minimum_should_match": 1}})
        if self.years:
            out.append(
                {
                    "bool": {
                        "should": [_year_range(year) for year in self.years],
                        "minimum_should_match": 1,
                    }
                }
            )
        if self.date_from or self.date_to:
            bounds: dict[str, str] = {}
            if self.date_from:
                bounds["gte"] = self.date_from.isoformat()
            if self.date_to:
                bounds["lte"] = self.date_to.isoformat()
            out.append({"range": {"issued_date": bounds}})
        return out


@dataclass(frozen=True)
class Page:
    """Which slice of the results: a page number (up to MAX_OFFSET) or a cursor after it."""

    size: int = 20
    number: int = 1
    after: list[Any] | None = field(default=None)

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


NO_FILTERS = Filters()
FIRST_PAGE = Page()


# -- the search request ------------------------------------------------------------------
def search_body(
    query: ParsedQuery,
    access: dict[str, Any],
    *,
    filters: Filters = NO_FILTERS,
    sort: str = "relevance",
    page: Page = FIRST_PAGE,
    facets: bool = True,
    highlight: bool = True,
    boosts: Boosts = DEFAULT_BOOSTS,
    identity: dict[str, Any] | None = None,
    loose: bool = False,
) -> dict[str, Any]:
    """The body of one search: matching, ranking, access, filters, facets, the subject's
    highlights (the pages' passages are a second request, :func:`passages_body`).

    ``identity`` (``records.policy.identity_engine_filter``) lets the words also match the
    original text of the denunciation documents it selects; see :func:`match_query`.
    ``loose``: any one term is enough (the fallback when nothing matches).
    """
    size = max(1, min(page.size, MAX_PAGE_SIZE))
    order = effective_sort(query, sort)
    body: dict[str, Any] = {
        "query": match_query(
            query,
            access,
            filters=filters,
            boosts=boosts,
            identity=identity,
            ranking=False,
            loose=loose,
        ),
        "size": size,
        "_source": CARD_FIELDS,
        "track_total_hits": 10000,
    }
    ranking = _ranking(query, boosts)
    if ranking:  # how well the best page matches counts too, for the window alone
        ranking.append(_pages(query, boosts, passages=False))
    if rescored(query, order, page) and ranking:
        # The engine refuses a sort with a rescore: score order, the engine breaks ties.
        body["rescore"] = {
            "window_size": RESCORE_WINDOW,
            "query": {"rescore_query": _with_recency(_any(*ranking), boosts)},
        }
    else:
        body["sort"] = _sort(order)
    if page.after:
        body["search_after"] = list(page.after)
    else:
        body["from"] = min(page.offset, MAX_OFFSET)
    if facets:
        body["aggs"] = facet_aggs()
    subject_marks = _highlight_fields("subject", query.scoring_text, number_of_fragments=0)
    if highlight and subject_marks:
        body["highlight"] = {
            "pre_tags": [MARK_START],
            "post_tags": [MARK_END],
            "fields": subject_marks,
        }
    return body


def group_members_body(search: dict[str, Any], groups: list[str], limit: int) -> dict[str, Any]:
    """The documents of these groups of renderings that ``search`` (a body from
    :func:`search_body`) matches, with what a rendering's link shows."""
    return {
        "query": {"bool": {"filter": [search["query"], {"terms": {"same_group": groups}}]}},
        "size": limit,
        "_source": ["same_group", "filename", "kind"],
        "track_total_hits": False,
    }


def _highlight_fields(
    path: str, text: str, numbers: tuple[NumberQuery, ...] = (), **options: Any
) -> dict[str, Any]:
    """Highlight settings that mark each word as typed: words typed with diacritics only
    where the exact field has them (so "bảo" never marks "báo"), the others on the folded
    field. Each field gets its own highlight query."""
    accented = [term for term in terms(text) if term.exact]
    plain = [term for term in terms(text) if not term.exact]
    fields: dict[str, Any] = {}
    if accented:
        marks = _any(*(_text(path, term.text) for term in accented))
        fields[path] = {**options, "highlight_query": marks}
    folded = [_text(f"{path}.folded", form) for term in plain for form in _forms(term)]
    folded += [_match_phrase(f"{path}.folded", number.printed) for number in numbers]
    if folded:
        fields[f"{path}.folded"] = {**options, "highlight_query": _any(*folded)}
    return fields


def rescored(query: ParsedQuery, sort: str, page: Page) -> bool:
    """Whether this page is ranked by a rescore: relevance pages within the window (pages
    after it, and cursor pages, hold the same documents in first-pass order)."""
    return (
        sort == "relevance"
        and not page.after
        and bool(query.scoring_text)
        and not query.type_only
        and page.offset < RESCORE_WINDOW
    )


def match_query(
    query: ParsedQuery,
    access: dict[str, Any],
    *,
    filters: Filters = NO_FILTERS,
    boosts: Boosts = DEFAULT_BOOSTS,
    only_ids: list[str] | None = None,
    identity: dict[str, Any] | None = None,
    ranking: bool = True,
    loose: bool = False,
) -> dict[str, Any]:
    """The query part alone (also used by saved-search alerts, limited to ``only_ids``).

    ``ranking=False`` leaves out the clauses that only re-order (:func:`search_body` puts
    them in a rescore); which documents match is the same either way.

    The documents of a denunciation are indexed masked; their original text is in
    ``identity_content``, which a clause reads only inside the ``identity`` filter (those
    handling the denunciation). Without ``identity`` nothing reads it.
    """
    must: list[dict[str, Any]] = []
    should: list[dict[str, Any]] = []
    must_not: list[dict[str, Any]] = [_excluded(unit) for unit in query.excluded]
    filter_: list[dict[str, Any]] = [access, *filters.clauses()]
    if only_ids is not None:
        filter_.append({"ids": {"values": only_ids}})

    if query.type_only:
        # "chỉ thị năm 2015": documents of the type first; others that use the words after.
        type_clause = _constant(
            {"terms": {"doc_type": list(query.doc_types)}}, boosts.doc_type_only
        )
        recall = _recall(query.words, boosts, identity, loose=loose)
        recall["bool"]["boost"] = boosts.type_only_text
        must.append(_any(type_clause, recall))
    elif query.words:
        must.append(_recall(query.words, boosts, identity, loose=loose))
    for unit in query.phrases:
        must.append(_or_original(_phrase(unit, "content"), _phrase(unit, ORIGINAL), identity))
    for group in query.any_of:
        alternatives = [
            _or_original(_alternative(u), _alternative(u, ORIGINAL), identity) for u in group
        ]
        must.append(_any(*alternatives))
    if query.numbers:
        numbers = _any(*(_number(number, boosts) for number in query.numbers))
        if loose:  # any part of a number printed anywhere is enough
            must.append(_any(numbers, _match("content.folded", _number_parts(query))))
        else:
            must.append(numbers)
    if ranking:
        should.extend(_ranking(query, boosts))
    for unit in query.phrases:
        should.append(_phrase(unit, "subject", boost=boosts.subject_phrase))
    years = [
        {"constant_score": {"filter": _year_range(y), "boost": boosts.year}} for y in query.years
    ]
    if must:
        should.extend(years)
    elif years:
        must.append(_any(*years))
    if query.doc_types and not query.type_only:
        should.append(_constant({"terms": {"doc_type": list(query.doc_types)}}, boosts.doc_type))
    if query.agencies:
        should.append(_constant({"terms": {"agencies": list(query.agencies)}}, boosts.agency))

    inner: dict[str, Any] = {"filter": filter_}
    if must:
        inner["must"] = must
    if should:
        inner["should"] = should
    if must_not:
        inner["must_not"] = must_not
    scored = {"bool": inner}
    if query.empty:
        return scored
    return _with_recency(scored, boosts)


def _with_recency(query: dict[str, Any], boosts: Boosts) -> dict[str, Any]:
    """``query``'s score times the recency factor (first pass and rescore alike, so that a
    rescored hit scores what it would with the ranking clauses in the query)."""
    return {
        "function_score": {
            "query": query,
            "functions": _recency(boosts.recency),
            "score_mode": "sum",
            "boost_mode": "multiply",
        }
    }


def _recall(
    text: str, boosts: Boosts, identity: dict[str, Any] | None = None, *, loose: bool = False
) -> dict[str, Any]:
    """What a document must contain: enough of the query's terms (see
    :func:`indexer.query_terms.required`; ``loose``: one), in its body, subject or file name.
    Function words score but are never required."""
    all_terms = terms(text)
    wanted = [term for term in all_terms if not term.function]
    optional = [_term(term, boosts, identity) for term in all_terms if term.function]
    if not wanted:
        return {"bool": {"should": optional, "minimum_should_match": 1}}
    needed = 1 if loose else required(all_terms)
    clauses = [_term(term, boosts, identity) for term in wanted]
    core = {"bool": {"should": clauses, "minimum_should_match": needed}}
    return {"bool": {"must": [core], "should": optional}}


def _term(term: Term, b: Boosts, identity: dict[str, Any] | None) -> dict[str, Any]:
    """One term in the best of the body, subject and file name. Typed with diacritics, the
    exact fields count fully and the folded ones at ``folded_only``; an abbreviation's
    other forms count at ``alternative``."""
    folded_weight = b.folded_only if term.exact else 1.0
    clauses: list[dict[str, Any]] = []
    for form, weight in [(term.folded, folded_weight)] + [
        (alt, b.alternative * term.alternative_share) for alt in term.alternatives
    ]:
        clauses += [
            _text("content.folded", form, boost=weight),
            _text("subject.folded", form, boost=weight * b.subject),
            _text("filename", form, boost=weight * b.filename),
        ]
        if identity is not None:
            clauses.append(_within(identity, _text(f"{ORIGINAL}.folded", form, boost=weight)))
    if term.exact:
        clauses += [
            _text("content", term.text),
            _text("subject", term.text, boost=b.subject),
        ]
        if identity is not None:
            clauses.append(_within(identity, _text(ORIGINAL, term.text)))
    best = {"dis_max": {"queries": clauses, "tie_breaker": b.field_tie_breaker}}
    # Every matched term also adds the same amount, so that documents with more of the
    # query's terms rank above those with a few terms often or in a short subject.
    anywhere = [
        _text(path, form) for form in _forms(term) for path in ("content.folded", "subject.folded")
    ]
    return {"bool": {"should": [best, _constant(_any(*anywhere), b.coordination)]}}


def _forms(term: Term) -> list[str]:
    """The folded forms a term matches: itself and its abbreviation or expansions."""
    return [term.folded, *term.alternatives]


def _text(path: str, text: str, **options: Any) -> dict[str, Any]:
    """One word (match) or the words of a name in order (match_phrase)."""
    if " " in text:
        return _match_phrase(path, text, **options)
    return _match(path, text, **options)


def _within(identity: dict[str, Any], clause: dict[str, Any]) -> dict[str, Any]:
    """``clause`` limited to the documents the identity filter selects."""
    return {"bool": {"filter": [identity], "must": [clause]}}


def _or_original(
    masked: dict[str, Any], original: dict[str, Any], identity: dict[str, Any] | None
) -> dict[str, Any]:
    return masked if identity is None else _any(masked, _within(identity, original))


def identity_highlight_body(
    query: ParsedQuery, access: dict[str, Any], identity: dict[str, Any], ids: list[str]
) -> dict[str, Any]:
    """Highlighted passages of the original text of the documents ``ids`` that the
    identity filter selects (a second request: one highlight cannot depend on the hit)."""
    text = query.scoring_text
    clauses = [_match(f"{ORIGINAL}.folded", text)] if text else []
    clauses += [_phrase(unit, ORIGINAL) for unit in query.phrases]
    return {
        "size": len(ids),
        "_source": False,
        "query": {
            "bool": {
                "filter": [access, identity, {"ids": {"values": ids}}],
                "should": clauses,
                "minimum_should_match": 1,
            }
        },
        "highlight": {
            "pre_tags": [MARK_START],
            "post_tags": [MARK_END],
            "fields": {ORIGINAL: {}, f"{ORIGINAL}.folded": {}},
        },
    }


def _ranking(query: ParsedQuery, b: Boosts) -> list[dict[str, Any]]:
    """Scoring only (no clause is required): word pairs, phrases, issuer, place."""
    text, exact = query.scoring_text, query.exact
    if not text or query.type_only:
        return []
    clauses = [
        _match_phrase("content.folded", text, slop=2, boost=b.phrase),
        _match_phrase("subject.folded", text, slop=2, boost=b.subject_phrase),
        _match("content.bigrams", text, boost=b.bigrams),
        _match("subject.bigrams", text, boost=b.subject_bigrams),
        _match(
            "content.bigrams",
            text,
            fuzziness="AUTO",
            prefix_length=1,
            max_expansions=20,
            boost=b.fuzzy_bigrams,
        ),
        _match("issuer.folded", text, boost=b.issuer),
        _match("place.folded", text, boost=b.place),
    ]
    if exact:
        clauses.append(_match_phrase("content", text, slop=2, boost=b.exact_phrase))
    return clauses


def _phrase(unit: Unit, path: str, *, boost: float = 1.0) -> dict[str, Any]:
    """A phrase on the folded field (what is found), plus the exact field when typed with
    diacritics (what ranks first)."""
    folded = _match_phrase(f"{path}.folded", unit.text, boost=boost)
    if not unit.exact:
        return folded
    return _any(folded, _match_phrase(path, unit.text, boost=boost))


def _alternative(unit: Unit, path: str = "content") -> dict[str, Any]:
    if unit.phrase:
        return _phrase(unit, path)
    return _match(f"{path}.folded", unit.text, operator="and")


def _excluded(unit: Unit) -> dict[str, Any]:
    """Exclude exactly what was typed: with diacritics only that spelling, else any."""
    path = "content" if unit.exact else "content.folded"
    subject = "subject" if unit.exact else "subject.folded"
    return _any(_match_phrase(path, unit.text), _match_phrase(subject, unit.text))


def _number(number: NumberQuery, b: Boosts) -> dict[str, Any]:
    """A typed number: the document whose number it is first (whole, then by parts), then
    the documents that print it in their text (whose number may not have been extracted,
    or which cite it)."""
    serial_first = {"prefix": {"number_keys": f"{number.serial}/"}}
    should: list[dict[str, Any]] = []
    if number.keys:
        should.append(_constant({"terms": {"number_keys": list(number.keys)}}, b.number))
    if number.letters:
        letters = [
            _constant({"prefix": {"number_keys.parts": letter}}, b.number_part)
            for letter in number.letters
        ]
        parts: dict[str, Any] = {
            "filter": [serial_first],
            "must": [_any(*letters)],
        }
        if number.year:
            year = {"term": {"number_keys.parts": str(number.year)}}
            parts["should"] = [_constant(year, b.number_year)]
        should.append({"bool": parts})
        anchors = [number.serial, *([str(number.year)] if number.year else [])]
        should += [
            _constant(_printed_near(anchor, [letter]), b.number_text)
            for anchor in anchors
            for letter in number.letters
        ]
        if len(number.letters) > 1:  # printed whole: above a number extracted in part
            whole = _printed_near(number.serial, number.letters)
            should.append(_constant(whole, b.number_printed))
    else:
        should.append(_constant(serial_first, b.serial))
        should.append(_constant(_match("content.folded", number.serial), b.number_text))
    return _any(*should)


def _number_parts(query: ParsedQuery) -> str:
    """Every serial, year and symbol element of the query's numbers, as words."""
    parts = [[n.serial, *([str(n.year)] if n.year else []), *n.letters] for n in query.numbers]
    return " ".join(part for number in parts for part in number)


def _printed_near(anchor: str, letters: list[str]) -> dict[str, Any]:
    """The serial (or year) printed next to symbol elements (or words that start with them),
    in any order: "45-BC/BNCTU" for "45" and "bnc", "KL số 12" for "12" and "kl", and
    "s20/2008/NĐ-CP" (a garbled serial) for "2008" and "nd"."""
    return {
        "intervals": {
            "content.folded": {
                "all_of": {
                    "max_gaps": 2 + len(letters),
                    "intervals": [
                        {"match": {"query": anchor}},
                        *({"prefix": {"prefix": letter}} for letter in letters),
                    ],
                }
            }
        }
    }


def passages_body(query: ParsedQuery, access: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    """The best pages of the documents ``ids`` (the hits of a page of results), with their
    highlighted passages as inner hits. A request of its own: in the search's first pass the
    nested pages clause would be joined for every match, so its cost would grow with the
    archive; here it is bounded by the page size."""
    return {
        "size": len(ids),
        "_source": False,
        "query": {
            "bool": {
                "filter": [access, {"ids": {"values": ids}}],
                "should": [_pages(query, DEFAULT_BOOSTS)],
            }
        },
    }


def _pages(query: ParsedQuery, b: Boosts, *, passages: bool = True) -> dict[str, Any]:
    """The pages that matched (scoring at ``b.pages``), with ``passages``: returned as inner
    hits with highlighted passages."""
    text = query.scoring_text
    should: list[dict[str, Any]] = []
    if text:
        should.append(_match("pages.text.folded", text))
    if text and query.exact:
        should.append(_match("pages.text", text))
    for number in query.numbers:
        should.append(_match_phrase("pages.text.folded", number.printed))
        should.append(_match("pages.text.folded", number.serial))
    nested: dict[str, Any] = {
        "path": "pages",
        "score_mode": "max",
        "boost": b.pages,
        "query": _any(*should),
    }
    if not passages:
        return {"nested": nested}
    return {
        "nested": {
            **nested,
            "inner_hits": {
                "name": "pages",
                "size": 3,
                "_source": ["pages.no"],
                "highlight": {
                    "pre_tags": [MARK_START],
                    "post_tags": [MARK_END],
                    "fragment_size": 180,
                    "number_of_fragments": 2,
                    "fields": _highlight_fields("pages.text", text, query.numbers),
                },
            },
        }
    }


def _recency(weight: float) -> list[dict[str, Any]]:
    """Multiplier between 1 - weight (old) and 1 (recent); undated documents sit midway."""
    return [
        {"weight": 1.0 - weight},
        {
            "filter": {"exists": {"field": "issued_date"}},
            "gauss": {"issued_date": {"scale": "3650d", "offset": "365d", "decay": 0.5}},
            "weight": weight,
        },
        {
            "filter": {"bool": {"must_not": {"exists": {"field": "issued_date"}}}},
            "weight": weight / 2,
        },
    ]


def _match(path: str, text: str, **options: Any) -> dict[str, Any]:
    return {"match": {path: {"query": text, **options}}}


def _match_phrase(path: str, text: str, **options: Any) -> dict[str, Any]:
    return {"match_phrase": {path: {"query": text, **options}}}


def _any(*clauses: dict[str, Any]) -> dict[str, Any]:
    return {"bool": {"should": list(clauses), "minimum_should_match": 1}}


def _constant(filter_: dict[str, Any], boost: float) -> dict[str, Any]:
    return {"constant_score": {"filter": filter_, "boost": boost}}


def _year_range(year: int) -> dict[str, Any]:
    return {"range": {"issued_date": {"gte": f"{year}-01-01", "lte": f"{year}-12-31"}}}


def _sort(sort: str) -> list[Any]:
    tiebreak = {"id": {"order": "desc"}}
    if sort == "newest":
        return [{"issued_date": {"order": "desc", "missing": "_last"}}, "_score", tiebreak]
    if sort == "oldest":
        return [{"issued_date": {"order": "asc", "missing": "_last"}}, "_score", tiebreak]
    return ["_score", {"issued_date": {"order": "desc", "missing": "_last"}}, tiebreak]


def facet_aggs() -> dict[str, Any]:
    return {
        "doc_type": {"terms": {"field": "doc_type", "size": FACET_SIZES["doc_type"]}},
        "agency": {"terms": {"field": "agency_any", "size": FACET_SIZES["agency"]}},
        "issuer": {"terms": {"field": "issuer_body", "size": FACET_SIZES["issuer"]}},
        "case": {"terms": {"field": "cases", "size": FACET_SIZES["case"]}},
        "confidentiality": {
            "terms": {"field": "confidentiality", "size": FACET_SIZES["confidentiality"]}
        },
        "year": {
            "date_histogram": {
                "field": "issued_date",
                "calendar_interval": "year",
                "format": "yyyy",
                "min_doc_count": 1,
                "order": {"_key": "desc"},
            }
        },
    }


# -- cursors for deep pages --------------------------------------------------------------
#: Types of the sort values of each order (see _sort): score, date (epoch ms), id.
_CURSOR_TYPES: dict[str, tuple[tuple[type, ...], ...]] = {
    "relevance": ((int, float), (int,), (str,)),
    "newest": ((int,), (int, float), (str,)),
    "oldest": ((int,), (int, float), (str,)),
}


_LONG_MAX = 2**63 - 1


def effective_sort(query: ParsedQuery, sort: str) -> str:
    """The order actually used: an empty query has no relevance, so it lists newest first."""
    if sort not in SORTS:
        sort = "relevance"
    return "newest" if query.empty and sort == "relevance" else sort


def encode_cursor(sort: str, sort_values: list[Any]) -> str:
    return _encode({"s": sort, "v": sort_values})


def encode_page_cursor(sort: str, number: int) -> str:
    """A cursor to page ``number``: rescored pages have no sort values to continue after."""
    return _encode({"s": sort, "p": number})


def decode_cursor(token: str | None, sort: str) -> list[Any] | None:
    """The sort values of a cursor made for ``sort``, or None when it is missing, malformed
    or made for another order (the search then starts from the first page)."""
    data = _decode(token, sort)
    if data is None or sort not in _CURSOR_TYPES:
        return None
    values, types = data.get("v"), _CURSOR_TYPES[sort]
    if not isinstance(values, list) or len(values) != len(types):
        return None
    for value, allowed in zip(values, types, strict=True):
        if isinstance(value, bool) or not isinstance(value, allowed) or not _in_range(value):
            return None
    return values


def _in_range(value: Any) -> bool:
    """A value the engine takes back as a sort value: a finite score, a date or id within
    a signed 64-bit long (a missing date sorts as the long's end)."""
    if isinstance(value, float):
        return math.isfinite(value) and abs(value) <= _LONG_MAX
    if isinstance(value, int):
        return -_LONG_MAX - 1 <= value <= _LONG_MAX
    return True


def decode_page_cursor(token: str | None, sort: str) -> int | None:
    """The page number of a cursor made by :func:`encode_page_cursor` for ``sort``."""
    data = _decode(token, sort)
    number = None if data is None else data.get("p")
    if isinstance(number, bool) or not isinstance(number, int):
        return None
    return number if 1 <= number <= MAX_OFFSET else None


def _encode(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(token: str | None, sort: str) -> dict[str, Any] | None:
    if not token or len(token) > 512:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (ValueError, binascii.Error):
        return None
    if not isinstance(data, dict) or data.get("s") != sort:
        return None
    return data


# -- helpers -----------------------------------------------------------------------------
def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _to_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
