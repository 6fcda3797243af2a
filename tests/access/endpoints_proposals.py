"""Proposals for the monitoring list (pages and API) against the proposal table of
docs/access-policy.md."""

from __future__ import annotations

import re
from typing import Any

from tests.access.registry import ListEndpoint, ObjectEndpoint, http_allowed, register

_LINK = re.compile(r'href="/proposals/(\d+)"')


def _page(h: Any, user: Any, ref: Any) -> bool:
    return http_allowed(h.client(user).get(f"/proposals/{ref.id}"))


def _api_item(h: Any, user: Any, ref: Any) -> bool:
    return http_allowed(h.api(user, "GET", f"/api/v1/proposals/{ref.id}"))


def _by_rule(path: str, body: dict[str, Any]) -> Any:
    """422 (refused by a rule, nothing changed): the policy let the call through."""

    def call(h: Any, user: Any, ref: Any) -> bool:
        response = h.api(user, "POST", path.format(id=ref.id), json=body)
        assert response.status_code in (401, 403, 404, 422), response.get_data(as_text=True)
        return response.status_code == 422

    return call


def _api_list(h: Any, user: Any) -> set[int]:
    response = h.api(user, "GET", "/api/v1/proposals")
    return {p["id"] for p in response.json["proposals"]} if http_allowed(response) else set()


def _page_list(h: Any, user: Any) -> set[int]:
    response = h.client(user).get("/proposals")
    if not http_allowed(response):
        return set()
    return {int(found) for found in _LINK.findall(response.get_data(as_text=True))}


register(
    ObjectEndpoint("proposals: page", "proposal", "see", _page),
    ObjectEndpoint("proposals: API item", "proposal", "see", _api_item),
    ObjectEndpoint(
        "proposals: review without a note", "proposal", "review",
        _by_rule("/api/v1/proposals/{id}/review", {"recommend": True, "note": ""}),
    ),
    ObjectEndpoint(
        "proposals: decide before the review", "proposal", "record decision",
        _by_rule("/api/v1/proposals/{id}/decide", {"approved": True, "document": "1"}),
    ),
    ListEndpoint("proposals: API list", "proposal", _api_list),
    ListEndpoint("proposals: list page", "proposal", _page_list),
)  # fmt: skip
