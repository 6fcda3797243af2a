"""REST endpoints for cadre vetting: ask, list, one request (answers only for those who may
read them), find candidates, confirm or dismiss them, answer, withdraw."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import func, select

from indexer.vetting_search import find_candidates
from records.coordination import vetting as vetting_ops
from records.models import User, VettingAnswer, VettingMatch, VettingRequest
from records.policy import can_read_answer, vetting_clause
from webapp.actor import current_actor
from webapp.api import route
from webapp.api.common import DATE, STR, STRS, iso_day, json_body, limit_offset, op
from webapp.auditing import audit
from webapp.features.casework import (
    agencies_by_code,
    parse_date,
    parse_int,
    visible_document,
    work_session,
)
from webapp.features.vetting import load_vetting, shown_matches
from webapp.services import services

TAG = "vetting"


def _match_json(match: VettingMatch) -> dict[str, Any]:
    return {
        "id": match.id,
        "object_type": match.object_type,
        "object_id": match.object_id,
        "label": match.label,
        "reasons": list(match.reasons),
        "state": match.state,
    }


def _answer_json(user: User, answer: VettingAnswer) -> dict[str, Any]:
    data: dict[str, Any] = {
        "agency": answer.agency.code,
        "status": answer.status,
        "answered_at": answer.answered_at.isoformat() if answer.answered_at else None,
    }
    if not can_read_answer(user, answer):
        return data
    data["finding"] = answer.finding
    data["text"] = answer.text
    if answer.agency_id == user.agency_id:
        session = work_session()
        data["matches"] = [_match_json(m) for m in shown_matches(session, user, answer)]
    else:
        data["matches"] = [_match_json(m) for m in answer.matches if m.state == "confirmed"]
    return data


def vetting_json(user: User, item: VettingRequest) -> dict[str, Any]:
    return {
        "id": item.id,
        "from_agency": item.from_agency.code,
        "cadre_name": item.cadre_name,
        "birth_date": iso_day(item.birth_date),
        "id_number": item.id_number,
        "position": item.position,
        "unit": item.unit,
        "purpose": item.purpose,
        "due_date": iso_day(item.due_date),
        "confidentiality": item.confidentiality,
        "status": item.status,
        "overdue": item.is_open and item.due_date < date.today(),
        "answers": [_answer_json(user, a) for a in item.answers],
    }


@route(
    "/vetting",
    {
        "get": op("Vetting requests the caller may see (state: open | answered | withdrawn)", TAG),
        "post": op(
            "Ask bodies about a cadre (Organization Board or Commission; TỐI MẬT unless set; "
            "due_date: by default 10 working days)",
            TAG,
            body={
                "cadre_name": STR,
                "birth_date": DATE,
                "id_number": STR,
                "position": STR,
                "unit": STR,
                "purpose": STR,
                "bodies": STRS,
                "due_date": DATE,
                "confidentiality": STR,
                "document": STR,
            },
            ok="201",
        ),
    },
)
def vetting_collection() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if request.method == "POST":
        data = json_body()
        bodies = data.get("bodies") or []
        if not isinstance(bodies, list):
            bodies = [bodies]
        reference = str(data.get("document") or "").strip()
        created = vetting_ops.create_request(
            session,
            user,
            cadre_name=str(data.get("cadre_name", "")),
            birth_date=parse_date(data.get("birth_date"), "birth_date", required=False),
            bodies=agencies_by_code(session, [str(b) for b in bodies]),
            position=str(data.get("position", "")),
            unit=str(data.get("unit", "")),
            id_number=str(data.get("id_number", "")),
            purpose=str(data.get("purpose", "")),
            due_date=parse_date(data.get("due_date"), "due_date", required=False),
            confidentiality=data.get("confidentiality"),
            document=visible_document(session, reference) if reference else None,
        )
        return jsonify(vetting_json(user, created)), 201
    query = select(VettingRequest).where(vetting_clause(user))
    state = request.args.get("state", "")
    if state in ("open", "answered", "withdrawn"):
        query = query.where(VettingRequest.status == state)
    limit, offset = limit_offset()
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(
        query.order_by(VettingRequest.id.desc()).limit(limit).offset(offset)
    ).all()
    audit("vetting.list", state=state, total=total, channel="api")
    return jsonify(total=total, requests=[vetting_json(user, r) for r in rows])


@route("/vetting/<int:request_id>", {"get": op("One vetting request", TAG)})
def vetting_item(request_id: int) -> ResponseReturnValue:
    session = work_session()
    item = load_vetting(session, request_id)
    audit("vetting.view", object_type="vetting", object_id=item.id, level=item.confidentiality)
    return jsonify(vetting_json(current_actor(), item))


def vetting_action(request_id: int, action: str) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    item = load_vetting(session, request_id)
    raw = request.get_json(silent=True)
    data: dict[str, Any] = raw if isinstance(raw, dict) else {}
    svc = services()
    operations = {
        "search": lambda: find_candidates(
            session, svc.engine, svc.settings.index_alias, user, item
        ),
        "match": lambda: vetting_ops.decide_match(
            session,
            user,
            item,
            parse_int(data.get("match_id"), "match_id"),
            str(data.get("state", "")),
        ),
        "answer": lambda: vetting_ops.answer(session, user, item, str(data.get("text", ""))),
        "withdraw": lambda: vetting_ops.withdraw(session, user, item, str(data.get("reason", ""))),
    }
    operations[action]()
    return jsonify(vetting_json(user, item))


_ACTIONS = {
    "search": ("Find candidate records in the caller's body's own records", {}),
    "match": (
        "Confirm or dismiss a candidate (state: confirmed | dismissed | candidate)",
        {"match_id": {"type": "integer"}, "state": STR},
    ),
    "answer": ("Answer for the caller's body (every candidate decided first)", {"text": STR}),
    "withdraw": ("Withdraw the request (reason required)", {"reason": STR}),
}
for _action, (_summary, _fields) in _ACTIONS.items():
    route(
        f"/vetting/<int:request_id>/{_action}",
        {"post": op(_summary, TAG, body=_fields or None)},
        endpoint=f"vetting_{_action}",
        defaults={"action": _action},
    )(vetting_action)
