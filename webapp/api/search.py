"""REST: ``GET /api/v1/search``, ``GET /api/v1/suggest``, ``GET /api/v1/documents/{id}/related``.

Each answers only with what the caller may see (the access filter is inside the engine
query; SQL lists go through ``records.policy``); every search is audited.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from indexer.related import related
from indexer.search import search
from indexer.suggest import suggest
from records.codes import clearance_rank
from webapp.actor import current_actor
from webapp.api import openapi, route
from webapp.auditing import audit
from webapp.db_session import db_session
from webapp.features.document_access import visible_document_or_404
from webapp.features.search import audit_search
from webapp.search_params import filters_from, page_from, sort_from
from webapp.services import services


def _array(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "description": description,
        "schema": {"type": "array", "items": {"type": "string"}},
        "style": "form",
        "explode": True,
    }


def _param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "description": description, "schema": schema}


_DOC_REF = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "number": {"type": "string", "nullable": True},
        "subject": {"type": "string", "nullable": True},
        "doc_type": {"type": "string", "nullable": True},
        "issued_date": {"type": "string", "format": "date", "nullable": True},
        "filename": {"type": "string"},
    },
}
_BUCKETS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"value": {"type": "string"}, "count": {"type": "integer"}},
    },
}
openapi.add_schema(
    "SearchHit",
    {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "score": {"type": "number", "nullable": True},
            "doc_type": {"type": "string", "nullable": True},
            "number": {"type": "string", "nullable": True},
            "issued_date": {"type": "string", "format": "date", "nullable": True},
            "issuer": {"type": "string", "nullable": True},
            "subject": {"type": "string", "nullable": True},
            "filename": {"type": "string"},
            "confidentiality": {"type": "string"},
            "cases": {"type": "array", "items": {"type": "string"}},
            "highlights": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "page": {"type": "integer", "nullable": True},
                        "text": {"type": "string"},
                        "html": {
                            "type": "string",
                            "description": "Escaped text; only <mark> elements are markup.",
                        },
                    },
                },
            },
        },
    },
)
openapi.add_schema(
    "SearchResult",
    {
        "type": "object",
        "properties": {
            "total": {"type": "integer"},
            "total_exact": {"type": "boolean"},
            "took_ms": {"type": "integer"},
            "page": {"type": "integer", "nullable": True},
            "size": {"type": "integer"},
            "hits": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}},
            "facets": {
                "type": "object",
                "properties": {
                    name: _BUCKETS
                    for name in ("doc_type", "agency", "issuer", "year", "case", "confidentiality")
                },
            },
            "next_cursor": {
                "type": "string",
                "nullable": True,
                "description": "Pass as `after` for the next page (deep paging).",
            },
        },
    },
)
openapi.add_schema("DocumentRef", _DOC_REF)

SEARCH_SPEC = {
    "get": {
        "summary": "Search the documents the caller may see",
        "description": "Vietnamese full-text search, with or without diacritics. `q` accepts "
        '"quoted phrases", -word or -"phrase" to exclude, OR between alternatives, and '
        "document numbers (1753-QC/TU, 15/2013/QD-UBND, số 1753). Hits, totals and facets "
        "only count documents the caller may see. Facets come with the first page only "
        "(they are the same on every page; later pages answer `facets: {}`).",
        "operationId": "search",
        "tags": ["search"],
        "parameters": [
            _param("q", "What to look for.", {"type": "string", "maxLength": 500}),
            _array("type", "Document type codes (records.codes.DOC_TYPES)."),
            _array("agency", "Agency codes: owning or mentioned bodies."),
            _array("issuer", "Issuing body: its canonical name (facet value) or as printed."),
            _array("case", "Case codes."),
            _array("conf", "Confidentiality levels."),
            _array("year", "Years of issue."),
            _param("from", "Issued on or after (ISO date).", {"type": "string", "format": "date"}),
            _param("to", "Issued on or before (ISO date).", {"type": "string", "format": "date"}),
            _param("sort", "Order.", {"type": "string", "enum": ["relevance", "newest", "oldest"]}),
            _param("page", "Page number (first 1000 results).", {"type": "integer", "minimum": 1}),
            _param("size", "Hits per page.", {"type": "integer", "minimum": 1, "maximum": 100}),
            _param("after", "Cursor from `next_cursor` (pages beyond 1000).", {"type": "string"}),
        ],
        "responses": {
            "200": {
                "description": "Hits, total, facets.",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/SearchResult"}}
                },
            },
            "401": {"description": "Not signed in."},
            "503": {"description": "The search engine is unavailable."},
        },
    }
}
SUGGEST_SPEC = {
    "get": {
        "summary": "Suggestions while typing: numbers, subjects, issuers, case names",
        "operationId": "suggest",
        "tags": ["search"],
        "parameters": [_param("q", "What was typed so far.", {"type": "string"})],
        "responses": {
            "200": {
                "description": "Suggestions within the caller's access.",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "suggestions": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "kind": {
                                                "type": "string",
                                                "enum": ["number", "subject", "issuer", "case"],
                                            },
                                            "label": {"type": "string"},
                                            "value": {"type": "string"},
                                            "document_id": {"type": "integer", "nullable": True},
                                            "confidentiality": {"type": "string", "nullable": True},
                                        },
                                    },
                                }
                            },
                        }
                    }
                },
            }
        },
    }
}
RELATED_SPEC = {
    "get": {
        "summary": "Material related to a document, within the caller's access",
        "operationId": "documentRelated",
        "tags": ["search"],
        "parameters": [
            {"name": "document_id", "in": "path", "required": True, "schema": {"type": "integer"}}
        ],
        "responses": {
            "200": {
                "description": "What it cites, what cites it, its cases' documents, the same "
                "document in other renderings, similar ones.",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "cites": {"type": "array", "items": _DOC_REF},
                                "cited_by": {"type": "array", "items": _DOC_REF},
                                "unresolved": {"type": "array", "items": {"type": "string"}},
                                "cases": {"type": "array", "items": {"type": "object"}},
                                "similar": {"type": "array", "items": _DOC_REF},
                                "same_document": {"type": "array", "items": _DOC_REF},
                                "similar_unavailable": {"type": "boolean"},
                            },
                        }
                    }
                },
            },
            "404": {"description": "No such document, or the caller may not see it."},
        },
    }
}


@route("/search", SEARCH_SPEC)
def search_documents() -> ResponseReturnValue:
    args = request.args
    page = page_from(args)
    svc = services()
    result = search(
        db_session(),
        svc.engine,
        svc.settings.index_alias,
        current_actor(),
        args.get("q", ""),
        filters=filters_from(args),
        sort=sort_from(args),
        page=page,
        cursor=args.get("after"),
        # Facets are the same on every page: counted for the first one only, which saves
        # the engine collecting every match of the later pages' queries.
        facets=page.number == 1 and not args.get("after"),
    )
    audit_search(result, channel="api")
    body = result.to_json()
    body["page"] = None if result.page.after else page.number
    body["size"] = page.size
    return jsonify(body)


@route("/suggest", SUGGEST_SPEC)
def suggest_terms() -> ResponseReturnValue:
    svc = services()
    session = db_session()
    text = request.args.get("q", "")
    found = suggest(session, svc.engine, svc.settings.index_alias, current_actor(), text)
    shown = sorted({s.document_id for s in found if s.document_id is not None})
    if shown:  # titles of documents were shown: that is a search hit shown
        levels = (s.confidentiality or "thuong" for s in found)
        audit(
            "search.suggest",
            object_type="search",
            level=max(levels, key=clearance_rank),
            query=text[:200],
            shown=shown,
        )
    return jsonify(suggestions=[s.to_json() for s in found])


@route("/documents/<int:document_id>/related", RELATED_SPEC)
def document_related(document_id: int) -> ResponseReturnValue:
    user = current_actor()
    document = visible_document_or_404(user, document_id, "document.related")
    svc = services()
    session = db_session()
    material = related(session, svc.engine, svc.settings.index_alias, user, document)
    audit(
        "document.related",
        object_type="document",
        object_id=document.id,
        level=document.confidentiality,
    )
    return jsonify(material.to_json())
