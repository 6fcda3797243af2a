"""How taking part in a case widens who sees the documents attached to it.

The lead body and the coordinating bodies of a case see the documents attached to it
(state ``attached``), within their clearance. The commission (Ban Nội chính) is the standing
office of the provincial Steering Committee: it sees the documents of every case placed
under a monitoring level. Suggested, rejected or detached links widen nothing.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, false, or_, select
from sqlalchemy.orm import Session, aliased

from records.models import Agency, Case, CaseDocument, User, case_agencies

#: The body that sees every monitored case and its documents.
MONITORING_BODY = "noi_chinh"


def _attached_cases(document_id: int) -> ColumnElement[bool]:
    return Case.id.in_(
        select(CaseDocument.case_id).where(
            CaseDocument.document_id == document_id, CaseDocument.state == "attached"
        )
    )


def case_access_agency_ids(session: Session, document_id: int) -> frozenset[int]:
    """Ids of the bodies that see ``document_id`` through its cases."""
    return frozenset(a.id for a in _case_access_agencies(session, document_id))


def case_access_codes(session: Session, document_id: int) -> list[str]:
    """The same bodies by code, as the search index stores them (``case_agencies``)."""
    return sorted(a.code for a in _case_access_agencies(session, document_id))


def _case_access_agencies(session: Session, document_id: int) -> list[Agency]:
    cases = _attached_cases(document_id)
    leads = select(Case.lead_agency_id).where(cases)
    coordinating = (
        select(case_agencies.c.agency_id)
        .join(Case, Case.id == case_agencies.c.case_id)
        .where(cases)
    )
    conditions = [Agency.id.in_(leads), Agency.id.in_(coordinating)]
    monitored = session.scalar(select(exists().where(cases, Case.monitoring_level.is_not(None))))
    if monitored:
        conditions.append(Agency.code == MONITORING_BODY)
    return list(session.scalars(select(Agency).where(or_(*conditions))))


def case_access_clause(user: User, link: type[CaseDocument]) -> ColumnElement[bool]:
    """Inside an EXISTS over ``link`` (an alias of CaseDocument): the link is attached and
    the user's body takes part in (or, for the commission, monitors) its case.

    The link, the case and its bodies are aliases, so the clause never correlates with a
    ``CaseDocument``, ``Case`` or ``case_agencies`` of the query it is embedded in (the list
    of a case's documents is such a query).
    """
    if user.agency is None:
        return false()
    case = aliased(Case)
    coordinating = case_agencies.alias()
    takes_part = [
        case.lead_agency_id == user.agency_id,
        exists(
            select(1).where(
                coordinating.c.case_id == case.id, coordinating.c.agency_id == user.agency_id
            )
        ),
    ]
    if user.agency.code == MONITORING_BODY:
        takes_part.append(case.monitoring_level.is_not(None))
    return and_(
        link.state == "attached",
        exists(select(1).where(case.id == link.case_id, or_(*takes_part))),
    )
