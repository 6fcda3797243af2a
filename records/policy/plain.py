"""The document rule on SQLAlchemy Core rows, for ``hoso doc show`` of a plain document.

This is the fourth form of the document rule (docs/access-policy.md, "One rule, three forms"):
:func:`plainly_visible` is :func:`records.policy.documents.may_see` for a *plain* document
(``records.plain_document``: one attached to no case, so that no case widens who sees it),
decided on Core rows instead of models. tests/integration/test_plain_document_policy.py holds
it to ``may_see`` for every kind of user against every kind of plain document.

Nothing here imports ``sqlalchemy.orm`` or the models, so the CLI reads plain documents
without loading them.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from records.codes import clearance_rank
from records.policy.roles import READER_ROLES

if TYPE_CHECKING:
    from sqlalchemy import Row


def plainly_visible(user: Row[Any], document: Row[Any], shared_ids: Collection[int]) -> bool:
    """May ``user`` see the plain ``document`` (shared with the bodies ``shared_ids``)?

    ``user`` is a row of ``records.plain_document.find_actor`` (the user's columns with their
    body's ``coordinating`` flag), ``document`` a row of the document's own columns.
    """
    if not (user.active and any(role in user.roles for role in READER_ROLES)):
        return False
    if document.trashed_at is not None or document.status == "disposed":
        return False
    if clearance_rank(user.clearance) < clearance_rank(document.confidentiality):
        return False
    return (
        document.owner_agency_id == user.agency_id
        or bool(document.shared_all and user.coordinating)
        or user.agency_id in shared_ids
    )
