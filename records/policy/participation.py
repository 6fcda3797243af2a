"""How taking part in a case widens who sees the documents attached to it.

The lead body and the coordinating bodies of a case see the documents attached to it
(state ``attached``), within their clearance — of the document *and* of the case: someone
who may not see the case does not see a document through it. The commission (Ban Nội chính)
is the standing office of the provincial Steering Committee: it sees the documents of every
case placed under a monitoring level. Suggested, rejected or detached links widen nothing.

A document's *case reach* maps each body reaching it through its cases to the lowest level
among those cases (the clearance its staff need); the index stores it as ``code@level``
tokens in ``case_agencies``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping

from sqlalchemy import ColumnElement, and_, exists, false, or_, select
from sqlalchemy.orm import Session, aliased

from records.codes import clearance_rank, levels_up_to
from records.models import Agency, Case, CaseDocument, User, case_agencies

#: Body id -> the lowest level of a case through which that body reaches a document.
CaseReach = Mapping[int, str]

#: The body that sees every monitored case and its documents.
MONITORING_BODY = "noi_chinh"


def case_access_agency_ids(session: Session, document_id: int) -> CaseReach:
    """The bodies that see ``document_id`` through its cases, each with the clearance its
    staff need for it (the lowest level of those cases)."""
    return case_access_by_document(session, [document_id])[document_id]


def reaches_through_cases(user: User, reach: CaseReach) -> bool:
    """Does ``user`` see a document through its cases (their body takes part, cleared for
    the case)?"""
    level = reach.get(user.agency_id)
    return level is not None and clearance_rank(user.clearance) >= clearance_rank(level)


def case_access_codes(session: Session, document_ids: Collection[int]) -> dict[int, list[str]]:
    """The same reach, for each of ``document_ids``, as the search index stores it
    (``case_agencies``): ``code@level`` tokens, matched by :func:`case_access_tokens`."""
    if not document_ids:
        return {}
    codes = dict(session.execute(select(Agency.id, Agency.code)).all())
    return {
        doc_id: sorted(f"{codes[agency_id]}@{level}" for agency_id, level in reach.items())
        for doc_id, reach in case_access_by_document(session, document_ids).items()
    }


def case_access_tokens(user: User) -> list[str]:
    """The ``case_agencies`` tokens that let ``user`` see a document: their body, at every
    case level up to their clearance."""
    return [f"{user.agency.code}@{level}" for level in levels_up_to(user.clearance)]


def case_access_by_document(
    session: Session, document_ids: Collection[int]
) -> dict[int, dict[int, str]]:
    """For each of ``document_ids``, the case reach (body id -> lowest case level): three
    queries whatever the number of documents."""
    links = session.execute(
        select(
            CaseDocument.document_id,
            Case.id,
            Case.lead_agency_id,
            Case.monitoring_level,
            Case.confidentiality,
        )
        .join(Case, Case.id == CaseDocument.case_id)
        .where(CaseDocument.document_id.in_(document_ids), CaseDocument.state == "attached")
    ).all()
    case_ids = {case_id for _, case_id, *_ in links}
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
    if any(monitoring is not None for _, _, _, monitoring, _ in links):
        monitoring_body = session.scalar(select(Agency.id).where(Agency.code == MONITORING_BODY))
    seen: dict[int, dict[int, str]] = {doc_id: {} for doc_id in document_ids}
    for doc_id, case_id, lead_id, monitoring, level in links:
        bodies = {lead_id, *coordinating[case_id]}
        if monitoring is not None and monitoring_body is not None:
            bodies.add(monitoring_body)
        reach = seen[doc_id]
        for body in bodies:
            if body not in reach or clearance_rank(level) < clearance_rank(reach[body]):
                reach[body] = level
    return seen


def case_access_clause(user: User, link: type[CaseDocument]) -> ColumnElement[bool]:
    """Inside an EXISTS over ``link`` (an alias of CaseDocument): the link is attached and
    the user's body takes part in (or, for the commission, monitors) its case, within the
    user's clearance.

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
        exists(
            select(1).where(
                case.id == link.case_id,
                case.confidentiality.in_(levels_up_to(user.clearance)),
                or_(*takes_part),
            )
        ),
    )
