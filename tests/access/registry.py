"""The endpoints the authorisation matrix checks, and how to call each.

Register an endpoint from a module named ``tests/access/endpoints_<area>.py`` (the harness
imports them all) with :func:`register`:

* :class:`ObjectEndpoint` — one call per (user, object): "is this user allowed to do
  ``action`` on this object?" Return :func:`http_allowed(response)` for HTTP endpoints
  (2xx allowed; 403/404/401 or a redirect to sign-in refused; anything else fails).
* :class:`ListEndpoint` — one call per user, returning the ids of the world's objects it
  shows (hits of a search, rows of a list, events in an export); the matrix expects exactly
  those the user may see.
* :class:`CountEndpoint` — one call per user, returning counts per bucket (a total, a
  facet); the matrix expects the counts over what the user may see.

``kind`` names the table row group in docs/access-policy.md: document, case, account,
token, audit_event, register, report. ``action`` is a row of that table (``see``,
``download``, ``edit``, ``share``, ``contribute``, ``manage accounts``, ``own account``,
``api token``, ``export``, ``summary``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

REGISTRY: list[Any] = []
#: ``objects=SELF``: an endpoint about no other object (a list page, "me") is called once
#: per user, with the user as its object.
SELF = "self"


@dataclass(frozen=True)
class ObjectEndpoint:
    name: str
    kind: str
    action: str
    call: Callable[..., bool]  # (harness, principal, object ref) -> allowed
    #: The objects to try: None for all of ``kind``, SELF, or a function of the harness.
    objects: Callable[..., list[Any]] | str | None = None


@dataclass(frozen=True)
class ListEndpoint:
    name: str
    kind: str
    call: Callable[..., set[int]]  # (harness, principal) -> ids of world objects shown


@dataclass(frozen=True)
class CountEndpoint:
    name: str
    kind: str
    call: Callable[..., dict[str, int]]  # (harness, principal) -> {bucket: count}
    bucket: Callable[..., list[str]]  # (object ref) -> the buckets the object counts in


def register(*endpoints: Any) -> None:
    REGISTRY.extend(endpoints)


def http_allowed(response: Any) -> bool:
    """Allowed (2xx) or refused (401/403/404, or a redirect to sign-in); else a failure."""
    if 200 <= response.status_code < 300:
        return True
    if response.status_code in (401, 403, 404):
        return False
    if response.status_code == 302 and "/login" in response.headers.get("Location", ""):
        return False
    raise AssertionError(
        f"unexpected {response.status_code} from {response.request.path}: "
        f"{response.get_data(as_text=True)[:300]}"
    )


@dataclass(frozen=True)
class XssProbe:
    """A place where text from users or documents is shown: ``plant`` stores ``payload``
    (a filename, a document's text, a petitioner's name…), ``render`` returns the HTML (or
    text) of the page that shows it. The payload must come back escaped, never as markup."""

    name: str
    plant: Callable[..., None]  # (harness, payload) -> None
    render: Callable[..., str]  # (harness) -> the page's body


XSS_PROBES: list[XssProbe] = []


def register_xss(*probes: XssProbe) -> None:
    XSS_PROBES.extend(probes)
