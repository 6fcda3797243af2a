"""The coordination scorecard (page, XLSX, API) against the scorecard table of
docs/access-policy.md: which bodies' figures each user is shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.access.registry import SELF, ObjectEndpoint, http_allowed, register
from tests.access.world import BODIES, OTHER


@dataclass(frozen=True)
class BodyRef:
    key: str
    id: int
    body: str


def _bodies(h: Any) -> list[BodyRef]:
    return [BodyRef(code, h.agencies[code].id, code) for code in (*BODIES, OTHER)]


def _api_shows(h: Any, user: Any, ref: BodyRef) -> bool:
    response = h.api(user, "GET", "/api/v1/scorecard?period=2030")
    if not http_allowed(response):
        return False
    return ref.body in {row["agency"] for row in response.json["bodies"]}


def _page_shows(h: Any, user: Any, ref: BodyRef) -> bool:
    response = h.client(user).get("/scorecard?period=2030")
    if not http_allowed(response):
        return False
    return f'<th scope="row">{h.agencies[ref.body].name}</th>' in response.get_data(as_text=True)


def _xlsx(h: Any, user: Any, obj: Any = None) -> bool:
    return http_allowed(h.client(user).get("/scorecard.xlsx?period=2030"))


register(
    ObjectEndpoint("scorecard: API figures of a body", "scorecard", "see", _api_shows, _bodies),
    ObjectEndpoint("scorecard: page row of a body", "scorecard", "see", _page_shows, _bodies),
    ObjectEndpoint("scorecard: XLSX", "scorecard", "export", _xlsx, SELF),
)
