"""Who may see and change a saved search: its owner only, while their account is active.

The alert a saved search raises is governed separately: it runs under the owner's current
document access (``document_engine_filter``), so a saved search never reaches documents
its owner may not see, even if their access shrank after saving it.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false

from records.models import SavedSearch, User


def can_saved_search(user: User, saved: SavedSearch) -> bool:
    return user.active and saved.user_id == user.id


def saved_search_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the saved searches ``user`` may see."""
    if not user.active:
        return false()
    return SavedSearch.user_id == user.id
