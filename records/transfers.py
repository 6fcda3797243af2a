"""Transfers to investigators of cases with signs of a crime: sending, answering, extending.

The time limits are in :mod:`records.transfer_rules`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from records import alerts, audit
from records.calendar import WorkingCalendar
from records.case_status import allowed_next
from records.cases import Outcome, attach, change_status, event, require
from records.errors import RuleError
from records.models import Agency, Case, CaseDocument, Document, Transfer, TransferDocument, User
from records.policy import Action, can, can_record_outcome, can_transfer, kept_from
from records.transfer_rules import (
    LEGAL_BASES,
    OUTCOMES,
    TRANSFERRED_STATUS,
    answer_due,
    latest_allowed_due,
)


def _audit(session: Session, actor: User, action: str, transfer: Transfer, **detail: Any) -> None:
    audit.record(
        session,
        actor,
        action,
        object_type="transfer",
        object_id=transfer.id,
        level=transfer.confidentiality,
        ip=session.info.get("client_ip", ""),
        **detail,
    )


def share_with(session: Session, actor: User, document: Document, agency: Agency) -> bool:
    """Share ``document`` with ``agency`` (audited); False when it already sees it."""
    if agency.id == document.owner_agency_id or agency in document.shared_with:
        return False
    if kept_from(document, [agency.id]):
        raise RuleError("document.letter_kept", document=document.id)
    if not can(actor, Action.SHARE, document):
        raise RuleError("document.cannot_share", document=document.id)
    document.shared_with.append(agency)
    document.touch()
    audit.record(
        session,
        actor,
        "document.share",
        object_type="document",
        object_id=document.id,
        level=document.confidentiality,
        ip=session.info.get("client_ip", ""),
        agency=agency.code,
    )
    return True


def _check_date(value: date, code: str = "date_in_future") -> None:
    if value > date.today():
        raise RuleError(code, value=value.isoformat())


def create_transfer(
    session: Session,
    actor: User,
    case: Case,
    *,
    to_agency: Agency,
    legal_basis: str,
    sent_date: date,
    legal_basis_text: str = "",
    reference: str = "",
    received_date: date | None = None,
    note: str = "",
    documents: list[Document] | None = None,
) -> tuple[Transfer, Outcome]:
    """Record that the case was sent to an investigation body, with its documents.

    The documents are attached to the case and shared with the receiving body; the
    answer's due date follows BLTTHS Art. 147(1) on the working calendar; a matter still
    being verified moves to "đã chuyển cơ quan điều tra".
    """
    require(can_transfer(actor, case), "case.transfer", case=case.code)
    if not to_agency.investigative:
        raise RuleError("transfer.not_investigative", agency=to_agency.code)
    if legal_basis not in LEGAL_BASES:
        raise RuleError("transfer.basis_invalid", basis=legal_basis)
    legal_basis_text = (legal_basis_text or "").strip()
    if legal_basis == "khac" and not legal_basis_text:
        raise RuleError("transfer.basis_text_required")
    _check_date(sent_date)
    if received_date is not None:
        _check_date(received_date)
        if received_date < sent_date:
            raise RuleError("transfer.received_before_sent")
    calendar = WorkingCalendar.load(session)
    transfer = Transfer(
        case_id=case.id,
        from_agency=actor.agency,
        to_agency=to_agency,
        legal_basis=legal_basis,
        legal_basis_text=legal_basis_text,
        reference=(reference or "").strip()[:128],
        sent_date=sent_date,
        received_date=received_date,
        due_date=answer_due(received_date or sent_date, calendar),
        calendar_version=calendar.version,
        note=(note or "").strip(),
        confidentiality=case.confidentiality,
        created_by_id=actor.id,
    )
    session.add(transfer)
    session.flush()
    outcome = Outcome()
    for document in documents or []:
        share_with(session, actor, document, to_agency)
        outcome.reindex.add(document.id)
        transfer.documents.append(TransferDocument(document_id=document.id, role="sent"))
        link = session.get(CaseDocument, (case.id, document.id))
        if link is None or link.state != "attached":
            outcome.reindex |= attach(
                session, actor, case, document, f"Hồ sơ chuyển {to_agency.abbreviation}"
            ).reindex
    detail = {
        "transfer_id": transfer.id,
        "to": to_agency.code,
        "basis": legal_basis,
        "sent": sent_date.isoformat(),
        "due": transfer.due_date.isoformat(),
        "reference": transfer.reference,
        "documents": [d.id for d in documents or []],
    }
    event(session, case, actor, "transfer", **detail)
    _audit(session, actor, "transfer.create", transfer, case=case.code, **detail)
    if TRANSFERRED_STATUS in allowed_next(case.status):
        change_status(session, actor, case, TRANSFERRED_STATUS, transfer.reference, auto=True)
    alerts.transfer_received(session, transfer, case)
    return transfer, outcome


def record_outcome(
    session: Session,
    actor: User,
    transfer: Transfer,
    *,
    outcome: str,
    outcome_date: date,
    note: str = "",
    documents: list[Document] | None = None,
) -> Outcome:
    """Register the investigators' decision; its documents are shared with the sender."""
    require(can_record_outcome(actor, transfer), "transfer.outcome", transfer=transfer.id)
    if outcome not in OUTCOMES or outcome == "dang_xu_ly":
        raise RuleError("transfer.outcome_invalid", outcome=outcome)
    if not transfer.pending:
        raise RuleError("transfer.already_answered", transfer=transfer.id)
    _check_date(outcome_date)
    if outcome_date < transfer.sent_date:
        raise RuleError("transfer.outcome_before_sent")
    result = Outcome()
    for document in documents or []:
        if share_with(session, actor, document, transfer.from_agency):
            result.reindex.add(document.id)
        transfer.documents.append(TransferDocument(document_id=document.id, role="outcome"))
    transfer.outcome = outcome
    transfer.outcome_date = outcome_date
    transfer.outcome_note = (note or "").strip()
    transfer.outcome_by_id = actor.id
    case = session.get(Case, transfer.case_id) if transfer.case_id else None
    detail = {
        "transfer_id": transfer.id,
        "outcome": outcome,
        "date": outcome_date.isoformat(),
        "note": transfer.outcome_note,
        "documents": [d.id for d in documents or []],
    }
    if case is not None:
        event(session, case, actor, "transfer_outcome", **detail)
    _audit(session, actor, "transfer.outcome", transfer, **detail)
    alerts.transfer_outcome(session, transfer, case)
    return result


def extend(session: Session, actor: User, transfer: Transfer, new_due: date, note: str) -> None:
    """Move the answer's due date (BLTTHS Art. 147(2)); the decision is cited in ``note``."""
    require(can_record_outcome(actor, transfer), "transfer.outcome", transfer=transfer.id)
    if not transfer.pending:
        raise RuleError("transfer.already_answered", transfer=transfer.id)
    note = (note or "").strip()
    if not note:
        raise RuleError("transfer.extension_note_required")
    limit = latest_allowed_due(transfer.received_date or transfer.sent_date)
    if new_due <= transfer.due_date:
        raise RuleError("transfer.extension_not_later", due=transfer.due_date.isoformat())
    if new_due > limit:
        raise RuleError("transfer.extension_too_long", limit=limit.isoformat())
    detail = {
        "transfer_id": transfer.id,
        "from": transfer.due_date.isoformat(),
        "to": new_due.isoformat(),
        "note": note,
    }
    transfer.due_date = new_due
    transfer.calendar_version = None  # set by the extension decision, not computed
    transfer.extension_note = note
    case = session.get(Case, transfer.case_id) if transfer.case_id else None
    if case is not None:
        event(session, case, actor, "transfer_extended", **detail)
    _audit(session, actor, "transfer.extend", transfer, **detail)


def awaiting_transfer_clause() -> Any:
    """Cases flagged with signs of a crime that have no transfer yet."""
    has_transfer = select(Transfer.id).where(Transfer.case_id == Case.id).exists()
    return Case.crime_signs_at.is_not(None) & ~has_transfer


def awaiting_transfer(session: Session, visible: Any) -> list[Case]:
    """The flagged cases matching ``visible`` (a policy clause) without a transfer, oldest
    flag first."""
    return list(
        session.scalars(
            select(Case).where(visible, awaiting_transfer_clause()).order_by(Case.crime_signs_at)
        )
    )


def summary(session: Session, visible: Any, since: date | None = None) -> dict[str, Any]:
    """Counts for the dashboard over the transfers matching ``visible`` (a policy clause):
    how many were sent, by outcome, by receiving body and by month, and how many are overdue."""
    today = date.today()
    base = select(Transfer).where(visible)
    if since is not None:
        base = base.where(Transfer.sent_date >= since)
    rows = base.subquery()
    by_outcome = dict(
        session.execute(select(rows.c.outcome, func.count()).group_by(rows.c.outcome)).all()
    )
    by_body = dict(
        session.execute(
            select(Agency.code, func.count())
            .join(rows, rows.c.to_agency_id == Agency.id)
            .group_by(Agency.code)
        ).all()
    )
    months = session.execute(select(rows.c.sent_date)).scalars().all()
    by_month: dict[str, int] = {}
    for sent in months:
        key = f"{sent:%Y-%m}"
        by_month[key] = by_month.get(key, 0) + 1
    overdue = session.scalar(
        select(func.count(sql_case((rows.c.due_date < today, 1)))).where(
            rows.c.outcome == "dang_xu_ly"
        )
    )
    return {
        "total": sum(by_outcome.values()),
        "by_outcome": {key: by_outcome.get(key, 0) for key in OUTCOMES},
        "by_body": by_body,
        "by_month": dict(sorted(by_month.items())),
        "overdue": int(overdue or 0),
    }
