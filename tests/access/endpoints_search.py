"""The search feature's endpoints in the authorisation matrix: the document page, its
download, its related material, the search and suggestions (web, API and the functions the
CLI calls), their totals and facets — and the search page as an XSS probe."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from indexer import pipeline
from indexer.query import Page
from indexer.search import search
from indexer.suggest import suggest
from records.models import Agency, Document, DocumentPage
from records.storage import LocalStore
from tests.access.registry import (
    CountEndpoint,
    ListEndpoint,
    ObjectEndpoint,
    XssProbe,
    http_allowed,
    register,
    register_xss,
)

_HIT = re.compile(r'<article class="card hit" data-doc-id="(\d+)"')


def _document_page(h: Any, user: Any, doc: Any) -> bool:
    return http_allowed(h.client(user).get(f"/documents/{doc.id}"))


def _download(h: Any, user: Any, doc: Any) -> bool:
    _ensure_stored_files(h)
    response = h.client(user).get(f"/documents/{doc.id}/download")
    allowed = http_allowed(response)
    if allowed:
        assert response.headers["Content-Disposition"].startswith("attachment")
    return allowed


def _related_api(h: Any, user: Any, doc: Any) -> bool:
    return http_allowed(h.api(user, "GET", f"/api/v1/documents/{doc.id}/related"))


def _ensure_stored_files(h: Any) -> None:
    """The world's documents have made-up digests; give each a stored file to download."""
    store = LocalStore(h.settings.files_dir)
    for doc in h.world.documents:
        path = store.path(h.documents[doc.id].sha256)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"matran")


def _web_search(query: str) -> Any:
    def call(h: Any, user: Any) -> set[int]:
        shown: set[int] = set()
        for number in (1, 2, 3):  # 20 cards a page; the world has 32 documents
            html = h.client(user).get(f"/search?q={query}&page={number}").get_data(as_text=True)
            shown |= {int(found) for found in _HIT.findall(html)}
        return shown

    return call


def _api_search(query: str) -> Any:
    def call(h: Any, user: Any) -> set[int]:
        response = h.api(user, "GET", f"/api/v1/search?q={query}&size=100")
        if response.status_code != 200:
            return set()
        return {hit["id"] for hit in response.get_json()["hits"]}

    return call


def _search_function(h: Any, user: Any) -> set[int]:
    """``indexer.search.search`` as ``hoso search`` calls it, walking cursors to the end."""
    shown: set[int] = set()
    cursor = None
    while True:
        result = search(
            h.session,
            h.engine,
            h.settings.index_alias,
            h.users[user.id],
            "matran",
            page=Page(size=7),
            cursor=cursor,
            facets=False,
        )
        shown |= {hit.id for hit in result.hits}
        cursor = result.next_cursor
        if not cursor:
            return shown


def _suggestions(h: Any, user: Any) -> set[int]:
    found = suggest(h.session, h.engine, h.settings.index_alias, h.users[user.id], "ma tr", 100)
    return {s.document_id for s in found if s.document_id is not None}


def _api_counts(h: Any, user: Any) -> dict[str, int]:
    response = h.api(user, "GET", "/api/v1/search?q=matran&size=1")
    if response.status_code != 200:
        return {}
    body = response.get_json()
    counts = {"total": body["total"]}
    for name in ("confidentiality", "agency"):
        for bucket in body["facets"][name]:
            counts[f"{name}:{bucket['value']}"] = bucket["count"]
    return counts


def _at_levels(*levels: str) -> Any:
    """Every way of reaching a document, at the given levels: a page view costs a few
    queries, and the rules change only between ordinary and secret (copying) and with
    the reader's clearance, which two levels already exercise."""

    def objects(h: Any) -> list[Any]:
        return [doc for doc in h.world.documents if doc.facts.level in levels]

    return objects


register(
    ObjectEndpoint(
        "GET /documents/<id>",
        "document",
        "see",
        _document_page,
        objects=_at_levels("thuong", "toi_mat"),
    ),
    ObjectEndpoint(
        "GET /documents/<id>/download",
        "document",
        "download",
        _download,
        objects=_at_levels("thuong", "mat"),
    ),
    ObjectEndpoint(
        "GET /api/v1/documents/<id>/related",
        "document",
        "see",
        _related_api,
        objects=_at_levels("mat"),
    ),
    ListEndpoint("GET /search (browse)", "document", _web_search("")),
    ListEndpoint("GET /search?q=matran", "document", _web_search("matran")),
    ListEndpoint("GET /api/v1/search?q=ma+tran", "document", _api_search("ma+tran")),
    ListEndpoint("indexer.search.search (hoso search), cursors", "document", _search_function),
    ListEndpoint("indexer.suggest.suggest (GET /api/v1/suggest)", "document", _suggestions),
    CountEndpoint(
        "GET /api/v1/search totals and facets",
        "document",
        _api_counts,
        lambda doc: ["total", f"confidentiality:{doc.facts.level}", f"agency:{doc.facts.owner}"],
    ),
)


def _plant_document_text(h: Any, payload: str) -> None:
    with h.db.session() as session:
        owner = session.scalar(select(Agency).where(Agency.code == "noi_chinh"))
        text = f"xssprobe {payload} xssprobe"
        document = Document(
            sha256=f"{abs(hash(payload)):064x}"[-64:],
            size=len(text),
            filename="xss.txt",
            kind="txt",
            page_count=1,
            status="parsed",
            owner_agency=owner,
            subject=payload,
            pages=[DocumentPage(page_no=1, text=text, original=text)],
        )
        session.add(document)
        session.flush()
        document_id = document.id
    pipeline.index([document_id])
    h.engine.refresh(h.settings.index_alias)


def _search_page(h: Any) -> str:
    reader = next(p for p in h.world.users if p.key == "officer-noichinh-thuong")
    return h.client(reader).get("/search?q=xssprobe").get_data(as_text=True)


register_xss(
    XssProbe("search page: a document's subject and text", _plant_document_text, _search_page)
)
