"""What the API's resource modules share: declaring an operation, the schema pieces of
request bodies, reading the JSON body and the page of a list."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, request

from records.codes import CONFIDENTIALITY
from webapp.api import openapi
from webapp.routing import MAX_ID

MAX_LIMIT = 200


def json_body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400)
    return data


def limit_offset() -> tuple[int, int]:
    limit = min(MAX_LIMIT, max(1, request.args.get("limit", 50, type=int)))
    return limit, min(max(0, request.args.get("offset", 0, type=int)), MAX_ID)


def iso_day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def op(
    summary: str,
    tag: str,
    *,
    body: dict[str, Any] | None = None,
    required: tuple[str, ...] = (),
    ok: str = "200",
) -> dict:
    """An OpenAPI operation with the usual error answers; ``required``: the body's fields
    without which it is refused."""
    operation: dict[str, Any] = {
        "summary": summary,
        "tags": [tag],
        "responses": {
            ok: {"description": "OK", "content": {"application/json": {}}},
            "403": {"description": "not allowed"},
            "404": {"description": "not found or not visible"},
            "422": {"description": "refused by a rule: {error, message, detail}"},
        },
    }
    if body is not None:
        schema: dict[str, Any] = {"type": "object", "properties": body}
        if required:
            schema["required"] = list(required)
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": schema}},
        }
    return operation


STR = {"type": "string"}
#: Text that must say something: not empty, not only spaces.
NONBLANK = openapi.NONBLANK_TEXT
LEVEL = {"type": "string", "enum": list(CONFIDENTIALITY)}
DATE = {"type": "string", "format": "date"}
STRS = {"type": "array", "items": {"type": "string"}}
