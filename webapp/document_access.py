"""Loading a document for the signed-in user, with the policy's answer on what they may do.

The rules live in ``records.policy``; this module only gathers what they need (the bodies
of the cases a document belongs to) and turns "may not see" into a 404 that is audited.
"""

from __future__ import annotations

from flask import abort
from sqlalchemy import select, union
from sqlalchemy.orm import Session

from records.models import Case, CaseDocument, Document, User, case_agencies
from records.policy import Action, can, document_clause
from webapp.auditing import audit
from webapp.db_session import db_session


def visible_document_or_404(user: User, document_id: int, action: str) -> Document:
    """The document if ``user`` may see it; otherwise audit the attempt and answer 404
    (not 403, so that the existence of a document nobody showed them is not revealed)."""
    session = db_session()
    document = session.scalar(
        select(Document).where(Document.id == document_id, document_clause(user))
    )
    if document is None:
        audit(action, object_type="document", object_id=document_id, outcome="denied")
        session.commit()
        abort(404)
    return document


def case_agency_ids(session: Session, document_id: int) -> frozenset[int]:
    """Lead and coordinating bodies of the cases the document is attached to."""
    case_ids = select(CaseDocument.case_id).where(
        CaseDocument.document_id == document_id, CaseDocument.state == "attached"
    )
    leads = select(Case.lead_agency_id).where(Case.id.in_(case_ids))
    coordinating = select(case_agencies.c.agency_id).where(case_agencies.c.case_id.in_(case_ids))
    return frozenset(session.scalars(union(leads, coordinating)))


def may_download(user: User, document: Document) -> bool:
    agencies = case_agency_ids(db_session(), document.id)
    return can(user, Action.DOWNLOAD, document, case_agency_ids=agencies)
