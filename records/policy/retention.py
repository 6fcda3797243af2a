"""Who keeps the retention schedule, places legal holds, approves disposal and restores
from the trash (docs/access-policy.md, "Retention").

Moving a document to the trash is ``can(user, Action.TRASH, document)`` (the owner body's
editors). The rest is archival work: administrators and archivists (cán bộ lưu trữ), each
within their clearance, since a hold or a disposal concerns documents of every body.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, false, or_, select

from records.codes import clearance_rank, levels_up_to
from records.models import Case, Document, LegalHold, User
from records.policy.actions import Action
from records.policy.documents import EDIT_ROLES

ARCHIVE_ROLES = ("administrator", "archivist")
#: Besides the owner body's editors, administrators restore from the trash of any body.
RESTORE_ANY_BODY = ("administrator",)


def can_manage_retention(user: User) -> bool:
    """The schedule, the list of holds and the disposal lists (Action.DISPOSE)."""
    return user.active and user.has_role(*ARCHIVE_ROLES)


def _reaches(user: User, level: str) -> bool:
    return clearance_rank(user.clearance) >= clearance_rank(level)


def can_retain(user: User, action: Action, document: Document) -> bool:
    """HOLD (place or release a hold, set the document's own retention period) and
    RESTORE (bring a trashed document back) on one document."""
    if not user.active or not _reaches(user, document.confidentiality):
        return False
    if action is Action.HOLD:
        return can_manage_retention(user) and document.status != "disposed"
    if action is Action.RESTORE:
        if document.trashed_at is None or document.status == "disposed":
            return False
        owner = document.owner_agency_id == user.agency_id and user.has_role(*EDIT_ROLES)
        return owner or user.has_role(*RESTORE_ANY_BODY)
    return False


def can_hold_case(user: User, case: Case) -> bool:
    """A hold on a case covers every document attached to it."""
    return can_manage_retention(user) and _reaches(user, case.confidentiality)


def trash_clause(user: User) -> ColumnElement[bool]:
    """The trashed documents ``user`` may restore (their trash page), in SQL."""
    if not user.active:
        return false()
    bodies = []
    if user.has_role(*RESTORE_ANY_BODY):
        bodies.append(Document.owner_agency_id.is_not(None))
    if user.has_role(*EDIT_ROLES):
        bodies.append(Document.owner_agency_id == user.agency_id)
    if not bodies:
        return false()
    return and_(
        Document.trashed_at.is_not(None),
        Document.status != "disposed",
        Document.confidentiality.in_(levels_up_to(user.clearance)),
        or_(*bodies),
    )


def hold_clause(user: User) -> ColumnElement[bool]:
    """The legal holds ``user`` may list and release: on documents and cases up to their
    clearance (a hold's reason can say as much as the object)."""
    if not can_manage_retention(user):
        return false()
    levels = levels_up_to(user.clearance)
    return or_(
        LegalHold.document_id.in_(select(Document.id).where(Document.confidentiality.in_(levels))),
        LegalHold.case_id.in_(select(Case.id).where(Case.confidentiality.in_(levels))),
    )
