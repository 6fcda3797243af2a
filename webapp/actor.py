"""The signed-in user of the request, as the policy and domain functions take it."""

from __future__ import annotations

from flask_login import current_user

from records.models import User


def current_actor() -> User:
    """The signed-in user as the model object (not Flask-Login's proxy of it)."""
    return current_user._get_current_object()  # type: ignore[attr-defined]
