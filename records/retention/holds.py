"""Legal holds: a document on hold, directly or through a case it is attached to, is never
proposed for disposal nor disposed (checked again when an approved list is executed)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import Session

from records.audit import record
from records.errors import NotAllowed, RuleError
from records.models import Case, CaseDocument, Document, LegalHold, User
from records.models.base import utcnow
from records.policy import Action, can_hold_case, can_retain


def held_clause() -> ColumnElement[bool]:
    """Documents under an active hold, on themselves or on a case they are attached to."""
    on_document = exists(
        select(1).where(LegalHold.document_id == Document.id, LegalHold.released_at.is_(None))
    )
    on_case = exists(
        select(1)
        .select_from(LegalHold)
        .join(CaseDocument, CaseDocument.case_id == LegalHold.case_id)
        .where(
            CaseDocument.document_id == Document.id,
            CaseDocument.state == "attached",
            LegalHold.released_at.is_(None),
        )
    )
    return or_(on_document, on_case)


def is_held(session: Session, document_id: int) -> bool:
    return bool(session.scalar(select(held_clause()).where(Document.id == document_id)))


def _reason(reason: str) -> str:
    if not reason.strip():
        raise RuleError("retention.reason_required")
    return reason.strip()[:2000]


def hold_document(session: Session, user: User, document: Document, reason: str) -> LegalHold:
    if not can_retain(user, Action.HOLD, document):
        raise NotAllowed("hold")
    hold = LegalHold(document_id=document.id, reason=_reason(reason), placed_by_id=user.id)
    session.add(hold)
    session.flush()
    record(
        session, user, "retention.hold", object_type="document", object_id=document.id,
        level=document.confidentiality, hold=hold.id, reason=hold.reason,
    )  # fmt: skip
    return hold


def hold_case(session: Session, user: User, case: Case, reason: str) -> LegalHold:
    if not can_hold_case(user, case):
        raise NotAllowed("hold")
    hold = LegalHold(case_id=case.id, reason=_reason(reason), placed_by_id=user.id)
    session.add(hold)
    session.flush()
    record(
        session, user, "retention.hold", object_type="case", object_id=case.id,
        level=case.confidentiality, hold=hold.id, reason=hold.reason,
    )  # fmt: skip
    return hold


def release(session: Session, user: User, hold: LegalHold, reason: str) -> None:
    if hold.released_at is not None:
        raise RuleError("retention.hold_released")
    if hold.document_id is not None:
        target = session.get(Document, hold.document_id)
        allowed = target is not None and can_retain(user, Action.HOLD, target)
        level = target.confidentiality if target else "thuong"
    else:
        case = session.get(Case, hold.case_id)
        allowed = case is not None and can_hold_case(user, case)
        level = case.confidentiality if case else "thuong"
    if not allowed:
        raise NotAllowed("hold")
    hold.release_reason = _reason(reason)
    hold.released_by_id, hold.released_at = user.id, utcnow()
    record(
        session, user, "retention.release", object_type="legal_hold", object_id=hold.id,
        level=level, reason=hold.release_reason,
    )  # fmt: skip
