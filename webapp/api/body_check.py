"""JSON request bodies checked against the schema their operation declares, before the view
runs: a value of the wrong type (a string for a list, a list for a string, a number too large
for a database key) is a 400 that names the field, never a 500 further down."""

from __future__ import annotations

from typing import Any

from webapp.routing import MAX_ID

#: Python types of the JSON Schema types the API uses (a bool is not an integer here).
_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


def problem(schema: dict[str, Any], value: Any, where: str, schemas: dict[str, Any]) -> str | None:
    """The first place where ``value`` does not have the declared type, or None.

    Only types are checked (with ``nullable``, ``items`` and ``properties``): the rules
    beyond types (required fields, allowed values) stay with the views, which answer them
    with their own messages."""
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        schema = schemas.get(ref.rsplit("/", 1)[1], {})
    if value is None:
        return None if schema.get("nullable") or "type" not in schema else where
    expected = _TYPES.get(schema.get("type", ""))
    if expected is not None:
        is_bool = isinstance(value, bool)
        if not isinstance(value, expected) or (is_bool and schema["type"] != "boolean"):
            return where
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ID:
        return where
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found = problem(schema["items"], item, f"{where}[{index}]", schemas)
            if found:
                return found
    if isinstance(value, dict):
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                found = problem(sub, value[name], f"{where}.{name}" if where else name, schemas)
                if found:
                    return found
    return None


def json_schema(operation: dict[str, Any]) -> dict[str, Any] | None:
    """The schema of the operation's JSON body, if it declares one."""
    content = operation.get("requestBody", {}).get("content", {})
    return content.get("application/json", {}).get("schema")
