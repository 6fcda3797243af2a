"""Reading a search from request arguments (the search page, its links, the REST API).

Arguments: ``q``; repeated ``type``, ``agency``, ``issuer``, ``case``, ``conf``, ``year``;
``from`` and ``to`` (ISO dates); ``sort`` (relevance | newest | oldest); ``page`` or
``after`` (a cursor for pages beyond the first thousand results); ``size`` (API only).
Malformed values are ignored, never an error.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from indexer.query import MAX_OFFSET, MAX_PAGE_SIZE, SORTS, Filters, Page

PAGE_SIZE = 20
#: Request argument -> Filters field.
FILTER_ARGS = {
    "type": "doc_types",
    "agency": "agencies",
    "issuer": "issuers",
    "case": "cases",
    "conf": "confidentiality",
    "year": "years",
}


def filters_from(args: MultiDict[str, str]) -> Filters:
    data: dict[str, Any] = {field: args.getlist(arg) for arg, field in FILTER_ARGS.items()}
    data["date_from"] = args.get("from")
    data["date_to"] = args.get("to")
    return Filters.from_dict(data)


def sort_from(args: MultiDict[str, str]) -> str:
    sort = args.get("sort", "relevance")
    return sort if sort in SORTS else "relevance"


def page_from(args: MultiDict[str, str], *, size: int = PAGE_SIZE) -> Page:
    size = _int(args.get("size"), size, 1, MAX_PAGE_SIZE)
    last_page = MAX_OFFSET // size + 1
    return Page(size=size, number=_int(args.get("page"), 1, 1, last_page))


def search_args(query: str, filters: Filters, sort: str = "relevance") -> list[tuple[str, str]]:
    """Request arguments that reproduce a search (links, saved searches, pagination)."""
    data = filters.to_dict()
    out: list[tuple[str, str]] = [("q", query)] if query else []
    for arg, field in FILTER_ARGS.items():
        out += [(arg, str(value)) for value in data.get(field, [])]
    if "date_from" in data:
        out.append(("from", data["date_from"]))
    if "date_to" in data:
        out.append(("to", data["date_to"]))
    if sort != "relevance":
        out.append(("sort", sort))
    return out


def query_string(pairs: list[tuple[str, str]], **changes: object) -> str:
    """``pairs`` with some arguments replaced (None removes one), URL-encoded."""
    kept = [(k, v) for k, v in pairs if k not in changes]
    kept += [(k, str(v)) for k, v in changes.items() if v is not None]
    return urlencode(kept)


def _int(raw: str | None, default: int, low: int, high: int) -> int:
    try:
        value = int(raw) if raw is not None else default
    except ValueError:
        return default
    return max(low, min(value, high))
