"""The search page: query box, facet sidebar, result cards, pagination."""

from __future__ import annotations

from flask import render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from indexer.query import MAX_OFFSET
from indexer.search import SearchResult, search
from records.cases import attaches_anywhere
from webapp import labels
from webapp.actor import current_actor
from webapp.blueprints.search import bp
from webapp.db_session import db_session
from webapp.features.search import audit_search
from webapp.links import has_endpoint
from webapp.search_params import filters_from, page_from, query_string, search_args, sort_from
from webapp.services import services

FACET_TITLES = {
    "doc_type": _l("Loại văn bản"),
    "agency": _l("Cơ quan"),
    "issuer": _l("Cơ quan ban hành"),
    "year": _l("Năm ban hành"),
    "case": _l("Vụ việc"),
    "confidentiality": _l("Độ mật"),
}
#: Facet name -> request argument.
FACET_ARGS = {
    "doc_type": "type",
    "agency": "agency",
    "issuer": "issuer",
    "year": "year",
    "case": "case",
    "confidentiality": "conf",
}


@bp.get("/search")
def index() -> ResponseReturnValue:
    args = request.args
    text = args.get("q", "").strip()
    filters, sort, page = filters_from(args), sort_from(args), page_from(args)
    session, user, svc = db_session(), current_actor(), services()
    result = search(
        session,
        svc.engine,
        svc.settings.index_alias,
        user,
        text,
        filters=filters,
        sort=sort,
        page=page,
        cursor=args.get("after"),
    )
    audit_search(result, channel="web")
    pairs = search_args(text, result.filters, sort)
    return render_template(
        "search/index.html",
        result=result,
        text=text,
        sort=sort,
        pairs=pairs,
        facets=_facet_view(result, pairs, labels.agency_names(session)),
        pages=_pagination(result, pairs),
        labels=labels,
        may_attach=bool(result.hits)  # asked only when there is a card to offer it on
        and has_endpoint("cases.attach_form")
        and attaches_anywhere(session, user),
    )


def _facet_view(
    result: SearchResult, pairs: list[tuple[str, str]], agencies: dict[str, str]
) -> list[dict[str, object]]:
    """Each facet with its buckets: label, count, whether selected, and the toggle link."""
    names: dict[str, dict[str, object]] = {
        "doc_type": labels.DOC_TYPES,
        "confidentiality": labels.CONFIDENTIALITY,
        "agency": dict(agencies),
    }
    base = url_for("search.index") + "?"
    out = []
    for name, arg in FACET_ARGS.items():
        buckets = result.facets.get(name, ())
        selected = {value for key, value in pairs if key == arg}
        items = []
        for bucket in buckets:
            on = bucket.value in selected
            if on:
                kept = [(k, v) for k, v in pairs if not (k == arg and v == bucket.value)]
            else:
                kept = [*pairs, (arg, bucket.value)]
            items.append(
                {
                    "label": bucket.label or labels.label(names.get(name, {}), bucket.value),
                    "count": bucket.count,
                    "on": on,
                    "link": base + query_string(kept),
                }
            )
        for value in sorted(selected - {b.value for b in buckets}):  # selected, no hits now
            kept = [(k, v) for k, v in pairs if not (k == arg and v == value)]
            label = labels.label(names.get(name, {}), value)
            items.append(
                {"label": label, "count": 0, "on": True, "link": base + query_string(kept)}
            )
        if items:
            out.append({"name": name, "title": FACET_TITLES[name], "items": items})
    return out


def _pagination(result: SearchResult, pairs: list[tuple[str, str]]) -> dict[str, object]:
    """Numbered pages while they are cheap (within MAX_OFFSET), then a cursor link."""
    size = result.page.size
    base = url_for("search.index") + "?"
    reachable = min(result.total, MAX_OFFSET + size)
    last = max(1, -(-reachable // size))
    current = result.page.number if not result.page.after else None
    numbers = []
    if current is not None:
        numbers = list(range(max(1, current - 3), min(last, current + 3) + 1))
    links = {n: base + query_string(pairs, page=n if n > 1 else None) for n in numbers}
    previous = base + query_string(pairs, page=current - 1) if current and current > 1 else None
    next_link = None
    if current is not None and current < last:
        next_link = base + query_string(pairs, page=current + 1)
    elif result.next_cursor and (current is None or current * size < result.total):
        next_link = base + query_string(pairs, after=result.next_cursor)
    return {
        "numbers": numbers,
        "links": links,
        "current": current,
        "previous": previous,
        "next": next_link,
    }
