"""Cadre vetting (pages and API): who sees a request, who reads which answer, who answers,
who asks — against the vetting table of docs/access-policy.md."""

from __future__ import annotations

import re
from typing import Any

from tests.access.registry import SELF, ListEndpoint, ObjectEndpoint, http_allowed, register

_LINK = re.compile(r'href="/vetting/(\d+)"')


def _page(h: Any, user: Any, ref: Any) -> bool:
    return http_allowed(h.client(user).get(f"/vetting/{ref.id}"))


def _api_item(h: Any, user: Any, ref: Any) -> bool:
    return http_allowed(h.api(user, "GET", f"/api/v1/vetting/{ref.id}"))


def _reads_answer(h: Any, user: Any, ref: Any) -> bool:
    """The answer of ``ref.vetting.answerer`` comes with its text (else status only)."""
    response = h.api(user, "GET", f"/api/v1/vetting/{ref.id}")
    if not http_allowed(response):
        return False
    answer = next(a for a in response.json["answers"] if a["agency"] == ref.vetting.answerer)
    return "text" in answer


def _answers(h: Any, user: Any, ref: Any) -> bool:
    """Looking for candidates is the first step of answering (nothing matches in the world)."""
    return http_allowed(h.api(user, "POST", f"/api/v1/vetting/{ref.id}/search", json={}))


def _ask_form(h: Any, user: Any, obj: Any = None) -> bool:
    return http_allowed(h.client(user).get("/vetting/new"))


def _api_list(h: Any, user: Any) -> set[int]:
    response = h.api(user, "GET", "/api/v1/vetting?limit=200")
    return {item["id"] for item in response.json["requests"]} if http_allowed(response) else set()


def _page_list(h: Any, user: Any) -> set[int]:
    response = h.client(user).get("/vetting")
    if not http_allowed(response):
        return set()
    return {int(found) for found in _LINK.findall(response.get_data(as_text=True))}


register(
    ObjectEndpoint("vetting: page", "vetting", "see", _page),
    ObjectEndpoint("vetting: API item", "vetting", "see", _api_item),
    ObjectEndpoint(
        "vetting: an answer in the API", "vetting", "see answers", _reads_answer,
        lambda h: h.world.vetting_answers(),
    ),
    ObjectEndpoint("vetting: look for candidates", "vetting", "answer", _answers),
    ObjectEndpoint("vetting: ask form", "vetting", "ask", _ask_form, SELF),
    ListEndpoint("vetting: API list", "vetting", _api_list),
    ListEndpoint("vetting: list page", "vetting", _page_list),
)  # fmt: skip
