"""The REST API under ``/api/v1``. Feature modules add routes with :func:`route`, which
also declares each operation in the OpenAPI document served at ``/api/v1/openapi.json``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from webapp.api import openapi

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def route(rule: str, spec: dict[str, dict[str, Any]], **options: Any) -> Callable:
    """Register an API view for the methods in ``spec`` (``{"get": operation, ...}``)."""
    openapi_path = rule.replace("<int:", "{").replace("<", "{").replace(">", "}")
    for method, operation in spec.items():
        openapi.add_operation(openapi_path, method, operation)

    def decorator(view: Callable) -> Callable:
        bp.add_url_rule(rule, view_func=view, methods=[m.upper() for m in spec], **options)
        return view

    return decorator


@bp.get("/openapi.json")
def openapi_document() -> ResponseReturnValue:
    return jsonify(openapi.document())
