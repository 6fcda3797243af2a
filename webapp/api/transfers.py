"""REST endpoints for the transfers of cases to investigation bodies: recording one, the
lists, the outcome and a longer time limit."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import func, select

from records import transfers as transfer_ops
from records.models import Transfer
from records.policy import case_clause, transfer_clause
from records.transfer_rules import OUTCOMES, referral_due
from webapp.actor import current_actor
from webapp.api import route
from webapp.api.common import DATE, STR, STRS, iso_day, json_body, limit_offset, op
from webapp.auditing import audit
from webapp.features.casework import (
    agency_by_code,
    load_case,
    load_transfer,
    parse_date,
    require_date,
    visible_documents,
    work_session,
    working_calendar,
)


def transfer_json(transfer: Transfer) -> dict[str, Any]:
    return {
        "id": transfer.id,
        "case_id": transfer.case_id,
        "from_agency": transfer.from_agency.code,
        "to_agency": transfer.to_agency.code,
        "legal_basis": transfer.legal_basis,
        "legal_basis_text": transfer.legal_basis_text,
        "reference": transfer.reference,
        "sent_date": iso_day(transfer.sent_date),
        "received_date": iso_day(transfer.received_date),
        "due_date": iso_day(transfer.due_date),
        "overdue": transfer.overdue_on(date.today()),
        "outcome": transfer.outcome,
        "outcome_date": iso_day(transfer.outcome_date),
        "outcome_note": transfer.outcome_note,
        "documents": [{"id": d.document_id, "role": d.role} for d in transfer.documents],
    }


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
    data = json_body()
    transfer, _outcome = transfer_ops.create_transfer(
        session,
        current_actor(),
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
    query = select(Transfer).where(transfer_clause(current_actor()))
    state = request.args.get("state", "")
    if state == "pending":
        query = query.where(Transfer.outcome == "dang_xu_ly")
    elif state == "overdue":
        query = query.where(Transfer.outcome == "dang_xu_ly", Transfer.due_date < date.today())
    elif state in OUTCOMES:
        query = query.where(Transfer.outcome == state)
    limit, offset = limit_offset()
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
    user = current_actor()
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
    data = json_body()
    transfer_ops.record_outcome(
        session,
        current_actor(),
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
    data = json_body()
    transfer_ops.extend(
        session,
        current_actor(),
        transfer,
        require_date(data.get("due_date"), "due_date"),
        str(data.get("note", "")),
    )
    return jsonify(transfer_json(transfer))
