"""Refusals of the domain rules, with a code the interfaces turn into a message."""

from __future__ import annotations

from typing import Any


class RuleError(Exception):
    """A change the rules refuse. ``code`` names the rule (``"case.status_not_allowed"``),
    ``params`` fill the message the web, API and CLI show for it."""

    def __init__(self, rule: str, /, **params: Any) -> None:
        super().__init__(f"{rule}: {params}" if params else rule)
        self.code = rule
        self.params = params


class NotAllowed(RuleError):
    """The actor may not do this (the access policy said no)."""

    def __init__(self, action: str, /, **params: Any) -> None:
        super().__init__("not_allowed", action=action, **params)
