"""Who may create cases, attach documents to them, and transfer them to investigators.

Builds on :mod:`records.policy.cases`: the lead body's officers and leaders edit a case
(status, monitoring, parties); a participating body's staff attach and detach the documents
their own body owns. Attaching a document is sharing it with every body of the case, so a
document that would reach a body not seeing it yet is attached only by those who may share
it (the owning body's officers, and for MẬT and above its leaders); the lead body may attach
any document it sees that reaches no new body. An unregistered denunciation letter is
attached to no case another body sees. A transfer is seen by the body that
sent it, the body that received it, whoever sees its case, and the commission.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, exists, false, or_, select
from sqlalchemy.orm import object_session

from records.codes import clearance_rank, levels_up_to
from records.models import Agency, Case, Document, Transfer, User, case_agencies
from records.policy.actions import Action
from records.policy.cases import CASE_EDIT_ROLES, MONITORING_BODY, can_case, case_clause
from records.policy.documents import EDIT_ROLES, can, may_see
from records.policy.letters import kept_from
from records.policy.participation import CaseReach, case_access_agency_ids

READER_ROLES = ("administrator", "leader", "officer", "clerk", "viewer")
#: The receiving body's staff who register the investigators' answer.
OUTCOME_ROLES = ("leader", "officer", "clerk")


def can_create_case(user: User) -> bool:
    return user.active and user.has_role(*CASE_EDIT_ROLES)


def can_attach(
    user: User, case: Case, document: Document, case_agency_ids: CaseReach | None = None
) -> bool:
    """Attach ``document`` to ``case`` (or confirm the tagger's suggestion of it).

    ``case_agency_ids``: the document's case reach (read from its session when None).
    A recognised denunciation letter no petition registered yet is attached only to a case
    no other body sees (:mod:`records.policy.letters`).
    """
    if case_agency_ids is None:
        session = object_session(document)
        case_agency_ids = (
            case_access_agency_ids(session, document.id)
            if session is not None and document.id is not None
            else {}
        )
    if not can_case(user, Action.SHARE, case):
        return False
    if kept_from(document, (agency.id for agency in case_bodies(case))):
        return False
    if can(user, Action.SHARE, document, case_agency_ids=case_agency_ids):
        return True
    return (
        can_case(user, Action.EDIT, case)
        and may_see(user, document, case_agency_ids)
        and not new_bodies(case, document, case_agency_ids)
    )


def new_bodies(case: Case, document: Document, case_agency_ids: CaseReach) -> set[int]:
    """Ids of the bodies that attaching ``document`` to ``case`` would let see it and that
    do not see it yet (as owner, by a share, or through another case of no higher level)."""
    return unreached(document, case_agency_ids, case_bodies(case), case.confidentiality)


def unreached(
    document: Document, case_agency_ids: CaseReach, bodies: Sequence[Agency], level: str
) -> set[int]:
    """Ids of those of ``bodies`` that do not see ``document`` yet and would through a case
    of ``level``."""
    reached = {document.owner_agency_id, *(agency.id for agency in document.shared_with)}
    reached |= {
        body
        for body, needed in case_agency_ids.items()
        if clearance_rank(needed) <= clearance_rank(level)
    }
    return {
        agency.id
        for agency in bodies
        if agency.id not in reached and not (document.shared_all and agency.coordinating)
    }


def can_widen_case(
    user: User, case: Case, document: Document, case_agency_ids: CaseReach, added: Sequence[Agency]
) -> bool:
    """May ``user`` add the bodies ``added`` to ``case`` while ``document`` is attached to
    it? Adding a body hands it the case's documents: as attaching, the act of someone who
    may share the document, unless it reaches no new body."""
    if not unreached(document, case_agency_ids, added, case.confidentiality):
        return True
    return can(user, Action.SHARE, document, case_agency_ids=case_agency_ids)


def case_bodies(case: Case) -> list[Agency]:
    """The bodies that see what is attached to ``case``: its lead and coordinating bodies,
    and the commission when it is monitored."""
    bodies = [case.lead_agency, *case.agencies]
    if case.monitoring_level is not None:
        session = object_session(case)
        monitor = (
            session.scalar(select(Agency).where(Agency.code == MONITORING_BODY))
            if session is not None
            else None
        )
        if monitor is not None:
            bodies.append(monitor)
    return bodies


def can_detach(user: User, case: Case, document: Document) -> bool:
    """Detach (or reject a suggestion): the lead body, or the body owning the document."""
    if can_case(user, Action.EDIT, case):
        return True
    return (
        can_case(user, Action.SHARE, case)
        and document.owner_agency_id == user.agency_id
        and user.has_role(*EDIT_ROLES)
    )


def case_work_clause(user: User) -> ColumnElement[bool]:
    """Cases ``user`` may attach documents to: participating bodies' staff, within clearance."""
    if not (user.active and user.has_role(*CASE_EDIT_ROLES, "clerk")):
        return false()
    coordinating = exists(
        select(1).where(
            case_agencies.c.case_id == Case.id, case_agencies.c.agency_id == user.agency_id
        )
    )
    return and_(
        Case.confidentiality.in_(levels_up_to(user.clearance)),
        or_(Case.lead_agency_id == user.agency_id, coordinating),
    )


# -- transfers ------------------------------------------------------------------------------
def can_transfer(user: User, case: Case) -> bool:
    """Send the case to investigators, flag its signs of crime: the lead body's editors."""
    return can_case(user, Action.EDIT, case)


def can_see_transfer(user: User, transfer: Transfer, case: Case | None) -> bool:
    if not (user.active and user.has_role(*READER_ROLES)):
        return False
    if clearance_rank(user.clearance) < clearance_rank(transfer.confidentiality):
        return False
    if user.agency_id in (transfer.from_agency_id, transfer.to_agency_id):
        return True
    if user.agency.code == MONITORING_BODY:
        return True
    return case is not None and can_case(user, Action.SEE, case)


def can_record_outcome(user: User, transfer: Transfer) -> bool:
    """Register the investigators' decision or extend the time: either end of the transfer."""
    if not user.active or clearance_rank(user.clearance) < clearance_rank(transfer.confidentiality):
        return False
    if user.agency_id == transfer.to_agency_id:
        return user.has_role(*OUTCOME_ROLES)
    return user.agency_id == transfer.from_agency_id and user.has_role(*CASE_EDIT_ROLES)


def transfer_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the transfers ``user`` may see."""
    if not (user.active and user.has_role(*READER_ROLES)):
        return false()
    visible = [
        Transfer.from_agency_id == user.agency_id,
        Transfer.to_agency_id == user.agency_id,
        Transfer.case_id.in_(select(Case.id).where(case_clause(user))),
    ]
    if user.agency.code == MONITORING_BODY:
        visible.append(Transfer.id.is_not(None))
    return and_(Transfer.confidentiality.in_(levels_up_to(user.clearance)), or_(*visible))
