"""Registering files: the choices an upload offers, sharing at upload, bulk re-runs.

One registration is decided by :func:`records.policy.documents.can_register` (staff for
their own body, an administrator for any body, never above one's clearance); this module
gives the same rule as the choices of an upload form, and applies the *share* row of the
document table to a document that does not exist yet.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, true

from records.codes import clearance_rank, levels_up_to
from records.models import Agency, Document, User
from records.policy.actions import Action
from records.policy.documents import (
    REGISTER_ROLES,
    SECRET_SHARE_ROLES,
    SHARE_ROLES,
    can,
    can_register,
)


def may_upload(user: User) -> bool:
    """May ``user`` register files at all (for their own body, at the lowest level)?"""
    return can_register(user, user.agency, "thuong")


def registrable_agency_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause on Agency: the bodies ``user`` may register files for."""
    if not user.active:
        return false()
    if user.has_role("administrator"):
        return true()
    if user.has_role(*REGISTER_ROLES):
        return Agency.id == user.agency_id
    return false()


def classification_levels(user: User) -> list[str]:
    """The levels ``user`` may give a document, lowest first."""
    return levels_up_to(user.clearance)


def can_share_new(user: User, owner: Agency, confidentiality: str) -> bool:
    """May ``user`` share a file they register for ``owner`` at this level with other
    bodies? As sharing an existing document: staff of the owning body with the share right
    for that level."""
    if not user.active or owner.id != user.agency_id:
        return False
    roles = SECRET_SHARE_ROLES if clearance_rank(confidentiality) > 0 else SHARE_ROLES
    return user.has_role(*roles)


def may_reprocess_all(user: User) -> bool:
    """May ``user`` re-run documents in bulk (``hoso reprocess``), whoever owns them? It only
    rebuilds derived data, and shows nothing of the documents."""
    return user.active and user.has_role("administrator")


def may_see_duplicate(user: User | None, agency: Agency, document: Document) -> bool:
    """May the uploader of a file already held in ``document`` be told which document it is?

    Only if they may see it already: a duplicate upload grants nothing, and reveals
    nothing (name, number, metadata, that it exists at a level) to someone who may not.
    A file arriving without a user (an e-mail intake for ``agency``) is told only to its
    owning body.
    """
    if user is None:
        return agency.id == document.owner_agency_id
    return can(user, Action.SEE, document)
