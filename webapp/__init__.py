"""The web app, its REST API and the ``hoso`` command.

The application factory lives in :mod:`webapp.app`; it is imported on first use, so that a
``hoso`` command that needs no web app does not pay for importing it.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from webapp.app import create_app

        return create_app
    raise AttributeError(f"module 'webapp' has no attribute {name!r}")
