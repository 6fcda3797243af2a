"""Marking user-facing messages of the domain core for translation.

``records`` does not import Flask, so it cannot translate. It writes its messages in
Vietnamese inside :func:`N_` (a Babel default keyword, extracted through ``webapp/babel.cfg``)
and the web layer translates them when it shows them: ``gettext(msgid, **params)``.
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    return message


class UserError(Exception):
    """An error whose message is meant for the user: a msgid and its parameters."""

    def __init__(self, msgid: str, **params: Any) -> None:
        self.msgid = msgid
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The message in Vietnamese (CLI output, logs); a list parameter is joined."""
        return self.msgid % join_lists(self.params) if self.params else self.msgid


def join_lists(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters with each list (of labels, say) written as "a, b, c"."""
    return {k: ", ".join(map(str, v)) if isinstance(v, list) else v for k, v in params.items()}
