"""The OpenAPI 3 document of ``/api/v1``, assembled from the operations each route declares."""

from __future__ import annotations

import copy
from typing import Any

from webapp.routing import MAX_ID

_PATHS: dict[str, dict[str, Any]] = {}
_SCHEMAS: dict[str, Any] = {}


#: Answers any operation may give: a malformed request, no valid token or session, a
#: refusal (not allowed, a read-only token, an account setup to finish).
COMMON_RESPONSES = {
    "400": {"description": "malformed request: {error, message}"},
    "401": {"description": "no valid token or session: {error, message}"},
    "403": {"description": "not allowed: {error, message}"},
}
NOT_FOUND = {"description": "not found or not visible: {error, message}"}
#: The schema of a path variable by its Flask converter; ``int`` holds a database key.
_PATH_SCHEMAS = {
    "int": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
    "string": {"type": "string", "minLength": 1, "pattern": "^[^/\\u0000]+$"},
}


#: Text without NUL: the requests that carry one are refused (``webapp.routing``).
STORABLE_TEXT = "^[^\\u0000]*$"
#: A query string's text: no C0 control character but tab and line breaks (``webapp.routing``).
QUERY_TEXT = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f]*$"
#: Text that says something: without NUL, and not empty or only white space.
NONBLANK_TEXT = {"type": "string", "pattern": "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"}


def storable(schema: dict[str, Any]) -> dict[str, Any]:
    """A request body's schema as the request checks hold it (in place, and returned): its
    strings hold no NUL, its integers fit a database key, and its objects hold no fields
    other than those they declare."""
    kind = schema.get("type")
    if kind == "string" and not {"format", "enum", "pattern"} & schema.keys():
        schema["pattern"] = STORABLE_TEXT
    elif kind == "integer":  # any larger number is refused (``body_check``)
        schema.setdefault("minimum", -MAX_ID)
        schema.setdefault("maximum", MAX_ID)
    elif kind == "array" and isinstance(schema.get("items"), dict):
        storable(schema["items"])
    elif kind == "object" and "properties" in schema:
        schema.setdefault("additionalProperties", False)
        for sub in schema["properties"].values():
            storable(sub)
    return schema


def typed_in_query(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter's schema as the request checks hold it (in place, and returned):
    its text holds no control character."""
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        typed_in_query(schema["items"])
    elif schema.get("type") == "string" and not {"enum", "pattern"} & schema.keys():
        schema["pattern"] = QUERY_TEXT
    return schema


def complete(operation: dict[str, Any], variables: list[tuple[str, str]]) -> dict[str, Any]:
    """``operation`` with its path variables declared as the rule has them, its query's and
    request body's text as the request checks hold it (:func:`typed_in_query`,
    :func:`storable`), and the common answers listed (the answers it declares itself
    stay)."""
    completed = copy.deepcopy(operation)
    for media in completed.get("requestBody", {}).get("content", {}).values():
        if "properties" in media.get("schema", {}):
            storable(media["schema"])
    parameters = completed.setdefault("parameters", [])
    parameters[:] = [p for p in parameters if p.get("in") != "path"]
    for parameter in parameters:
        if parameter.get("in") == "query" and isinstance(parameter.get("schema"), dict):
            typed_in_query(parameter["schema"])
    for name, converter in variables:
        schema = _PATH_SCHEMAS.get(converter, _PATH_SCHEMAS["string"])
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    if not parameters:
        del completed["parameters"]
    responses = completed.setdefault("responses", {})
    for code, response in COMMON_RESPONSES.items():
        responses.setdefault(code, response)
    if variables:
        responses.setdefault("404", NOT_FOUND)
    return completed


def add_operation(path: str, method: str, operation: dict[str, Any]) -> None:
    """Declare one operation, e.g. ``add_operation("/search", "get", {...})``."""
    _PATHS.setdefault(path, {})[method.lower()] = operation


def add_schema(name: str, schema: dict[str, Any], *, request: bool = False) -> None:
    """Declare a named schema; ``request``: one of a request body (made :func:`storable`)."""
    _SCHEMAS[name] = storable(copy.deepcopy(schema)) if request else schema


def schemas() -> dict[str, Any]:
    """The named schemas (``#/components/schemas/...``); read-only."""
    return _SCHEMAS


def document() -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "hoso API",
            "version": "1",
            "description": "Documents, search, cases and petitions of the coordinating bodies. "
            "Every response contains only what the caller may see. Machine clients send "
            "`Authorization: Bearer <token>` (a `read` token may only GET); browser sessions "
            "send the CSRF token in `X-CSRFToken` with every change.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": copy.deepcopy(_PATHS),
        "components": {
            "schemas": copy.deepcopy(_SCHEMAS),
            "securitySchemes": {
                "token": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "hoso_session"},
            },
        },
        "security": [{"token": []}, {"session": []}],
    }
