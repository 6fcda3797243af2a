"""The REST API under ``/api/v1``. Feature modules add routes with :func:`route`, which
also declares each operation in the OpenAPI document served at ``/api/v1/openapi.json``."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from records.errors import RuleError
from webapp.api import body_check, openapi
from webapp.labels import message

bp = Blueprint("api", __name__, url_prefix="/api/v1")


#: A variable part of a Flask rule: ``<name>`` or ``<converter:name>``.
_VARIABLE = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def route(rule: str, spec: dict[str, dict[str, Any]], **options: Any) -> Callable:
    """Register an API view for the methods in ``spec`` (``{"get": operation, ...}``).

    The operation is declared in the OpenAPI document with the rule's path parameters and
    the answers every operation may give (see :func:`openapi.complete`)."""
    openapi_path = _VARIABLE.sub(lambda match: "{" + match[2] + "}", rule)
    variables = [(name, converter or "string") for converter, name in _VARIABLE.findall(rule)]
    completed = {method: openapi.complete(op, variables) for method, op in spec.items()}
    for method, operation in completed.items():
        openapi.add_operation(openapi_path, method, operation)

    def decorator(view: Callable) -> Callable:
        bp.add_url_rule(rule, view_func=view, methods=[m.upper() for m in spec], **options)
        endpoint = f"{bp.name}.{options.get('endpoint') or view.__name__}"
        for method, operation in completed.items():
            _OPERATIONS[(endpoint, method.upper())] = operation
        return view

    return decorator


#: Each view's operations by (endpoint, HTTP method), for checking requests against them.
_OPERATIONS: dict[tuple[str, str], dict[str, Any]] = {}


@bp.before_request
def _check_json_body() -> ResponseReturnValue | None:
    operation = _OPERATIONS.get((request.endpoint or "", request.method))
    schema = body_check.json_schema(operation) if operation else None
    if schema is None or not request.is_json:
        return None
    data = request.get_json(silent=True)
    wrong = "body" if data is None else body_check.problem(schema, data, "", openapi.schemas())
    if wrong is None:
        return None
    refusal = RuleError("invalid_input", field=wrong or "body")
    return jsonify(error=refusal.code, message=message(refusal), detail=refusal.params), 400


@bp.get("/openapi.json")
def openapi_document() -> ResponseReturnValue:
    return jsonify(openapi.document())
