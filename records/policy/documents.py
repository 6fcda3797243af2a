"""Who may see, download, edit or share a document.

Each rule exists in three forms that must agree (the authorisation matrix tests check that
they do): :func:`can` for one object, :func:`document_clause` as SQL for lists, and
:func:`document_engine_filter` as a filter placed *inside* every search-engine query.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true

from records.codes import clearance_rank, levels_up_to
from records.models import Case, CaseDocument, Document, User, case_agencies, document_shares
from records.policy.actions import Action

#: Roles that may act on documents at all (auditors read the audit log, not the files).
READER_ROLES = ("administrator", "leader", "officer", "clerk", "viewer")
#: Roles that may take a copy (download, export, print) of a document they may see.
COPY_ROLES = ("administrator", "leader", "officer", "clerk")
#: Roles that may copy documents marked MẬT or above (copying secrets needs authority).
SECRET_COPY_ROLES = ("leader",)
#: Roles that may change a document's metadata, cases and sharing, within the owning body.
EDIT_ROLES = ("leader", "officer", "clerk")


def _reader(user: User) -> bool:
    return user.active and user.has_role(*READER_ROLES)


# -- one object -----------------------------------------------------------------------------
def can(
    user: User, action: Action, document: Document, *, case_agency_ids: frozenset[int] = frozenset()
) -> bool:
    """May ``user`` perform ``action`` on ``document``?

    ``case_agency_ids`` are the lead and coordinating bodies of the cases the document is
    attached to (case participation widens who may see it).
    """
    if not may_see(user, document, case_agency_ids):
        return False
    owner = document.owner_agency_id == user.agency_id
    if action is Action.SEE:
        return True
    if action is Action.DOWNLOAD:
        if clearance_rank(document.confidentiality) > 0:
            return user.has_role(*SECRET_COPY_ROLES) or (owner and user.has_role("officer"))
        return user.has_role(*COPY_ROLES)
    if action in (Action.EDIT, Action.SHARE):
        return owner and user.has_role(*EDIT_ROLES)
    return False


def may_see(user: User, document: Document, case_agency_ids: frozenset[int] = frozenset()) -> bool:
    if not _reader(user):
        return False
    if clearance_rank(user.clearance) < clearance_rank(document.confidentiality):
        return False
    return (
        document.owner_agency_id == user.agency_id
        or document.shared_all
        or any(agency.id == user.agency_id for agency in document.shared_with)
        or user.agency_id in case_agency_ids
    )


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
    via_case = exists(
        select(1)
        .select_from(CaseDocument)
        .join(Case, Case.id == CaseDocument.case_id)
        .where(
            CaseDocument.document_id == Document.id,
            CaseDocument.state == "attached",
            or_(
                Case.lead_agency_id == user.agency_id,
                exists(
                    select(1).where(
                        case_agencies.c.case_id == Case.id,
                        case_agencies.c.agency_id == user.agency_id,
                    )
                ),
            ),
        )
    )
    return and_(
        Document.confidentiality.in_(levels_up_to(user.clearance)),
        or_(
            Document.owner_agency_id == user.agency_id,
            Document.shared_all.is_(true()),
            shared,
            via_case,
        ),
    )


# -- inside engine queries ------------------------------------------------------------------
def document_engine_filter(user: User) -> dict[str, Any]:
    """A bool filter for the search engine equivalent to :func:`document_clause`."""
    if not _reader(user):
        return {"bool": {"must_not": {"match_all": {}}}}
    code = user.agency.code
    return {
        "bool": {
            "filter": [
                {"terms": {"confidentiality": levels_up_to(user.clearance)}},
                {
                    "bool": {
                        "should": [
                            {"term": {"owner_agency": code}},
                            {"term": {"shared_all": True}},
                            {"term": {"shared_agencies": code}},
                            {"term": {"case_agencies": code}},
                        ],
                        "minimum_should_match": 1,
                    }
                },
            ]
        }
    }
