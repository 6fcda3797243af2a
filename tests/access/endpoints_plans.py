"""Inspection plans (pages and API) against the plan table of docs/access-policy.md."""

from __future__ import annotations

import re
from typing import Any

from tests.access.registry import SELF, ListEndpoint, ObjectEndpoint, http_allowed, register

_LINK = re.compile(r'href="/plans/(\d+)"')


def _page(h: Any, user: Any, ref: Any) -> bool:
    return http_allowed(h.client(user).get(f"/plans/{ref.id}"))


def _api_item(h: Any, user: Any, ref: Any) -> bool:
    return http_allowed(h.api(user, "GET", f"/api/v1/plans/{ref.id}"))


def _by_rule(path: str, body: dict[str, Any]) -> Any:
    """422 (refused by a rule, nothing changed): the policy let the call through."""

    def call(h: Any, user: Any, ref: Any) -> bool:
        response = h.api(user, "POST", path.format(id=ref.id), json=body)
        assert response.status_code in (401, 403, 404, 422), response.get_data(as_text=True)
        return response.status_code == 422

    return call


def _register_form(h: Any, user: Any, obj: Any = None) -> bool:
    return http_allowed(h.client(user).get("/plans/new"))


def _api_list(h: Any, user: Any) -> set[int]:
    response = h.api(user, "GET", "/api/v1/plans?year=2030")
    return {item["id"] for item in response.json["items"]} if http_allowed(response) else set()


def _calendar(h: Any, user: Any) -> set[int]:
    response = h.client(user).get("/plans?year=2030")
    if not http_allowed(response):
        return set()
    return {int(found) for found in _LINK.findall(response.get_data(as_text=True))}


register(
    ObjectEndpoint("plans: page", "plan", "see", _page),
    ObjectEndpoint("plans: API item", "plan", "see", _api_item),
    ObjectEndpoint(
        "plans: approve while overlaps are open", "plan", "approve",
        _by_rule("/api/v1/plans/{id}/approve", {}),
    ),
    ObjectEndpoint(
        "plans: resolve an overlap without a decision", "plan", "resolve overlaps",
        _by_rule("/api/v1/plans/overlaps/{id}/resolve", {"resolution": ""}),
        lambda h: h.world.plan_overlaps,
    ),
    ObjectEndpoint("plans: register form", "plan", "register", _register_form, SELF),
    ListEndpoint("plans: API list", "plan", _api_list),
    ListEndpoint("plans: calendar page", "plan", _calendar),
)  # fmt: skip
