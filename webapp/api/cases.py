"""REST endpoints for cases, their documents, transfers, information requests and
notifications. Every answer holds only what the caller may see; refused rules answer 422
with the rule's code and a translated message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import abort, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import func, or_, select, update

from records import cases as case_ops
from records import requests as request_ops
from records import transfers as transfer_ops
from records.calendar import WorkingCalendar
from records.codes import CONFIDENTIALITY
from records.errors import RuleError
from records.models import (
    Case,
    CaseDocument,
    CaseEvent,
    Document,
    InfoRequest,
    Notification,
    Transfer,
    User,
)
from records.models.base import utcnow
from records.policy import (
    case_clause,
    document_clause,
    request_clause,
    transfer_clause,
    visible_ids,
)
from records.transfer_rules import OUTCOMES, referral_due
from webapp.api import openapi, route
from webapp.auditing import audit
from webapp.blueprints.notifications import page_of, shown, unread_count
from webapp.casework import (
    actor,
    agencies_by_code,
    agency_by_code,
    load_case,
    load_request,
    load_transfer,
    parse_date,
    parse_int,
    require_date,
    visible_document,
    visible_documents,
    work_session,
    working_calendar,
)
from webapp.denouncers import MaskedEntry, shown_case_events
from webapp.paging import page_number
from webapp.routing import MAX_ID

MAX_LIMIT = 200


# -- plumbing -------------------------------------------------------------------------------
def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400)
    return data


def _limit() -> tuple[int, int]:
    limit = min(MAX_LIMIT, max(1, request.args.get("limit", 50, type=int)))
    return limit, min(max(0, request.args.get("offset", 0, type=int)), MAX_ID)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def op(
    summary: str,
    tag: str,
    *,
    body: dict[str, Any] | None = None,
    required: tuple[str, ...] = (),
    ok: str = "200",
) -> dict:
    """An OpenAPI operation with the usual error answers; ``required``: the body's fields
    without which it is refused."""
    operation: dict[str, Any] = {
        "summary": summary,
        "tags": [tag],
        "responses": {
            ok: {"description": "OK", "content": {"application/json": {}}},
            "403": {"description": "not allowed"},
            "404": {"description": "not found or not visible"},
            "422": {"description": "refused by a rule: {error, message, detail}"},
        },
    }
    if body is not None:
        schema: dict[str, Any] = {"type": "object", "properties": body}
        if required:
            schema["required"] = list(required)
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": schema}},
        }
    return operation


STR = {"type": "string"}
#: Text that must say something: not empty, not only spaces.
NONBLANK = openapi.NONBLANK_TEXT
LEVEL = {"type": "string", "enum": list(CONFIDENTIALITY)}
DATE = {"type": "string", "format": "date"}
STRS = {"type": "array", "items": {"type": "string"}}


# -- serialisation --------------------------------------------------------------------------
def case_json(case: Case, calendar: WorkingCalendar, *, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": case.id,
        "code": case.code,
        "title": case.title,
        "kind": case.kind,
        "status": case.status,
        "confidentiality": case.confidentiality,
        "lead_agency": case.lead_agency.code,
        "agencies": sorted(a.code for a in case.agencies),
        "monitoring_level": case.monitoring_level,
        "crime_signs": None,
        "created_at": case.created_at.isoformat(),
    }
    if case.crime_signs_at is not None:
        due = referral_due(case, calendar)
        data["crime_signs"] = {
            "basis": case.crime_signs_basis,
            "since": _day(case.crime_signs_since),
            "due": _day(due),
            "flagged_at": case.crime_signs_at.isoformat(),
        }
    if full:
        data.update(
            summary=case.summary,
            handler=case.handler.username if case.handler else None,
            monitoring_reason=case.monitoring_reason,
            monitoring_set_at=case.monitoring_set_at.isoformat()
            if case.monitoring_set_at
            else None,
            parties=[
                {"id": p.id, "name": p.name, "kind": p.kind, "role": p.role} for p in case.parties
            ],
        )
    return data


def transfer_json(transfer: Transfer) -> dict[str, Any]:
    return {
        "id": transfer.id,
        "case_id": transfer.case_id,
        "from_agency": transfer.from_agency.code,
        "to_agency": transfer.to_agency.code,
        "legal_basis": transfer.legal_basis,
        "legal_basis_text": transfer.legal_basis_text,
        "reference": transfer.reference,
        "sent_date": _day(transfer.sent_date),
        "received_date": _day(transfer.received_date),
        "due_date": _day(transfer.due_date),
        "overdue": transfer.overdue_on(date.today()),
        "outcome": transfer.outcome,
        "outcome_date": _day(transfer.outcome_date),
        "outcome_note": transfer.outcome_note,
        "documents": [{"id": d.document_id, "role": d.role} for d in transfer.documents],
    }


def request_json(item: InfoRequest) -> dict[str, Any]:
    return {
        "id": item.id,
        "from_agency": item.from_agency.code,
        "to_agency": item.to_agency.code,
        "case_id": item.case_id,
        "subject": item.subject,
        "details": item.details,
        "due_date": _day(item.due_date),
        "status": item.status,
        "overdue": item.overdue_on(date.today()),
        "confidentiality": item.confidentiality,
        "assignee": item.assignee.username if item.assignee else None,
        "answer_text": item.answer_text,
        "answered_at": item.answered_at.isoformat() if item.answered_at else None,
        "documents": [d.document_id for d in item.documents],
    }


# -- cases ----------------------------------------------------------------------------------
@route(
    "/cases",
    {
        "get": op(
            "List the cases the caller may see (filters: status, kind, monitoring, lead, "
            "mine, awaiting_transfer, q; limit, offset)",
            "cases",
        ),
        "post": op(
            "Open a case",
            "cases",
            body={
                "code": STR,
                "title": STR,
                "kind": STR,
                "summary": STR,
                "lead_agency": STR,
                "agencies": STRS,
                "confidentiality": STR,
            },
            ok="201",
        ),
    },
)
def cases_collection() -> ResponseReturnValue:
    session = work_session()
    user = actor()
    if request.method == "POST":
        data = _body()
        created = case_ops.create_case(
            session,
            user,
            code=str(data.get("code", "")),
            title=str(data.get("title", "")),
            kind=str(data.get("kind", "vu_viec")),
            summary=str(data.get("summary", "")),
            confidentiality=str(data.get("confidentiality", "thuong")),
            lead_agency=agency_by_code(session, data.get("lead_agency") or user.agency.code),
            coordinating=agencies_by_code(session, data.get("agencies") or []),
        )
        return jsonify(case_json(created, working_calendar(session), full=True)), 201
    args = request.args
    query = select(Case).where(case_clause(user))
    for field in ("status", "kind", "monitoring_level"):
        if args.get(field):
            query = query.where(getattr(Case, field) == args[field])
    if args.get("monitoring") == "any":
        query = query.where(Case.monitoring_level.is_not(None))
    if args.get("lead"):
        query = query.where(Case.lead_agency_id == agency_by_code(session, args["lead"]).id)
    if args.get("mine"):
        query = query.where(or_(Case.handler_id == user.id, Case.created_by_id == user.id))
    if args.get("awaiting_transfer"):
        query = query.where(transfer_ops.awaiting_transfer_clause())
    if args.get("q"):
        like = f"%{args['q']}%"
        query = query.where(or_(Case.code.ilike(like), Case.title.ilike(like)))
    limit, offset = _limit()
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(
        query.order_by(Case.created_at.desc(), Case.id.desc()).limit(limit).offset(offset)
    ).all()
    audit("case.list", total=total, channel="api")
    return jsonify(total=total, cases=[case_json(c, working_calendar(session)) for c in rows])


@route(
    "/cases/<int:case_id>",
    {
        "get": op("One case with its parties", "cases"),
        "patch": op(
            "Change title, summary, confidentiality, coordinating bodies or handler",
            "cases",
            body={
                "title": STR,
                "summary": STR,
                "confidentiality": STR,
                "agencies": STRS,
                "handler": STR,
            },
        ),
    },
)
def case_item(case_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    if request.method == "PATCH":
        data = _body()
        handler = None
        if data.get("handler"):
            handler = session.scalar(select(User).where(User.username == data["handler"]))
            if handler is None:  # no such account: a rule of the request, like a body's code
                raise RuleError("invalid_input", field="handler")
        case_ops.update_case(
            session,
            actor(),
            case,
            title=data.get("title"),
            summary=data.get("summary"),
            confidentiality=data.get("confidentiality"),
            coordinating=agencies_by_code(session, data["agencies"])
            if "agencies" in data
            else None,
            handler=handler,
            clear_handler="handler" in data and not data["handler"],
        )
    else:
        audit("case.view", object_type="case", object_id=case.id, level=case.confidentiality)
    return jsonify(case_json(case, working_calendar(session), full=True))


@route(
    "/cases/<int:case_id>/status",
    {"post": op("Move the case to another status", "cases", body={"status": STR, "note": STR})},
)
def case_status(case_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    data = _body()
    case_ops.change_status(
        session, actor(), case, str(data.get("status", "")), str(data.get("note", ""))
    )
    return jsonify(case_json(case, working_calendar(session), full=True))


@route(
    "/cases/<int:case_id>/monitoring",
    {
        "post": op(
            "Set or clear the monitoring level, with the reason",
            "cases",
            body={"level": STR, "reason": STR},
        )
    },
)
def case_monitoring(case_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    data = _body()
    case_ops.set_monitoring(
        session, actor(), case, data.get("level") or None, str(data.get("reason", ""))
    )
    return jsonify(case_json(case, working_calendar(session), full=True))


@route(
    "/cases/<int:case_id>/parties",
    {
        "post": op(
            "Add a key person or organisation",
            "cases",
            body={"name": STR, "kind": STR, "role": STR},
            ok="201",
        )
    },
)
def case_parties(case_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    data = _body()
    party = case_ops.add_party(
        session,
        actor(),
        case,
        str(data.get("name", "")),
        str(data.get("kind", "person")),
        str(data.get("role", "")),
    )
    return jsonify(id=party.id, name=party.name, kind=party.kind, role=party.role), 201


@route(
    "/cases/<int:case_id>/parties/<int:party_id>",
    {"delete": op("Remove a key person or organisation", "cases")},
)
def case_party(case_id: int, party_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    case_ops.remove_party(session, actor(), case, party_id)
    return jsonify(removed=party_id)


@route(
    "/cases/<int:case_id>/timeline",
    {"get": op("The case's timeline (entries about hidden objects carry no detail)", "cases")},
)
def case_timeline(case_id: int) -> ResponseReturnValue:
    session = work_session()
    user = actor()
    case = load_case(session, case_id)
    events = shown_case_events(
        session,
        user,
        session.scalars(
            select(CaseEvent)
            .where(CaseEvent.case_id == case.id)
            .order_by(CaseEvent.at, CaseEvent.id)
        ),
    )
    refs = {"document": set(), "request": set(), "transfer": set()}
    for e in events:
        for kind in refs:
            if e.detail.get(f"{kind}_id") is not None:
                refs[kind].add(e.detail[f"{kind}_id"])
    visible = {kind: visible_ids(session, user, kind, ids) for kind, ids in refs.items()}

    def entry(e: CaseEvent | MaskedEntry) -> dict[str, Any]:
        hidden = any(
            e.detail.get(f"{kind}_id") is not None
            and str(e.detail[f"{kind}_id"]) not in visible[kind]
            for kind in refs
        )
        return {
            "at": e.at.isoformat(),
            "kind": e.kind,
            "actor_id": e.actor_id,
            "detail": {} if hidden else e.detail,
            "hidden": hidden,
        }

    audit("case.timeline", object_type="case", object_id=case.id, level=case.confidentiality)
    return jsonify(case_id=case.id, events=[entry(e) for e in events])


# -- case documents -------------------------------------------------------------------------
@route(
    "/cases/<int:case_id>/documents",
    {
        "get": op(
            "Documents linked to the case (attached, suggested, detached, rejected)", "cases"
        ),
        "post": op(
            "Attach a document (by id or number); confirms a suggestion",
            "cases",
            body={"document": STR, "reason": STR},
        ),
    },
)
def case_documents(case_id: int) -> ResponseReturnValue:
    session = work_session()
    user = actor()
    case = load_case(session, case_id)
    if request.method == "POST":
        data = _body()
        case_ops.attach(
            session,
            user,
            case,
            visible_document(session, str(data.get("document", ""))),
            str(data.get("reason", "")),
        )
    rows = session.execute(
        select(CaseDocument, Document)
        .join(Document, Document.id == CaseDocument.document_id)
        .where(CaseDocument.case_id == case.id, document_clause(user))
        .order_by(CaseDocument.at)
    ).all()
    return jsonify(
        case_id=case.id,
        documents=[
            {
                "id": document.id,
                "number": document.number,
                "filename": document.filename,
                "subject": document.subject,
                "state": link.state,
                "reason": link.reason,
                "at": link.at.isoformat(),
            }
            for link, document in rows
        ],
    )


def _linked_document(session: Any, case: Case, document_id: int) -> Document:
    if session.get(CaseDocument, (case.id, document_id)) is None:
        abort(404)
    document = session.scalar(
        select(Document).where(Document.id == document_id, document_clause(actor()))
    )
    if document is None:
        abort(404)
    return document


def case_document_action(case_id: int, document_id: int, action: str) -> ResponseReturnValue:
    session = work_session()
    user = actor()
    case = load_case(session, case_id)
    document = _linked_document(session, case, document_id)
    reason = str((request.get_json(silent=True) or {}).get("reason", ""))
    operations: dict[str, Callable[[], Any]] = {
        "detach": lambda: case_ops.detach(session, user, case, document, reason),
        "confirm": lambda: case_ops.attach(session, user, case, document, reason),
        "reject": lambda: case_ops.reject_suggestion(session, user, case, document, reason),
    }
    operations[action]()
    state = session.get_one(CaseDocument, (case.id, document.id)).state
    return jsonify(case_id=case.id, document_id=document.id, state=state)


_DOCUMENT_ACTIONS = {
    "detach": "Detach an attached document (reason required)",
    "confirm": "Confirm a document the tagger suggested",
    "reject": "Reject a document the tagger suggested (reason optional)",
}
for _action, _summary in _DOCUMENT_ACTIONS.items():
    route(
        f"/cases/<int:case_id>/documents/<int:document_id>/{_action}",
        {"post": op(_summary, "cases", body={"reason": STR})},
        endpoint=f"case_document_{_action}",
        defaults={"action": _action},
    )(case_document_action)


@route(
    "/cases/<int:case_id>/crime-signs",
    {
        "post": op(
            "Flag signs of a crime (basis, since, note) or clear the flag (clear: true, reason)",
            "transfers",
            body={"basis": STR, "since": DATE, "note": STR, "clear": {"type": "boolean"}},
        )
    },
)
def case_crime_signs(case_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    data = _body()
    if data.get("clear"):
        case_ops.clear_crime_signs(session, actor(), case, str(data.get("reason", "")))
    else:
        case_ops.flag_crime_signs(
            session,
            actor(),
            case,
            basis=str(data.get("basis", "")),
            since=require_date(data.get("since"), "since"),
            note=str(data.get("note", "")),
        )
    return jsonify(case_json(case, working_calendar(session), full=True))


# -- transfers ------------------------------------------------------------------------------
@route(
    "/cases/<int:case_id>/transfers",
    {
        "post": op(
            "Record the transfer of the case to an investigation body",
            "transfers",
            body={
                "to_agency": STR,
                "legal_basis": STR,
                "legal_basis_text": STR,
                "reference": STR,
                "sent_date": DATE,
                "received_date": DATE,
                "note": STR,
                "documents": STRS,
            },
            ok="201",
        )
    },
)
def case_transfers(case_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    data = _body()
    transfer, _outcome = transfer_ops.create_transfer(
        session,
        actor(),
        case,
        to_agency=agency_by_code(session, data.get("to_agency"), "to_agency"),
        legal_basis=str(data.get("legal_basis", "")),
        legal_basis_text=str(data.get("legal_basis_text", "")),
        reference=str(data.get("reference", "")),
        sent_date=require_date(data.get("sent_date"), "sent_date"),
        received_date=parse_date(data.get("received_date"), "received_date", required=False),
        note=str(data.get("note", "")),
        documents=visible_documents(session, data.get("documents") or []),
    )
    return jsonify(transfer_json(transfer)), 201


@route(
    "/transfers",
    {
        "get": op(
            "Transfers the caller may see (state: pending | overdue | an outcome)", "transfers"
        )
    },
)
def transfers_collection() -> ResponseReturnValue:
    session = work_session()
    query = select(Transfer).where(transfer_clause(actor()))
    state = request.args.get("state", "")
    if state == "pending":
        query = query.where(Transfer.outcome == "dang_xu_ly")
    elif state == "overdue":
        query = query.where(Transfer.outcome == "dang_xu_ly", Transfer.due_date < date.today())
    elif state in OUTCOMES:
        query = query.where(Transfer.outcome == state)
    limit, offset = _limit()
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(
        query.order_by(Transfer.sent_date.desc()).limit(limit).offset(offset)
    ).all()
    audit("transfer.list", state=state, total=total, channel="api")
    return jsonify(total=total, transfers=[transfer_json(t) for t in rows])


@route(
    "/transfers/summary",
    {
        "get": op(
            "Counts of visible transfers: total, by outcome, by receiving body, by month, "
            "overdue; and flagged cases still awaiting a transfer (since: a date)",
            "transfers",
        )
    },
)
def transfers_summary() -> ResponseReturnValue:
    session = work_session()
    user = actor()
    since = parse_date(request.args.get("since"), "since", required=False)
    data = transfer_ops.summary(session, transfer_clause(user), since)
    awaiting = transfer_ops.awaiting_transfer(session, case_clause(user))
    today = date.today()
    data["awaiting_transfer"] = len(awaiting)
    calendar = working_calendar(session)
    data["awaiting_overdue"] = sum(
        1 for c in awaiting if (referral_due(c, calendar) or today) < today
    )
    return jsonify(data)


@route("/transfers/<int:transfer_id>", {"get": op("One transfer", "transfers")})
def transfer_item(transfer_id: int) -> ResponseReturnValue:
    session = work_session()
    transfer, _case = load_transfer(session, transfer_id)
    audit(
        "transfer.view",
        object_type="transfer",
        object_id=transfer.id,
        level=transfer.confidentiality,
    )
    return jsonify(transfer_json(transfer))


@route(
    "/transfers/<int:transfer_id>/outcome",
    {
        "post": op(
            "Record the investigators' decision",
            "transfers",
            body={"outcome": STR, "outcome_date": DATE, "note": STR, "documents": STRS},
        )
    },
)
def transfer_outcome(transfer_id: int) -> ResponseReturnValue:
    session = work_session()
    transfer, _case = load_transfer(session, transfer_id)
    data = _body()
    transfer_ops.record_outcome(
        session,
        actor(),
        transfer,
        outcome=str(data.get("outcome", "")),
        outcome_date=require_date(data.get("outcome_date"), "outcome_date"),
        note=str(data.get("note", "")),
        documents=visible_documents(session, data.get("documents") or []),
    )
    return jsonify(transfer_json(transfer))


@route(
    "/transfers/<int:transfer_id>/extend",
    {
        "post": op(
            "Extend the answer's due date (BLTTHS Art. 147(2))",
            "transfers",
            body={"due_date": DATE, "note": STR},
        )
    },
)
def transfer_extend(transfer_id: int) -> ResponseReturnValue:
    session = work_session()
    transfer, _case = load_transfer(session, transfer_id)
    data = _body()
    transfer_ops.extend(
        session,
        actor(),
        transfer,
        require_date(data.get("due_date"), "due_date"),
        str(data.get("note", "")),
    )
    return jsonify(transfer_json(transfer))


# -- information requests -------------------------------------------------------------------
@route(
    "/requests",
    {
        "get": op(
            "Requests the caller may see (box: incoming | outgoing; state: open | overdue | "
            "answered | withdrawn)",
            "requests",
        ),
        "post": op(
            "Ask another body for information (due_date: by default 10 working days on the "
            "working calendar)",
            "requests",
            body={
                "to_agency": STR,
                "subject": STR,
                "details": STR,
                "due_date": DATE,
                "case_id": {"type": "integer"},
                "confidentiality": LEVEL,
            },
            required=("to_agency", "subject"),
            ok="201",
        ),
    },
)
def requests_collection() -> ResponseReturnValue:
    session = work_session()
    user = actor()
    if request.method == "POST":
        data = _body()
        case = (
            load_case(session, parse_int(data["case_id"], "case_id"))
            if data.get("case_id")
            else None
        )
        created = request_ops.create_request(
            session,
            user,
            to_agency=agency_by_code(session, data.get("to_agency"), "to_agency"),
            subject=str(data.get("subject", "")),
            details=str(data.get("details", "")),
            due_date=parse_date(data.get("due_date"), "due_date", required=False),
            case=case,
            confidentiality=data.get("confidentiality"),
        )
        return jsonify(request_json(created)), 201
    query = select(InfoRequest).where(request_clause(user))
    box, state = request.args.get("box", ""), request.args.get("state", "")
    if box == "incoming":
        query = query.where(InfoRequest.to_agency_id == user.agency_id)
    elif box == "outgoing":
        query = query.where(InfoRequest.from_agency_id == user.agency_id)
    if state == "open":
        query = query.where(InfoRequest.status.in_(request_ops.OPEN_STATUSES))
    elif state == "overdue":
        query = query.where(request_ops.overdue_clause(date.today()))
    elif state in request_ops.STATUSES:
        query = query.where(InfoRequest.status == state)
    limit, offset = _limit()
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(InfoRequest.due_date).limit(limit).offset(offset)).all()
    audit("request.list", box=box, state=state, total=total, channel="api")
    return jsonify(total=total, requests=[request_json(r) for r in rows])


@route("/requests/<int:request_id>", {"get": op("One information request", "requests")})
def request_item(request_id: int) -> ResponseReturnValue:
    session = work_session()
    item = load_request(session, request_id)
    audit("request.view", object_type="request", object_id=item.id, level=item.confidentiality)
    return jsonify(request_json(item))


def request_action(request_id: int, action: str) -> ResponseReturnValue:
    session = work_session()
    user = actor()
    item = load_request(session, request_id)
    data = _body()

    def assign() -> None:
        assignee = session.scalar(select(User).where(User.username == data.get("assignee")))
        if assignee is None:
            raise RuleError("request.assignee_not_in_body", user=data.get("assignee"))
        request_ops.assign(session, user, item, assignee)

    operations: dict[str, Callable[[], Any]] = {
        "answer": lambda: request_ops.answer(
            session,
            user,
            item,
            str(data.get("text", "")),
            visible_documents(session, data.get("documents") or []),
        ),
        "assign": assign,
        "withdraw": lambda: request_ops.withdraw(session, user, item, str(data.get("reason", ""))),
        "due": lambda: request_ops.change_due(
            session,
            user,
            item,
            require_date(data.get("due_date"), "due_date"),
            str(data.get("reason", "")),
        ),
    }
    operations[action]()
    return jsonify(request_json(item))


_REQUEST_ACTIONS = {
    "answer": (
        "Answer with text and documents (shared with the asker)",
        {"text": STR, "documents": STRS},
    ),
    "assign": ("Give the request to an officer of the asked body", {"assignee": STR}),
    "withdraw": ("Withdraw the request (reason required)", {"reason": STR}),
    "due": ("Move the due date (reason required)", {"due_date": DATE, "reason": STR}),
}
for _action, (_summary, _fields) in _REQUEST_ACTIONS.items():
    route(
        f"/requests/<int:request_id>/{_action}",
        {"post": op(_summary, "requests", body=_fields)},
        endpoint=f"request_{_action}",
        defaults={"action": _action},
    )(request_action)


# -- notifications --------------------------------------------------------------------------
@route(
    "/notifications",
    {"get": op("My notifications, newest first (unread=1; page)", "notifications")},
)
def notifications_collection() -> ResponseReturnValue:
    session = work_session()
    user = actor()
    page = page_number()
    rows = page_of(session, user, bool(request.args.get("unread")), page)
    items = shown(session, user, rows)
    for item in items:
        item["created_at"] = item["created_at"].isoformat()
    return jsonify(unread=unread_count(session, user), notifications=items)


@route(
    "/notifications/<int:notification_id>/read",
    {"post": op("Mark one notification as read", "notifications")},
)
def notification_read(notification_id: int) -> ResponseReturnValue:
    session = work_session()
    row = session.get(Notification, notification_id)
    if row is None or row.user_id != actor().id:
        abort(404)
    row.read_at = row.read_at or utcnow()
    return jsonify(id=row.id, read=True)


@route(
    "/notifications/read-all", {"post": op("Mark all my notifications as read", "notifications")}
)
def notifications_read_all() -> ResponseReturnValue:
    session = work_session()
    result = session.execute(
        update(Notification)
        .where(Notification.user_id == actor().id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    return jsonify(marked=result.rowcount)
