"""Information requests between bodies: ask, assign, answer with documents, withdraw.

The asked body answers with text and documents; each answer document is shared with the
asking body (audited), so the asker can open it. A request about a case appears on the
case's timeline.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from records import alerts, audit
from records.calendar import Unit, WorkingCalendar, local_today
from records.cases import Outcome, event, require
from records.codes import CONFIDENTIALITY, clearance_rank
from records.errors import RuleError
from records.models import Agency, Case, Document, InfoRequest, InfoRequestDocument, User
from records.models.base import utcnow
from records.policy import Action, RequestAction, can, can_ask, can_case, can_request
from records.transfers import share_with

STATUSES: tuple[str, ...] = ("open", "overdue", "answered", "withdrawn")
OPEN_STATUSES: tuple[str, ...] = ("open", "overdue")
#: The due date a new request gets unless the asker sets one (the local coordination
#: regulation fixes it; 10 working days is the usual figure).
DEFAULT_WORKING_DAYS = 10


def default_due(calendar: WorkingCalendar, today: date | None = None) -> date:
    """The due date of a request asked on ``today`` when the asker sets none."""
    return calendar.end_of_period(today or date.today(), DEFAULT_WORKING_DAYS, Unit.WORKING_DAYS)


def _audit(session: Session, actor: User, action: str, request: InfoRequest, **detail: Any) -> None:
    audit.record(
        session,
        actor,
        action,
        object_type="request",
        object_id=request.id,
        level=request.confidentiality,
        ip=session.info.get("client_ip", ""),
        **detail,
    )


def _case_event(
    session: Session, request: InfoRequest, actor: User, what: str, **detail: Any
) -> None:
    if request.case_id is None:
        return
    case = session.get(Case, request.case_id)
    if case is not None:
        event(session, case, actor, what, request_id=request.id, **detail)


def create_request(
    session: Session,
    actor: User,
    *,
    to_agency: Agency,
    subject: str,
    due_date: date | None = None,
    details: str = "",
    case: Case | None = None,
    confidentiality: str | None = None,
) -> InfoRequest:
    """Ask ``to_agency`` for information, due on ``due_date`` (by default
    :data:`DEFAULT_WORKING_DAYS` working days on the working calendar); its staff are
    notified."""
    require(can_ask(actor), "request.create")
    if to_agency.id == actor.agency_id:
        raise RuleError("request.same_body")
    if to_agency.valid_to is not None and to_agency.valid_to < date.today():
        raise RuleError("request.body_dissolved", agency=to_agency.code)
    subject = (subject or "").strip()
    if not subject:
        raise RuleError("request.subject_required")
    if len(subject) > 512:
        raise RuleError("text_too_long", limit=512)
    calendar_version = None
    if due_date is None:
        calendar = WorkingCalendar.load(session)
        due_date, calendar_version = default_due(calendar, local_today()), calendar.version
    if due_date <= date.today():
        raise RuleError("request.due_not_future")
    if case is not None:
        require(can_case(actor, Action.SEE, case), "case.see", case=case.code)
    level = confidentiality or (case.confidentiality if case is not None else "thuong")
    if level not in CONFIDENTIALITY:
        raise RuleError("invalid_confidentiality", value=level)
    if clearance_rank(level) > clearance_rank(actor.clearance):
        raise RuleError("confidentiality_above_clearance", value=level)
    if case is not None and clearance_rank(level) < clearance_rank(case.confidentiality):
        raise RuleError("request.below_case_level", value=case.confidentiality)
    request = InfoRequest(
        from_agency=actor.agency,
        to_agency=to_agency,
        case_id=case.id if case is not None else None,
        subject=subject,
        details=(details or "").strip(),
        due_date=due_date,
        calendar_version=calendar_version,
        confidentiality=level,
        created_by=actor,
    )
    session.add(request)
    session.flush()
    detail = {"to": to_agency.code, "subject": subject, "due": due_date.isoformat()}
    _case_event(session, request, actor, "request", **detail)
    _audit(session, actor, "request.create", request, **detail)
    alerts.request_created(session, request)
    return request


def assign(session: Session, actor: User, request: InfoRequest, assignee: User) -> None:
    """Give the request to an officer of the asked body."""
    require(can_request(actor, RequestAction.ASSIGN, request), "request.assign")
    if not request.is_open:
        raise RuleError("request.closed", status=request.status)
    if assignee.agency_id != request.to_agency_id or not assignee.active:
        raise RuleError("request.assignee_not_in_body", user=assignee.username)
    if not can_request(assignee, RequestAction.ANSWER, request):
        raise RuleError("request.assignee_cannot_answer", user=assignee.username)
    request.assignee = assignee
    _audit(session, actor, "request.assign", request, assignee=assignee.username)
    alerts.request_assigned(session, request, assignee)


def answer(
    session: Session,
    actor: User,
    request: InfoRequest,
    text: str,
    documents: list[Document] | None = None,
) -> Outcome:
    """Answer with text and/or documents; the documents are shared with the asking body."""
    require(can_request(actor, RequestAction.ANSWER, request), "request.answer")
    if not request.is_open:
        raise RuleError("request.closed", status=request.status)
    text = (text or "").strip()
    documents = documents or []
    if not text and not documents:
        raise RuleError("request.answer_empty")
    outcome = Outcome()
    for document in documents:
        if not can(actor, Action.SEE, document):
            raise RuleError("document.cannot_share", document=document.id)
        if share_with(session, actor, document, request.from_agency):
            outcome.reindex.add(document.id)
        request.documents.append(InfoRequestDocument(document_id=document.id))
    request.answer_text = text
    request.answered_by = actor
    request.answered_at = utcnow()
    request.status = "answered"
    detail = {"documents": [d.id for d in documents], "late": request.due_date < date.today()}
    _case_event(session, request, actor, "request_answered", **detail)
    _audit(session, actor, "request.answer", request, **detail)
    alerts.request_answered(session, request)
    return outcome


def withdraw(session: Session, actor: User, request: InfoRequest, reason: str) -> None:
    require(can_request(actor, RequestAction.MANAGE, request), "request.manage")
    if not request.is_open:
        raise RuleError("request.closed", status=request.status)
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("request.withdraw_reason_required")
    request.status = "withdrawn"
    request.withdrawn_reason = reason
    _case_event(session, request, actor, "request_withdrawn", reason=reason)
    _audit(session, actor, "request.withdraw", request, reason=reason)
    alerts.request_withdrawn(session, request)


def change_due(
    session: Session, actor: User, request: InfoRequest, due_date: date, reason: str
) -> None:
    """Move the due date (an overdue request given more time is open again)."""
    require(can_request(actor, RequestAction.MANAGE, request), "request.manage")
    if not request.is_open:
        raise RuleError("request.closed", status=request.status)
    if due_date <= date.today():
        raise RuleError("request.due_not_future")
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("request.due_reason_required")
    detail = {"from": request.due_date.isoformat(), "to": due_date.isoformat(), "reason": reason}
    request.due_date = due_date
    request.calendar_version = None  # chosen by the asker, not computed
    request.status = "open"
    _case_event(session, request, actor, "request_due_changed", **detail)
    _audit(session, actor, "request.due", request, **detail)
    alerts.request_due_changed(session, request)


def mark_overdue(session: Session, today: date) -> int:
    """Mark open requests past their due date as overdue; return how many changed."""
    result = session.execute(
        update(InfoRequest)
        .where(InfoRequest.status == "open", InfoRequest.due_date < today)
        .values(status="overdue")
    )
    return int(result.rowcount or 0)


def overdue_clause(today: date) -> Any:
    """Open requests past their due date, whether or not the reminder task marked them."""
    return InfoRequest.status.in_(OPEN_STATUSES) & (InfoRequest.due_date < today)


def open_requests(session: Session) -> list[InfoRequest]:
    return list(session.scalars(select(InfoRequest).where(InfoRequest.status.in_(OPEN_STATUSES))))
