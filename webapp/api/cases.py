"""REST endpoints for cases: the register, one case, its parties, timeline, documents and
signs of a crime. Every answer holds only what the caller may see; refused rules answer 422
with the rule's code and a translated message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import func, or_, select

from records import cases as case_ops
from records import transfers as transfer_ops
from records.calendar import WorkingCalendar
from records.errors import RuleError
from records.models import Case, CaseDocument, CaseEvent, Document, User
from records.policy import case_clause, document_clause, visible_ids
from records.transfer_rules import referral_due
from webapp.actor import current_actor
from webapp.api import route
from webapp.api.common import DATE, STR, STRS, iso_day, json_body, limit_offset, op
from webapp.auditing import audit
from webapp.features.casework import (
    agencies_by_code,
    agency_by_code,
    load_case,
    require_date,
    visible_document,
    work_session,
    working_calendar,
)
from webapp.features.denouncers import MaskedEntry, shown_case_events, shown_documents


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
            "since": iso_day(case.crime_signs_since),
            "due": iso_day(due),
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
    user = current_actor()
    if request.method == "POST":
        data = json_body()
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
    limit, offset = limit_offset()
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
        data = json_body()
        handler = None
        if data.get("handler"):
            handler = session.scalar(select(User).where(User.username == data["handler"]))
            if handler is None:  # no such account: a rule of the request, like a body's code
                raise RuleError("invalid_input", field="handler")
        case_ops.update_case(
            session,
            current_actor(),
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
    data = json_body()
    case_ops.change_status(
        session, current_actor(), case, str(data.get("status", "")), str(data.get("note", ""))
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
    data = json_body()
    case_ops.set_monitoring(
        session, current_actor(), case, data.get("level") or None, str(data.get("reason", ""))
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
    data = json_body()
    party = case_ops.add_party(
        session,
        current_actor(),
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
    case_ops.remove_party(session, current_actor(), case, party_id)
    return jsonify(removed=party_id)


@route(
    "/cases/<int:case_id>/timeline",
    {"get": op("The case's timeline (entries about hidden objects carry no detail)", "cases")},
)
def case_timeline(case_id: int) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
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
    user = current_actor()
    case = load_case(session, case_id)
    if request.method == "POST":
        data = json_body()
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
    shown = shown_documents(session, user, [document for _link, document in rows])
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
            for (link, _document), document in zip(rows, shown, strict=True)
        ],
    )


def _linked_document(session: Any, case: Case, document_id: int) -> Document:
    if session.get(CaseDocument, (case.id, document_id)) is None:
        abort(404)
    document = session.scalar(
        select(Document).where(Document.id == document_id, document_clause(current_actor()))
    )
    if document is None:
        abort(404)
    return document


def case_document_action(case_id: int, document_id: int, action: str) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
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
    data = json_body()
    if data.get("clear"):
        case_ops.clear_crime_signs(session, current_actor(), case, str(data.get("reason", "")))
    else:
        case_ops.flag_crime_signs(
            session,
            current_actor(),
            case,
            basis=str(data.get("basis", "")),
            since=require_date(data.get("since"), "since"),
            note=str(data.get("note", "")),
        )
    return jsonify(case_json(case, working_calendar(session), full=True))
