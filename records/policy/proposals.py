"""Who may propose a case for the monitoring list, see the proposal, review it and record
the Standing Committee's decision.

A body proposes a case it takes part in (leads or coordinates), through its leaders and
officers. The proposing body's staff and the Commission's staff see the proposal, within the
case's clearance. The Commission's leaders and officers review it and record the decision.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ColumnElement, and_, false, select

from records.codes import clearance_rank, levels_up_to
from records.models import Case, Proposal, User
from records.policy.cases import MONITORING_BODY

READER_ROLES = ("leader", "officer", "clerk", "viewer")
ACTOR_ROLES = ("leader", "officer")


class ProposalAction(StrEnum):
    SEE = "see"
    REVIEW = "review"
    DECIDE = "record decision"


def _commission(user: User) -> bool:
    return user.agency is not None and user.agency.code == MONITORING_BODY


def can_propose(user: User, case: Case) -> bool:
    takes_part = case.lead_agency_id == user.agency_id or any(
        a.id == user.agency_id for a in case.agencies
    )
    return (
        user.active
        and user.has_role(*ACTOR_ROLES)
        and clearance_rank(user.clearance) >= clearance_rank(case.confidentiality)
        and takes_part
    )


def can_proposal(user: User, action: ProposalAction, proposal: Proposal) -> bool:
    if not (user.active and user.has_role(*READER_ROLES)):
        return False
    if clearance_rank(user.clearance) < clearance_rank(proposal.case.confidentiality):
        return False
    if action is ProposalAction.SEE:
        return _commission(user) or proposal.agency_id == user.agency_id
    return _commission(user) and user.has_role(*ACTOR_ROLES)


def proposal_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the proposals ``user`` may see."""
    if not (user.active and user.has_role(*READER_ROLES)):
        return false()
    within = Proposal.case_id.in_(
        select(Case.id).where(Case.confidentiality.in_(levels_up_to(user.clearance)))
    )
    if _commission(user):
        return within
    return and_(within, Proposal.agency_id == user.agency_id)
