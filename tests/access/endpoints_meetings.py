"""Coordination meetings and their follow-up tasks (pages and API) against the meeting and
follow-up tables of docs/access-policy.md."""

from __future__ import annotations

import re
from typing import Any

from tests.access.registry import ListEndpoint, ObjectEndpoint, http_allowed, register

_MEETING_LINK = re.compile(r'href="/meetings/(\d+)"')
_TASK_LINK = re.compile(r'href="/follow-ups/(\d+)"')


def _get(path: str, api: bool = False) -> Any:
    def call(h: Any, user: Any, ref: Any) -> bool:
        url = path.format(id=ref.id)
        response = h.api(user, "GET", url) if api else h.client(user).get(url)
        return http_allowed(response)

    return call


def _refused_by_rule(path: str, body: dict[str, Any]) -> Any:
    """A change sent with input the rules refuse: 422 means the policy let it through (and
    nothing changed), 403/404 that the policy refused it."""

    def call(h: Any, user: Any, ref: Any) -> bool:
        response = h.api(user, "POST", path.format(id=ref.id), json=body)
        assert response.status_code in (401, 403, 404, 422), response.get_data(as_text=True)
        return response.status_code == 422

    return call


def _draft(h: Any, user: Any, ref: Any) -> bool:
    return http_allowed(h.api(user, "POST", f"/api/v1/meetings/{ref.id}/agenda/draft", json={}))


def _listed(path: str, key: str) -> Any:
    def call(h: Any, user: Any) -> set[int]:
        response = h.api(user, "GET", path)
        return {row["id"] for row in response.json[key]} if http_allowed(response) else set()

    return call


def _page_listed(path: str, pattern: re.Pattern[str]) -> Any:
    def call(h: Any, user: Any) -> set[int]:
        response = h.client(user).get(path)
        if not http_allowed(response):
            return set()
        return {int(found) for found in pattern.findall(response.get_data(as_text=True))}

    return call


register(
    ObjectEndpoint("meetings: page", "meeting", "see", _get("/meetings/{id}")),
    ObjectEndpoint("meetings: API item", "meeting", "see", _get("/api/v1/meetings/{id}", True)),
    ObjectEndpoint("meetings: draft the agenda", "meeting", "manage", _draft),
    ObjectEndpoint(
        "meetings: save an empty agenda", "meeting", "manage",
        _refused_by_rule("/api/v1/meetings/{id}/agenda", {"text": ""}),
    ),
    ListEndpoint(
        "meetings: API list", "meeting", _listed("/api/v1/meetings?limit=200", "meetings")
    ),
    ListEndpoint("meetings: list page", "meeting", _page_listed("/meetings", _MEETING_LINK)),
    ObjectEndpoint("follow-ups: page", "follow-up", "see", _get("/follow-ups/{id}")),
    ObjectEndpoint(
        "follow-ups: API item", "follow-up", "see", _get("/api/v1/follow-ups/{id}", True)
    ),
    ObjectEndpoint(
        "follow-ups: complete without a note", "follow-up", "complete",
        _refused_by_rule("/api/v1/follow-ups/{id}/complete", {"note": ""}),
    ),
    ObjectEndpoint(
        "follow-ups: move the due date into the past", "follow-up", "manage",
        _refused_by_rule("/api/v1/follow-ups/{id}/due", {"due_date": "2020-01-01", "reason": "x"}),
    ),
    ListEndpoint(
        "follow-ups: API list", "follow-up", _listed("/api/v1/follow-ups?limit=200", "follow_ups")
    ),
    ListEndpoint("follow-ups: list page", "follow-up", _page_listed("/follow-ups", _TASK_LINK)),
)  # fmt: skip
