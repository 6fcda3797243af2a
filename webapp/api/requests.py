"""REST endpoints for information requests between bodies: asking, the lists, answering,
assigning, withdrawing and moving the due date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import func, select

from records import requests as request_ops
from records.errors import RuleError
from records.models import InfoRequest, User
from records.policy import request_clause
from webapp.actor import current_actor
from webapp.api import route
from webapp.api.common import DATE, LEVEL, STR, STRS, iso_day, json_body, limit_offset, op
from webapp.auditing import audit
from webapp.features.casework import (
    agency_by_code,
    load_case,
    load_request,
    parse_date,
    parse_int,
    require_date,
    visible_documents,
    work_session,
)


def request_json(item: InfoRequest) -> dict[str, Any]:
    return {
        "id": item.id,
        "from_agency": item.from_agency.code,
        "to_agency": item.to_agency.code,
        "case_id": item.case_id,
        "subject": item.subject,
        "details": item.details,
        "due_date": iso_day(item.due_date),
        "status": item.status,
        "overdue": item.overdue_on(date.today()),
        "confidentiality": item.confidentiality,
        "assignee": item.assignee.username if item.assignee else None,
        "answer_text": item.answer_text,
        "answered_at": item.answered_at.isoformat() if item.answered_at else None,
        "documents": [d.document_id for d in item.documents],
    }


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
    user = current_actor()
    if request.method == "POST":
        data = json_body()
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
    limit, offset = limit_offset()
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
    user = current_actor()
    item = load_request(session, request_id)
    data = json_body()

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
