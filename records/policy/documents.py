"""Who may see, download, edit or share a document (docs/access-policy.md, "Documents").

Each rule exists in three forms that must agree (tests/access checks that they do, against
the table in the doc): :func:`can` for one object, :func:`document_clause` as SQL for lists,
and :func:`document_engine_filter` as a filter placed *inside* every search-engine query.
A fourth, :func:`records.policy.plain.plainly_visible`, is :func:`may_see` on SQLAlchemy Core
rows for the CLI's plain documents, held to it by tests/integration/test_plain_document_policy.py.

A document is **visible** to a user whose clearance reaches its level and whose body owns it,
is one it is shared with, is a coordinating body when it is shared with all of them, or
takes part in a case the document is attached to (:mod:`records.policy.participation`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session, aliased, object_session

from records.codes import clearance_rank, levels_up_to
from records.models import Agency, CaseDocument, Document, User, document_shares
from records.policy.actions import Action
from records.policy.letters import unregistered_letter
from records.policy.participation import (
    CaseReach,
    case_access_agency_ids,
    case_access_clause,
    case_access_tokens,
    reaches_through_cases,
)
from records.policy.roles import READER_ROLES

#: Roles that may copy (download, print, export) an ordinary (thường) document they may see.
COPY_ROLES = ("leader", "officer", "clerk")
#: Copying MẬT and above needs authority: a leader, or an officer of the owning body.
SECRET_COPY_ANY_BODY = ("leader",)
SECRET_COPY_OWN_BODY = ("officer",)
#: Roles that may correct a document's metadata and attach it, in the owning body.
EDIT_ROLES = ("leader", "officer", "clerk")
#: Roles that may share a document with other bodies, in the owning body.
SHARE_ROLES = ("leader", "officer")
SECRET_SHARE_ROLES = ("leader",)
#: Roles that may register (upload) documents for their own body.
REGISTER_ROLES = ("leader", "officer", "clerk")


def _reader(user: User) -> bool:
    return user.active and user.has_role(*READER_ROLES)


def _secret(level: str) -> bool:
    return clearance_rank(level) > 0


# -- one object -----------------------------------------------------------------------------
def can(
    user: User,
    action: Action,
    document: Document,
    *,
    case_agency_ids: CaseReach | None = None,
) -> bool:
    """May ``user`` perform ``action`` on ``document``?

    ``case_agency_ids`` is the document's case reach (the bodies that reach it through its
    cases, with the case level their staff need); when not given it is read from the
    document's session.
    """
    if not may_see(user, document, case_agency_ids):
        return False
    owner = document.owner_agency_id == user.agency_id
    if action is Action.SEE:
        return True
    if action is Action.DOWNLOAD:
        if _secret(document.confidentiality):
            return user.has_role(*SECRET_COPY_ANY_BODY) or (
                owner and user.has_role(*SECRET_COPY_OWN_BODY)
            )
        return user.has_role(*COPY_ROLES)
    if action in (Action.EDIT, Action.TRASH):
        return owner and user.has_role(*EDIT_ROLES)
    if action is Action.SHARE:
        roles = SECRET_SHARE_ROLES if _secret(document.confidentiality) else SHARE_ROLES
        return owner and user.has_role(*roles) and not unregistered_letter(document)
    return False


#: Lowering a document's level is declassifying it (Luật BVBMNN Art. 13): a leader of the
#: owning body, with a reason.
LOWER_LEVEL_ROLES = ("leader",)


def can_change_level(user: User, document: Document, level: str) -> bool:
    """May ``user`` give ``document`` the level ``level``?

    Raising is an edit (up to the user's clearance); lowering is a leader's act of the
    owning body. Shares granted below the new level are re-checked when it rises
    (:func:`records.sharing.recheck_after_raise`).
    """
    if clearance_rank(level) > clearance_rank(user.clearance):
        return False
    if not can(user, Action.EDIT, document):
        return False
    if clearance_rank(level) >= clearance_rank(document.confidentiality):
        return True
    return user.has_role(*LOWER_LEVEL_ROLES)


def live(document: Document) -> bool:
    """Neither in the trash nor disposed: only such documents are shown anywhere."""
    return document.trashed_at is None and document.status != "disposed"


def live_clause() -> ColumnElement[bool]:
    """:func:`live` in SQL."""
    return and_(Document.trashed_at.is_(None), Document.status != "disposed")


def may_see(user: User, document: Document, case_agency_ids: CaseReach | None = None) -> bool:
    if not _reader(user) or not live(document):
        return False
    if clearance_rank(user.clearance) < clearance_rank(document.confidentiality):
        return False
    if document.owner_agency_id == user.agency_id:
        return True
    if document.shared_all and user.agency.coordinating:
        return True
    if any(agency.id == user.agency_id for agency in document.shared_with):
        return True
    if case_agency_ids is None:
        session = object_session(document)
        if session is None or document.id is None:
            return False
        case_agency_ids = case_access_agency_ids(session, document.id)
    return reaches_through_cases(user, case_agency_ids)


def can_register(user: User, agency: Agency, confidentiality: str) -> bool:
    """May ``user`` register (upload) a document for ``agency`` at this level?

    Staff register for their own body; an administrator may import for any body (moving
    an archive in) without thereby being able to read what was imported.
    """
    if not user.active or clearance_rank(confidentiality) > clearance_rank(user.clearance):
        return False
    if user.has_role("administrator"):
        return True
    return agency.id == user.agency_id and user.has_role(*REGISTER_ROLES)


# -- lists in SQL ---------------------------------------------------------------------------
def document_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the documents ``user`` may see."""
    if not _reader(user):
        return false()
    shared = exists(
        select(1).where(
            document_shares.c.document_id == Document.id,
            document_shares.c.agency_id == user.agency_id,
        )
    )
    link = aliased(CaseDocument)
    via_case = exists(
        select(1)
        .select_from(link)
        .where(link.document_id == Document.id, case_access_clause(user, link))
    )
    bodies = [Document.owner_agency_id == user.agency_id, shared, via_case]
    if user.agency.coordinating:
        bodies.append(Document.shared_all.is_(true()))
    return and_(
        live_clause(),
        Document.confidentiality.in_(levels_up_to(user.clearance)),
        or_(*bodies),
    )


def visible_document_ids(session: Session, user: User, ids: Collection[int]) -> set[int]:
    """Which of ``ids`` the user may see, in one query (for pages listing linked documents)."""
    if not ids:
        return set()
    rows = session.scalars(
        select(Document.id).where(Document.id.in_(list(ids)), document_clause(user))
    )
    return set(rows)


# -- inside engine queries ------------------------------------------------------------------
def document_engine_filter(user: User) -> dict[str, Any]:
    """A bool filter for the search engine equivalent to :func:`document_clause`.

    The index body carries ``owner_agency``, ``shared_agencies``, ``shared_all``,
    ``case_agencies`` (``code@level`` tokens from
    :func:`records.policy.participation.case_access_codes`) and
    ``confidentiality`` for every document, and ``trashed`` (a disposed document is
    removed from the index).
    """
    if not _reader(user):
        return {"bool": {"must_not": {"match_all": {}}}}
    code = user.agency.code
    bodies: list[dict[str, Any]] = [
        {"term": {"owner_agency": code}},
        {"term": {"shared_agencies": code}},
        {"terms": {"case_agencies": case_access_tokens(user)}},
    ]
    if user.agency.coordinating:
        bodies.append({"term": {"shared_all": True}})
    return {
        "bool": {
            "filter": [
                {"terms": {"confidentiality": levels_up_to(user.clearance)}},
                {"bool": {"should": bodies, "minimum_should_match": 1}},
            ],
            "must_not": [{"term": {"trashed": True}}],
        }
    }
