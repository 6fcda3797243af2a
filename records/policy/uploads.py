"""Who may register files, for which body, at which confidentiality, and re-run them.

A file is registered for the uploader's own body. Only an administrator registers files
for another body (moving in the records of a body, repairing a mis-registration); the
uploader's body then keeps sight of the file, since it holds a copy. Nobody registers a
file above their own clearance: they would lose sight of what they just uploaded.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, true

from records.codes import CONFIDENTIALITY, clearance_rank, levels_up_to
from records.models import Agency, Document, User
from records.policy.actions import Action
from records.policy.documents import EDIT_ROLES, can, may_see

#: Roles that may upload files at all.
UPLOAD_ROLES = ("administrator", "leader", "officer", "clerk")
#: Roles that may register a file for a body other than their own.
REGISTER_FOR_OTHERS_ROLES = ("administrator",)


def may_upload(user: User) -> bool:
    return user.active and user.has_role(*UPLOAD_ROLES)


def may_register_for(user: User, agency: Agency) -> bool:
    """May ``user`` register a file owned by ``agency``?"""
    if not may_upload(user):
        return False
    return agency.id == user.agency_id or user.has_role(*REGISTER_FOR_OTHERS_ROLES)


def registrable_agency_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause on Agency selecting the bodies ``user`` may register files for."""
    if user.has_role(*REGISTER_FOR_OTHERS_ROLES):
        return true()
    return Agency.id == user.agency_id


def may_classify(user: User, level: str) -> bool:
    """May ``user`` mark a document with confidentiality ``level``?"""
    return level in CONFIDENTIALITY and clearance_rank(level) <= clearance_rank(user.clearance)


def classification_levels(user: User) -> list[str]:
    """The levels ``user`` may choose when uploading or correcting, lowest first."""
    return levels_up_to(user.clearance)


def may_share_new(user: User, owner: Agency) -> bool:
    """May ``user`` share a file they register for ``owner`` with other bodies?

    The same rule as sharing an existing document (Action.SHARE): editors of the owning
    body; an administrator registering for another body acts for that body.
    """
    if not may_register_for(user, owner):
        return False
    if owner.id == user.agency_id:
        return user.has_role(*EDIT_ROLES)
    return user.has_role(*REGISTER_FOR_OTHERS_ROLES)


def may_rerun(user: User, document: Document) -> bool:
    """May ``user`` parse ``document`` again (it only rebuilds derived data)?"""
    if can(user, Action.EDIT, document):
        return True
    return user.has_role("administrator") and may_see(user, document)


def may_reprocess_all(user: User) -> bool:
    """May ``user`` re-run documents in bulk (``hoso reprocess``), whoever owns them?"""
    return user.active and user.has_role("administrator")
