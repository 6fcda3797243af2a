"""The endpoints of accounts, tokens and the audit log (pages and API)."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from tests.access.registry import SELF, ListEndpoint, ObjectEndpoint, http_allowed, register
from tests.access.world import WORLD_OUTCOME


def _web(path: str) -> Any:
    def call(h: Any, user: Any, obj: Any = None) -> bool:
        target = path.format(id=getattr(obj, "id", ""))
        return http_allowed(h.client(user).get(target))

    return call


def _api(method: str, path: str, **kwargs: Any) -> Any:
    def call(h: Any, user: Any, obj: Any = None) -> bool:
        target = path.format(id=getattr(obj, "id", ""))
        return http_allowed(h.api(user, method, target, **kwargs))

    return call


def _revoke_web(h: Any, user: Any, token: Any) -> bool:
    client = h.client(user)
    page = client.get("/account/")
    if page.status_code != 200:
        return http_allowed(page)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    response = client.post(f"/account/tokens/{token.id}/revoke", data={"csrf_token": csrf})
    if response.status_code == 302 and response.headers["Location"].endswith("/account/"):
        return True  # revoked, back to the account page
    return http_allowed(response)


def _audit_page(h: Any, user: Any) -> set[int]:
    response = h.client(user).get(f"/audit/?outcome={WORLD_OUTCOME}")
    if not http_allowed(response):
        return set()
    return {int(n) for n in re.findall(r'data-event="(\d+)"', response.get_data(as_text=True))}


def _audit_api(h: Any, user: Any) -> set[int]:
    response = h.api(user, "GET", f"/api/v1/audit?outcome={WORLD_OUTCOME}")
    if not http_allowed(response):
        return set()
    return {event["id"] for event in response.json["events"]}


def _audit_csv(h: Any, user: Any) -> set[int]:
    response = h.client(user).get(f"/audit/export.csv?outcome={WORLD_OUTCOME}")
    if not http_allowed(response):
        return set()
    rows = csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))
    return {int(row["id"]) for row in rows}


register(
    ObjectEndpoint(
        "GET /admin/users/<id>", "account", "manage accounts", _web("/admin/users/{id}")
    ),
    ObjectEndpoint("GET /admin", "account", "manage accounts", _web("/admin/"), objects=SELF),
    ObjectEndpoint(
        "GET /admin/users", "account", "manage accounts", _web("/admin/users"), objects=SELF
    ),
    ObjectEndpoint(
        "GET /admin/case-codes",
        "account",
        "manage accounts",
        _web("/admin/case-codes/"),
        objects=SELF,
    ),
    ObjectEndpoint(
        "GET /api/v1/users",
        "account",
        "manage accounts",
        _api("GET", "/api/v1/users"),
        objects=SELF,
    ),
    ObjectEndpoint(
        "PATCH /api/v1/users/<id>",
        "account",
        "manage accounts",
        _api("PATCH", "/api/v1/users/{id}", json={}),
    ),
    ObjectEndpoint(
        "GET /api/v1/me", "account", "own account", _api("GET", "/api/v1/me"), objects=SELF
    ),
    ObjectEndpoint("GET /account", "account", "own account", _web("/account/"), objects=SELF),
    ObjectEndpoint("POST /account/tokens/<id>/revoke", "token", "api token", _revoke_web),
    ObjectEndpoint(
        "DELETE /api/v1/tokens/<id>", "token", "api token", _api("DELETE", "/api/v1/tokens/{id}")
    ),
    ListEndpoint("GET /audit", "audit_event", _audit_page),
    ListEndpoint("GET /api/v1/audit", "audit_event", _audit_api),
    ListEndpoint("GET /audit/export.csv", "audit_event", _audit_csv),
)
