"""Who may see and work on a case.

A case is visible to its lead body and its coordinating bodies, within clearance
(docs/access-policy.md, "Cases"). The
commission (Ban Nội chính) is the standing office of the provincial Steering Committee, so
it also sees every case placed under a monitoring level. Editing (status, attachments,
transfers) belongs to officers and leaders of the lead body; coordinating bodies may attach
their own documents and answer requests.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, false, or_, select

from records.codes import clearance_rank, levels_up_to
from records.models import Case, User, case_agencies
from records.policy.actions import Action
from records.policy.participation import MONITORING_BODY

#: Roles that may see cases at all (as for documents, auditors read only the audit log).
CASE_ROLES = ("administrator", "leader", "officer", "clerk", "viewer")
#: Roles of the lead body that may change a case (status, monitoring, parties, transfers).
CASE_EDIT_ROLES = ("leader", "officer")
#: Roles of a taking-part body that may attach their documents and answer requests.
CASE_CONTRIBUTE_ROLES = ("leader", "officer", "clerk")


def _participant_ids(case: Case) -> set[int]:
    return {case.lead_agency_id, *(agency.id for agency in case.agencies)}


def can_case(user: User, action: Action, case: Case) -> bool:
    if not (user.active and user.has_role(*CASE_ROLES)):
        return False
    if clearance_rank(user.clearance) < clearance_rank(case.confidentiality):
        return False
    participant = user.agency_id in _participant_ids(case)
    monitors = user.agency.code == MONITORING_BODY and case.monitoring_level is not None
    if action is Action.SEE:
        return participant or monitors
    if action is Action.EDIT:
        return user.agency_id == case.lead_agency_id and user.has_role(*CASE_EDIT_ROLES)
    if action is Action.SHARE:  # attach own documents, answer requests
        return participant and user.has_role(*CASE_CONTRIBUTE_ROLES)
    return False


def case_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the cases ``user`` may see."""
    if not (user.active and user.has_role(*CASE_ROLES)):
        return false()
    coordinating = exists(
        select(1).where(
            case_agencies.c.case_id == Case.id, case_agencies.c.agency_id == user.agency_id
        )
    )
    visible = [Case.lead_agency_id == user.agency_id, coordinating]
    if user.agency.code == MONITORING_BODY:
        visible.append(Case.monitoring_level.is_not(None))
    return and_(Case.confidentiality.in_(levels_up_to(user.clearance)), or_(*visible))
