"""Which of a set of objects a user may see, by object type — for links shown later
(notifications, timelines), where access is checked again at display time."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from records.models import (
    Case,
    Document,
    FollowUp,
    InfoRequest,
    Meeting,
    Petition,
    PlanItem,
    Proposal,
    Transfer,
    User,
    VettingRequest,
)
from records.policy.cases import case_clause
from records.policy.casework import transfer_clause
from records.policy.documents import document_clause
from records.policy.meetings import follow_up_clause, meeting_clause
from records.policy.petitions import petition_clause
from records.policy.plans import plan_clause
from records.policy.proposals import proposal_clause
from records.policy.requests import request_clause
from records.policy.vetting import vetting_clause

#: object type -> (its id column, the SQL clause of what a user sees). Unknown types are
#: never visible; a new kind of object registers itself here.
VISIBILITY: dict[str, tuple[object, Callable[[User], ColumnElement[bool]]]] = {
    "document": (Document.id, document_clause),
    "case": (Case.id, case_clause),
    "request": (InfoRequest.id, request_clause),
    "transfer": (Transfer.id, transfer_clause),
    "petition": (Petition.id, petition_clause),
    "vetting": (VettingRequest.id, vetting_clause),
    "meeting": (Meeting.id, meeting_clause),
    "follow_up": (FollowUp.id, follow_up_clause),
    "plan": (PlanItem.id, plan_clause),
    "proposal": (Proposal.id, proposal_clause),
}


def visible_ids(session: Session, user: User, object_type: str, ids: Iterable[object]) -> set[str]:
    """The ids (as strings) among ``ids`` of ``object_type`` that ``user`` may see."""
    wanted = {int(str(i)) for i in ids if str(i).isdigit()}
    if not wanted or object_type not in VISIBILITY:
        return set()
    column, clause = VISIBILITY[object_type]
    rows = session.scalars(select(column).where(column.in_(wanted), clause(user)))  # type: ignore[attr-defined]
    return {str(row) for row in rows}
