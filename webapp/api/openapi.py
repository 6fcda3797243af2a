"""The OpenAPI 3 document of ``/api/v1``, assembled from the operations each route declares."""

from __future__ import annotations

import copy
from typing import Any

_PATHS: dict[str, dict[str, Any]] = {}
_SCHEMAS: dict[str, Any] = {}


def add_operation(path: str, method: str, operation: dict[str, Any]) -> None:
    """Declare one operation, e.g. ``add_operation("/search", "get", {...})``."""
    _PATHS.setdefault(path, {})[method.lower()] = operation


def add_schema(name: str, schema: dict[str, Any]) -> None:
    _SCHEMAS[name] = schema


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
