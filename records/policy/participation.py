"""How taking part in a case widens who sees the documents attached to it.

The lead body and the coordinating bodies of a case see the documents attached to it
(state ``attached``), within their clearance. The commission (Ban Nội chính) is the standing
office of the provincial Steering Committee: it sees the documents of every case placed
under a monitoring level. Suggested, rejected or detached links widen nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import ColumnElement, and_, exists, false, or_, select
from sqlalchemy.orm import Session, aliased

from records.models import Agency, Case, CaseDocument, User, case_agencies

#: The body that sees every monitored case and its documents.
MONITORING_BODY = "noi_chinh"


def case_access_agency_ids(session: Session, document_id: int) -> frozenset[int]:
    """Ids of the bodies that see ``document_id`` through its cases."""
    return case_access_by_document(session, [document_id])[document_id]


def case_access_codes(session: Session, document_ids: Collection[int]) -> dict[int, list[str]]:
    """The same bodies by code, for each of ``document_ids``, as the search index stores
    them (``case_agencies``)."""
    if not document_ids:
        return {}
    codes = dict(session.execute(select(Agency.id, Agency.code)).all())
    return {
        doc_id: sorted(codes[agency_id] for agency_id in ids)
        for doc_id, ids in case_access_by_document(session, document_ids).items()
    }


def case_access_by_document(
    session: Session, document_ids: Collection[int]
) -> dict[int, frozenset[int]]:
    """For each of ``document_ids``, the ids of the bodies that see it through its cases:
    three queries whatever the number of documents."""
    links = session.execute(
        select(CaseDocument.document_id, Case.id, Case.lead_agency_id, Case.monitoring_level)
        .join(Case, Case.id == CaseDocument.case_id)
        .where(CaseDocument.document_id.in_(document_ids), CaseDocument.state == "attached")
    ).all()
    case_ids = {case_id for _, case_id, _, _ in links}
    coordinating: dict[int, set[int]] = defaultdict(set)
    if case_ids:
        rows = session.execute(
            select(case_agencies.c.case_id, case_agencies.c.agency_id).where(
                case_agencies.c.case_id.in_(case_ids)
            )
        )
        for case_id, agency_id in rows:
            coordinating[case_id].add(agency_id)
    monitoring_body = None
    if any(level is not None for *_, level in links):
        monitoring_body = session.scalar(select(Agency.id).where(Agency.code == MONITORING_BODY))
    seen: dict[int, set[int]] = {doc_id: set() for doc_id in document_ids}
    for doc_id, case_id, lead_id, level in links:
        seen[doc_id] |= {lead_id, *coordinating[case_id]}
        if level is not None and monitoring_body is not None:
            seen[doc_id].add(monitoring_body)
    return {doc_id: frozenset(ids) for doc_id, ids in seen.items()}


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
