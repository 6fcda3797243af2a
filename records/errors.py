"""Refusals of the domain rules: one type, with a code the interfaces turn into a message."""

from __future__ import annotations

from typing import Any


class RuleError(Exception):
    """A change the rules refuse. ``code`` names the rule (``"case.status_not_allowed"``), a
    key of the one catalogue ``records.refusals.MESSAGES``; ``params`` fill its message. A
    refusal about one input names it in a ``field`` parameter."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        """The message in Vietnamese (logs, import reports), its parameters filled in."""
        from records.refusals import MESSAGES

        template = MESSAGES.get(self.code)
        if template is None:
            return f"{self.code}: {self.params}" if self.params else self.code
        return fill(template, {key: plain(value) for key, value in self.params.items()})

    def __str__(self) -> str:
        return self.message


class NotAllowed(RuleError):
    """The actor may not do this (the access policy said no): a 403, not a refusal's 400."""

    def __init__(self, action: str, /, **params: Any) -> None:
        super().__init__("not_allowed", action=action, **params)


def plain(value: Any) -> Any:
    """A parameter as written into a message: refusals by their message ("a; b"), a list
    of labels as "a, b, c"."""
    if isinstance(value, RuleError):
        return value.message
    if isinstance(value, list | tuple):
        if value and all(isinstance(item, RuleError) for item in value):
            return "; ".join(item.message for item in value)
        return ", ".join(str(plain(item)) for item in value)
    return value


def fill(template: str, params: dict[str, Any]) -> str:
    """``template % params``, or the template itself when a parameter is missing."""
    try:
        return template % params if params else template
    except (KeyError, TypeError, ValueError):
        return template
