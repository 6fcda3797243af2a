"""REST API of petitions: the register, registering, one petition, its steps, the rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import jsonify, make_response, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from records.calendar import WorkingCalendar
from records.codes import CONFIDENTIALITY
from records.deadlines import RULES
from records.errors import NotAllowed, RuleError
from records.models import Document, Petition
from records.petitions import queries
from records.petitions.codes import Channel, Kind
from records.petitions.fields import parse_bool, parse_date
from records.petitions.identity import PetitionerData
from records.petitions.machine import perform
from records.petitions.register import (
    REGISTRATION_INVALID,
    Registration,
    letter_role,
    register,
)
from records.petitions.step import ROLE_REFUSED
from records.petitions.transitions import BY_ACTION
from records.policy import document_clause
from webapp.api import openapi, route
from webapp.auditing import audit, deny
from webapp.db_session import db_session
from webapp.features.petition_views import (
    detail_json,
    filters_from_args,
    load_petition,
    operation_context,
    summaries_for,
    summary_json,
)
from webapp.labels import message
from webapp.paging import page_number

PER_PAGE_MAX = 200
TAG = ["petitions"]


def _error(status: int, error: str, message: str, **extra: Any) -> ResponseReturnValue:
    return jsonify(error=error, message=message, **extra), status


openapi.add_schema(
    "PetitionSummary",
    {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "register_no": {"type": "string"},
            "kind": {"type": "string", "enum": ["khieu_nai", "to_cao", "kien_nghi", "phan_anh"]},
            "complaint_round": {"type": "integer"},
            "state": {"type": "string"},
            "received_on": {"type": "string", "format": "date"},
            "channel": {"type": "string"},
            "summary": {
                "type": "string",
                "description": "petitioners' identity removed for those who may not know it",
            },
            "respondent": {"type": "string"},
            "agency": {"type": "string"},
            "confidentiality": {"type": "string"},
            "anonymous": {"type": "boolean"},
            "mass": {"type": "boolean"},
            "bypass_level": {"type": "boolean"},
            "overdue": {"type": "boolean"},
            "due": {
                "type": "object",
                "nullable": True,
                "properties": {
                    "on": {"type": "string", "format": "date"},
                    "status": {"type": "string", "enum": ["ok", "near", "overdue"]},
                    "rule": {"type": "string"},
                    "basis": {"type": "string"},
                    "rule_from": {"type": "string", "format": "date"},
                    "unit": {"type": "string", "enum": ["working_days", "days"]},
                    "calendar_version": {"type": "string"},
                },
            },
            "closed_on": {"type": "string", "format": "date", "nullable": True},
        },
    },
)
openapi.add_schema(
    "Petition",
    {
        "allOf": [{"$ref": "#/components/schemas/PetitionSummary"}],
        "description": "Also: petitioners (null with identity_hidden=true when the caller may "
        "not know them, LTC Art. 56), reminders, documents, history, actions.",
    },
)
openapi.add_schema(
    "PetitionRegistration",
    {
        "type": "object",
        "required": ["kind", "received_on", "summary"],
        "properties": {
            "kind": {"type": "string", "enum": [kind.value for kind in Kind]},
            "received_on": {"type": "string", "format": "date"},
            "channel": {
                "type": "string",
                "enum": [channel.value for channel in Channel],
                "default": "buu_chinh",
            },
            "summary": openapi.NONBLANK_TEXT,
            "respondent": {"type": "string"},
            "forwarded_by": {"type": "string"},
            "addressed_level": {"type": "string", "enum": ["xa", "tinh", "trung_uong"]},
            "anonymous": {"type": "boolean"},
            "signatory_count": {"type": "integer"},
            "confidentiality": {"type": "string", "enum": list(CONFIDENTIALITY)},
            "register_no": {"type": "string"},
            "parent_id": {"type": "integer"},
            "document_ids": {"type": "array", "items": {"type": "integer"}},
            "petitioners": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string"},
                        "address": {"type": "string"},
                        "id_number": {"type": "string"},
                        "phone": {"type": "string"},
                        "representative": {"type": "boolean"},
                    },
                },
            },
        },
    },
    request=True,
)
#: The JSON Schema of a step's field by its type (``records.petitions.fields``); the other
#: types are text (a code, a name, a body's code, a case's code or id).
_FIELD_SCHEMAS: dict[str, dict[str, Any]] = {
    "date": {"type": "string", "format": "date"},
    "bool": {"type": "boolean"},
    "int": {"type": "integer"},
    "petition": {"type": "integer", "minimum": 1},
    "user": {"type": "integer", "minimum": 1},
}


def _step_values_schema() -> dict[str, Any]:
    """Every field a step may take, each action reading its own (the others are ignored)."""
    fields = {field.name: field for action in BY_ACTION.values() for field in action.fields}
    return {
        "type": "object",
        "description": "the step's fields",
        "properties": {
            name: dict(_FIELD_SCHEMAS.get(field.type, {"type": "string"}))
            for name, field in sorted(fields.items())
        },
    }


_REFUSED = {
    "description": "the step is not allowed: the message says why",
    "content": {"application/json": {"schema": {"type": "object"}}},
}


@route(
    "/petitions",
    {
        "get": {
            "tags": TAG,
            "summary": "The petitions the caller may see, filtered",
            "parameters": [
                {"name": name, "in": "query", "schema": {"type": "string"}, "description": text}
                for name, text in (
                    ("state", "a state (repeatable)"),
                    ("kind", "khieu_nai | to_cao | kien_nghi | phan_anh (repeatable)"),
                    ("due", "overdue | near | open | closed"),
                    ("agency", "receiving body id"),
                    ("from", "received on or after (YYYY-MM-DD)"),
                    ("to", "received on or before"),
                    ("q", "register number, summary, respondent, or a petitioner's name"),
                    ("page", "page number"),
                    ("per_page", "items per page (max 200)"),
                )
            ],
            "responses": {"200": {"description": "a page of petitions"}},
        },
        "post": {
            "tags": TAG,
            "summary": "Register a petition (files: upload them as documents first)",
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/PetitionRegistration"}
                    }
                },
            },
            "responses": {
                "201": {
                    "description": "registered",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Petition"}}
                    },
                },
                "422": {"description": "invalid: errors lists every problem"},
            },
        },
    },
)
def petitions() -> ResponseReturnValue:
    return _list() if request.method == "GET" else _create()


def _list() -> ResponseReturnValue:
    session = db_session()
    ctx = operation_context(session)
    query = queries.select_petitions(current_user, filters_from_args(request.args), ctx)
    total = queries.count(session, query)
    page = page_number()
    per_page = min(PER_PAGE_MAX, max(1, request.args.get("per_page", 50, type=int)))
    items = session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    summaries = summaries_for(session, current_user, items, ctx)
    audit(
        "petition.search",
        object_type="petition",
        filters=request.args.to_dict(),
        total=total,
        api=True,
    )
    return jsonify(
        total=total,
        page=page,
        per_page=per_page,
        items=[summary_json(session, current_user, p, ctx, summaries[p.id]) for p in items],
    )


def _create() -> ResponseReturnValue:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return _error(400, "bad request", "send a JSON object")
    session = db_session()
    ctx = operation_context(session)
    try:
        received = parse_date(body.get("received_on"))
    except ValueError:
        received = None
    if received is None:
        return _error(422, "invalid", "received_on must be a date (YYYY-MM-DD)")
    people = [
        PetitionerData(
            str(p.get("name", "")),
            str(p.get("address", "")),
            str(p.get("id_number", "")),
            str(p.get("phone", "")),
            parse_bool(p.get("representative")),
        )
        for p in body.get("petitioners") or []
        if isinstance(p, dict)
    ]
    count = body.get("signatory_count")
    data = Registration(
        kind=str(body.get("kind", "")),
        received_on=received,
        channel=str(body.get("channel", "buu_chinh")),
        summary=str(body.get("summary", "")),
        respondent=str(body.get("respondent", "")),
        forwarded_by=str(body.get("forwarded_by", "")),
        addressed_level=str(body.get("addressed_level", "tinh")),
        anonymous=parse_bool(body.get("anonymous")),
        signatory_count=count if isinstance(count, int) else None,
        petitioners=people,
        confidentiality=str(body.get("confidentiality", "thuong")),
        register_no=str(body.get("register_no", "")),
        parent_id=body.get("parent_id") if isinstance(body.get("parent_id"), int) else None,
    )
    try:
        documents = _documents(body.get("document_ids"))
    except UnknownDocuments as err:
        return _error(422, "invalid", str(err))
    try:
        petition = register(
            session,
            current_user,
            data,
            ctx,
            documents=[(d, letter_role(i)) for i, d in enumerate(documents)],
            source="api",
        )
    except RuleError as err:
        if err.code != REGISTRATION_INVALID:
            raise
        session.rollback()
        problems = [message(problem) for problem in err.params["errors"]]
        return _error(422, "invalid", message(err), errors=problems)
    return jsonify(detail_json(session, current_user, petition, ctx)), 201


class UnknownDocuments(ValueError):
    """Some ``document_ids`` are not documents the caller sees (or not ids at all)."""


def _documents(ids: Any) -> list[Document]:
    """The documents named by ``ids``; an id the caller may not see is refused like a
    missing one, so the refusal tells nothing of other bodies' documents."""
    if ids is None:
        return []
    if not isinstance(ids, list) or not all(
        isinstance(value, int) and not isinstance(value, bool) for value in ids
    ):
        raise UnknownDocuments("document_ids must be a list of document ids")
    found = {
        document.id: document
        for document in db_session().scalars(
            select(Document).where(Document.id.in_(ids), document_clause(current_user))
        )
    }
    missing = [value for value in ids if value not in found]
    if missing:
        raise UnknownDocuments(f"no such document: {', '.join(map(str, missing))}")
    return [found[value] for value in dict.fromkeys(ids)]


@route(
    "/petitions/<int:petition_id>",
    {
        "get": {
            "tags": TAG,
            "summary": "One petition with its deadline, history, documents and next steps",
            "parameters": [
                {
                    "name": "petition_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                }
            ],
            "responses": {
                "200": {
                    "description": "the petition",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Petition"}}
                    },
                },
                "403": {"description": "not allowed"},
                "404": {"description": "no such petition"},
            },
        }
    },
)
def petition(petition_id: int) -> ResponseReturnValue:
    item = load_petition(petition_id)
    session = db_session()
    ctx = operation_context(session)
    data = detail_json(session, current_user, item, ctx)
    audit(
        "petition.view",
        object_type="petition",
        object_id=item.id,
        level=item.confidentiality,
        api=True,
    )
    if not data["identity_hidden"]:
        audit(
            "petition.identity.view",
            object_type="petition",
            object_id=item.id,
            level=item.confidentiality,
            api=True,
        )
    return jsonify(data)


@route(
    "/petitions/<int:petition_id>/steps",
    {
        "post": {
            "tags": TAG,
            "summary": "Take a step of the handling (state machine), e.g. accept, forward, extend",
            "parameters": [
                {
                    "name": "petition_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                }
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["action"],
                            "properties": {
                                "action": {"type": "string"},
                                "values": _step_values_schema(),
                                "document_ids": {"type": "array", "items": {"type": "integer"}},
                            },
                        }
                    }
                },
            },
            "responses": {
                "200": {"description": "the petition after the step"},
                "403": {"description": "the caller's role may not take this step"},
                "409": _REFUSED,
                "422": {"description": "a field is missing or invalid"},
            },
        }
    },
)
def step(petition_id: int) -> ResponseReturnValue:
    item = load_petition(petition_id)
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("action"), str):
        return _error(400, "bad request", "send a JSON object with an action")
    values = body.get("values") if isinstance(body.get("values"), dict) else {}
    session = db_session()
    ctx = operation_context(session)
    try:
        documents = _documents(body.get("document_ids"))
    except UnknownDocuments as err:
        return _error(422, "invalid", str(err))
    try:
        perform(session, current_user, item, body["action"], values, ctx, documents)
    except NotAllowed:
        raise
    except RuleError as err:
        session.rollback()
        item = session.get(Petition, petition_id)
        field = err.code.startswith("field.")
        status = 403 if err.code == ROLE_REFUSED else 422 if field else 409
        deny(
            f"petition.{body['action']}",
            answer=make_response(_error(status, "refused", message(err))),
            object_type="petition",
            object_id=item.id,
            level=item.confidentiality,
            reason=err.message,
        )
    return jsonify(detail_json(session, current_user, item, ctx))


@route(
    "/petition-rules",
    {
        "get": {
            "tags": TAG,
            "summary": "The legal deadline rules, every version, with their basis",
            "responses": {"200": {"description": "the rules"}},
        }
    },
)
def petition_rules() -> ResponseReturnValue:
    return jsonify(
        rules=[
            {
                "id": r.id,
                "title": r.title,
                "limit": r.limit,
                "unit": r.unit.value,
                "complex_limit": r.complex_limit,
                "remote_limit": r.remote_limit,
                "remote_complex_limit": r.remote_complex_limit,
                "max_extensions": r.max_extensions,
                "extension_limit": r.extension_limit,
                "effective_from": r.effective_from.isoformat(),
                "effective_to": r.effective_to.isoformat() if r.effective_to else None,
                "applies_by": r.applies_by,
                "basis": r.basis,
            }
            for r in RULES
        ]
    )


@route(
    "/working-calendar/<int:year>",
    {
        "get": {
            "tags": TAG,
            "summary": "Days of a year that are not ordinary (holidays, swapped and worked days)",
            "parameters": [
                {"name": "year", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "responses": {"200": {"description": "the calendar version and the special days"}},
        }
    },
)
def working_calendar(year: int) -> ResponseReturnValue:
    calendar = WorkingCalendar.load(db_session())
    year = min(max(year, 2000), 2100)
    days = []
    for day in calendar.days_in(date(year, 1, 1), date(year, 12, 31)):
        working = calendar.is_working_day(day)
        if working == (day.weekday() >= 5) or day in calendar.overrides:
            days.append(
                {"day": day.isoformat(), "working": working, "note": calendar.describe(day)}
            )
    return jsonify(version=calendar.version, year=year, days=days)
