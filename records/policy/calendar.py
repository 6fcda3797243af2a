"""Who may change the working calendar: administrators (every deadline depends on it)."""

from __future__ import annotations

from records.models import User


def can_edit_calendar(user: User) -> bool:
    return user.active and user.has_role("administrator")
