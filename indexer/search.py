"""Running a search for a user: access filter, case visibility, and a typed result.

``search`` is what the web page, the REST API and ``hoso search`` call. The query body
comes from :mod:`indexer.query`; the access filter from :mod:`records.policy`, placed
inside the query, so hits, totals and facets cover only documents the user may see. Case
codes are the one thing the index holds that needs a second rule (a visible document may
belong to a case the user may not see): they are kept only for cases the user may see.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indexer.duplicates import CANDIDATES
from indexer.engine import SearchEngine, SearchUnavailable
from indexer.highlight import plain, to_html
from indexer.query import (
    FIRST_PAGE,
    NO_FILTERS,
    ORIGINAL,
    Filters,
    Page,
    decode_cursor,
    decode_page_cursor,
    effective_sort,
    encode_cursor,
    encode_page_cursor,
    group_members_body,
    identity_highlight_body,
    passages_body,
    search_body,
)
from indexer.query_parser import ParsedQuery, parse_query
from records.codes import clearance_rank
from records.models import Case, Document, User
from records.policy import case_clause, document_engine_filter, identity_engine_filter

log = logging.getLogger(__name__)

#: A filter no document passes (the user asked only for cases they may not see).
MATCH_NONE: dict[str, Any] = {"bool": {"must_not": {"match_all": {}}}}
#: Highlighted passages kept per hit (from the best pages first).
MAX_PASSAGES = 3
#: Renderings of one document looked up per group: as many as grouping looks for.
GROUP_LIMIT = CANDIDATES + 1
EMPTY_RESPONSE: dict[str, Any] = {"took": 0, "hits": {"total": {"value": 0}, "hits": []}}


@dataclass(frozen=True)
class Passage:
    page: int | None
    html: str  # escaped text with <mark> around matched words
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"page": self.page, "text": self.text, "html": self.html}


@dataclass(frozen=True)
class Rendering:
    """Another file of the same document (PDF, DOCX, scan), shown with the hit."""

    id: int
    filename: str
    kind: str | None


@dataclass(frozen=True)
class Hit:
    id: int
    score: float | None
    doc_type: str | None
    number: str | None
    issued_date: str | None
    issuer: str | None
    subject: str | None
    filename: str
    confidentiality: str
    urgency: str | None
    cases: tuple[tuple[str, str], ...]  # (code, title) of the cases the user may see
    subject_html: str | None
    passages: tuple[Passage, ...]
    sort: tuple[Any, ...] = ()
    #: A document of a denunciation: indexed with its denouncers masked.
    protected: bool = False
    #: Its group of renderings (indexer.duplicates) and the group's other renderings that
    #: match the search (see :func:`one_per_group`).
    group: str | None = None
    renderings: tuple[Rendering, ...] = ()
    kind: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The hit in the shape of docs/contracts.md (plus confidentiality and cases)."""
        return {
            "id": self.id,
            "score": self.score,
            "doc_type": self.doc_type,
            "number": self.number,
            "issued_date": self.issued_date,
            "issuer": self.issuer,
            "subject": self.subject,
            "filename": self.filename,
            "confidentiality": self.confidentiality,
            "cases": [code for code, _ in self.cases],
            "highlights": [passage.to_json() for passage in self.passages],
            "renderings": [r.id for r in self.renderings],
        }


@dataclass(frozen=True)
class Bucket:
    value: str
    count: int
    label: str = ""


@dataclass(frozen=True)
class SearchResult:
    query: ParsedQuery
    filters: Filters
    sort: str
    page: Page
    total: int
    total_exact: bool
    took_ms: int
    hits: tuple[Hit, ...]
    facets: dict[str, tuple[Bucket, ...]] = field(default_factory=dict)
    #: Nothing matched enough of the words; these hits match some of them ("gần đúng").
    approximate: bool = False
    #: Hits the engine returned for this page (renderings of one document make one hit).
    fetched: int = 0
    last_sort: tuple[Any, ...] = ()

    @property
    def next_cursor(self) -> str | None:
        """Cursor for the page after this one (search_after), if there may be one."""
        if self.fetched < self.page.size:
            return None
        order = effective_sort(self.query, self.sort)
        if self.last_sort:
            return encode_cursor(order, list(self.last_sort))
        return encode_page_cursor(order, self.page.number + 1)  # a rescored page

    @property
    def level(self) -> str:
        """The highest confidentiality among the hits shown: the audit event of a search
        that displayed secret documents is itself handled as secret."""
        levels = (hit.confidentiality for hit in self.hits)
        return max(levels, key=clearance_rank, default="thuong")

    def audit_detail(self) -> dict[str, Any]:
        """What the audit log keeps of a search: what was asked, how many, which shown."""
        return {
            "query": self.query.raw,
            "filters": self.filters.to_dict(),
            "sort": self.sort,
            "total": self.total,
            "shown": [hit.id for hit in self.hits],
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "total_exact": self.total_exact,
            "took_ms": self.took_ms,
            "hits": [hit.to_json() for hit in self.hits],
            "facets": {
                name: [{"value": b.value, "count": b.count} for b in buckets]
                for name, buckets in self.facets.items()
            },
            "next_cursor": self.next_cursor,
            "approximate": self.approximate,
        }


def search(
    session: Session,
    engine: SearchEngine,
    index: str,
    user: User,
    text: str,
    *,
    filters: Filters = NO_FILTERS,
    sort: str = "relevance",
    page: Page = FIRST_PAGE,
    cursor: str | None = None,
    facets: bool = True,
) -> SearchResult:
    """Search ``index`` as ``user``; everything returned is within what they may see."""
    query = parse_query(text)
    order = effective_sort(query, sort)
    number = decode_page_cursor(cursor, order)
    after = decode_cursor(cursor, order)
    if number:
        page = replace(page, number=number)
    elif after:
        page = replace(page, after=after)
    filters, access = access_and_filters(session, user, filters)
    identity = identity_engine_filter(user)
    options = {"filters": filters, "sort": sort, "page": page, "facets": facets}
    body = search_body(query, access, identity=identity, **options)
    response = run_search(engine, index, body)
    result = _result(session, user, query, filters, sort, page, response)
    if not result.total and (query.words or query.numbers) and page.number == 1 and not page.after:
        # Nothing has enough of the words: show what has some, and say so.
        body = search_body(query, access, identity=identity, loose=True, **options)
        response = run_search(engine, index, body)
        loose = _result(session, user, query, filters, sort, page, response)
        result = replace(loose, approximate=bool(loose.total))
    result = one_per_group(session, engine, index, body, result)
    result = _with_passages(engine, index, result, access)
    if identity is None:
        return result
    return _with_original_passages(engine, index, result, access, identity)


def _with_passages(
    engine: SearchEngine, index: str, result: SearchResult, access: dict[str, Any]
) -> SearchResult:
    """The hits with the highlighted passages of their best pages (a second request over
    this page's hits only; see :func:`indexer.query.passages_body`)."""
    query = result.query
    if not result.hits or not (query.scoring_text or query.numbers):
        return result
    body = passages_body(query, access, [str(hit.id) for hit in result.hits])
    response = run_search(engine, index, body)
    found = {int(raw["_id"]): tuple(passages(raw)) for raw in response["hits"]["hits"]}
    return replace(
        result, hits=tuple(replace(hit, passages=found.get(hit.id, ())) for hit in result.hits)
    )


def _with_original_passages(
    engine: SearchEngine,
    index: str,
    result: SearchResult,
    access: dict[str, Any],
    identity: dict[str, Any],
) -> SearchResult:
    """For those handling a denunciation, its documents' passages from the original text
    (the hits hold the masked text; the engine selects which hits the user may read)."""
    protected = [str(hit.id) for hit in result.hits if hit.protected]
    if not protected or (not result.query.scoring_text and not result.query.phrases):
        return result
    body = identity_highlight_body(result.query, access, identity, protected)
    response = run_search(engine, index, body)
    originals: dict[int, tuple[Passage, ...]] = {}
    for raw in response["hits"]["hits"]:
        marked = raw.get("highlight", {})
        fragments = marked.get(ORIGINAL) or marked.get(f"{ORIGINAL}.folded") or []
        originals[int(raw["_id"])] = tuple(
            Passage(page=None, html=to_html(f), text=plain(f)) for f in fragments
        )[:MAX_PASSAGES]
    hits = tuple(
        replace(hit, passages=originals[hit.id]) if originals.get(hit.id) else hit
        for hit in result.hits
    )
    return replace(result, hits=hits)


def run_search(engine: SearchEngine, index: str, body: dict[str, Any]) -> dict[str, Any]:
    """``engine.search``, answering "no hits" while nothing was ever indexed (no index
    behind the alias yet); any other failure is raised as SearchUnavailable."""
    try:
        return engine.search(index, body)
    except SearchUnavailable as err:
        if err.outage or engine.indices_for(index):
            raise
        return EMPTY_RESPONSE


def access_and_filters(
    session: Session, user: User, filters: Filters
) -> tuple[Filters, dict[str, Any]]:
    """The user's access filter, and ``filters`` with only the cases they may see (asking
    only for cases one may not see finds nothing, rather than revealing their documents)."""
    access = document_engine_filter(user)
    if not filters.cases:
        return filters, access
    visible = tuple(visible_cases(session, user, filters.cases))
    if not visible:
        access = {"bool": {"filter": [access, MATCH_NONE]}}
    return replace(filters, cases=visible), access


def visible_cases(session: Session, user: User, codes: Iterable[str]) -> dict[str, str]:
    """The cases among ``codes`` that ``user`` may see, as {code: title}."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    rows = session.execute(
        select(Case.code, Case.title).where(Case.code.in_(wanted), case_clause(user))
    ).all()
    return dict(rows)


def _result(
    session: Session,
    user: User,
    query: ParsedQuery,
    filters: Filters,
    sort: str,
    page: Page,
    response: dict[str, Any],
) -> SearchResult:
    raw_hits = response["hits"]["hits"]
    aggs = response.get("aggregations", {})
    case_codes = {code for hit in raw_hits for code in hit["_source"].get("cases") or []}
    case_codes |= {str(b["key"]) for b in aggs.get("case", {}).get("buckets", [])}
    cases = visible_cases(session, user, case_codes)
    total = response["hits"]["total"]
    return SearchResult(
        query=query,
        filters=filters,
        sort=sort,
        page=page,
        total=int(total["value"]),
        total_exact=total.get("relation", "eq") == "eq",
        took_ms=int(response.get("took", 0)),
        hits=tuple(_hit(hit, cases) for hit in raw_hits),
        facets=_facets(aggs, cases),
        fetched=len(raw_hits),
        last_sort=tuple(raw_hits[-1].get("sort") or ()) if raw_hits else (),
    )


def one_per_group(
    session: Session,
    engine: SearchEngine,
    index: str,
    body: dict[str, Any],
    result: SearchResult,
) -> SearchResult:
    """Each document once across all pages: of a group of renderings (PDF, DOCX, scan;
    :mod:`indexer.duplicates`) only the lowest id the search matches is a hit, wherever it
    ranks, listing the group's other matching renderings; the others are left out of any
    page they rank on. Pages where no hit has another rendering cost no extra request."""
    shared = _shared_groups(session, {hit.group for hit in result.hits if hit.group})
    if not shared:
        return result
    lookup = group_members_body(body, sorted(shared), len(shared) * GROUP_LIMIT)
    try:
        members = run_search(engine, index, lookup)["hits"]["hits"]
    except SearchUnavailable as err:  # the page itself was found: show it as it is
        log.warning("renderings of %d groups not looked up: %s", len(shared), err)
        return result
    by_group: dict[str, list[Rendering]] = {}
    for raw in members:
        source = raw["_source"]
        rendering = Rendering(int(raw["_id"]), source.get("filename") or "", source.get("kind"))
        by_group.setdefault(str(source.get("same_group")), []).append(rendering)
    hits = []
    for hit in result.hits:
        found = sorted(by_group.get(hit.group or "", []), key=lambda r: r.id)
        if not found or hit.group not in shared:
            hits.append(hit)
        elif found[0].id == hit.id:
            hits.append(replace(hit, renderings=tuple(found[1:])))
    return replace(result, hits=tuple(hits))


def _shared_groups(session: Session, groups: set[str]) -> set[str]:
    """Those of ``groups`` holding more than one document."""
    ids = [int(group) for group in groups if group.isdigit()]
    if not ids:
        return set()
    rows = session.scalars(
        select(Document.same_group_id)
        .where(Document.same_group_id.in_(ids))
        .group_by(Document.same_group_id)
        .having(func.count() > 1)
    )
    return {str(group) for group in rows}


def _hit(raw: dict[str, Any], cases: dict[str, str]) -> Hit:
    source = raw["_source"]
    highlight = raw.get("highlight", {})
    subject_marked = (highlight.get("subject") or highlight.get("subject.folded") or [None])[0]
    return Hit(
        id=int(raw["_id"]),
        score=raw.get("_score"),
        doc_type=source.get("doc_type"),
        number=source.get("number"),
        issued_date=source.get("issued_date"),
        issuer=source.get("issuer"),
        subject=source.get("subject"),
        filename=source.get("filename") or "",
        confidentiality=source.get("confidentiality") or "thuong",
        urgency=source.get("urgency"),
        cases=tuple((code, cases[code]) for code in source.get("cases") or [] if code in cases),
        subject_html=to_html(subject_marked) if subject_marked else None,
        passages=(),  # filled by _with_passages
        sort=tuple(raw.get("sort") or ()),
        protected=bool(source.get("identity_level")),
        group=source.get("same_group"),
        kind=source.get("kind"),
    )


def passages(raw_hit: dict[str, Any]) -> list[Passage]:
    """Highlighted fragments with their page numbers, best page first.

    Fragments of the exact field are preferred; the folded field's (which also mark words
    typed without diacritics) are used for pages where the exact field marked nothing.
    """
    out: list[Passage] = []
    inner = raw_hit.get("inner_hits", {}).get("pages", {}).get("hits", {}).get("hits", [])
    for page_hit in inner:
        page_no = (page_hit.get("_source") or {}).get("no")
        marked = page_hit.get("highlight", {})
        fragments = marked.get("pages.text") or marked.get("pages.text.folded") or []
        out += [Passage(page=page_no, html=to_html(f), text=plain(f)) for f in fragments]
    return out[:MAX_PASSAGES]


def _facets(aggs: dict[str, Any], cases: dict[str, str]) -> dict[str, tuple[Bucket, ...]]:
    out: dict[str, tuple[Bucket, ...]] = {}
    for name, agg in aggs.items():
        buckets = []
        for bucket in agg.get("buckets", []):
            value = str(bucket.get("key_as_string", bucket["key"]))
            if name == "case":
                if value not in cases:
                    continue
                buckets.append(Bucket(value, int(bucket["doc_count"]), cases[value]))
            else:
                buckets.append(Bucket(value, int(bucket["doc_count"])))
        out[name] = tuple(buckets)
    return out
