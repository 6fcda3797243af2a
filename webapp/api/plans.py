"""REST endpoints for inspection and supervision plans and their overlaps."""

from __future__ import annotations

from typing import Any

from flask import abort, jsonify, request
from flask.typing import ResponseReturnValue

from indexer.normalize import fold
from records.calendar import local_today
from records.coordination import plans as plan_ops
from records.models import PlanItem, PlanOverlap
from webapp.actor import current_actor
from webapp.api import route
from webapp.api.common import DATE, LEVEL, STR, iso_day, json_body, op
from webapp.auditing import audit
from webapp.features.casework import require_date, work_session
from webapp.features.plans import load_plan, visible_overlaps, year_items

TAG = "plans"


def item_json(item: PlanItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "agency": item.agency.code,
        "year": item.year,
        "kind": item.kind,
        "unit_name": item.unit_name,
        "unit_agency": item.unit_agency.code if item.unit_agency else None,
        "subject": item.subject,
        "period_start": iso_day(item.period_start),
        "period_end": iso_day(item.period_end),
        "team": item.team,
        "confidentiality": item.confidentiality,
        "status": item.status,
    }


def overlap_json(overlap: PlanOverlap) -> dict[str, Any]:
    return {
        "id": overlap.id,
        "items": [overlap.first_id, overlap.second_id],
        "reason": overlap.reason,
        "status": overlap.status,
        "resolution": overlap.resolution,
    }


@route(
    "/plans",
    {
        "get": op("Plan items of a year the caller may see (year, agency)", TAG),
        "post": op(
            "Register a plan item of the caller's body (kind: thanh_tra | kiem_tra | giam_sat)",
            TAG,
            body={
                "kind": STR,
                "unit_name": STR,
                "subject": STR,
                "period_start": DATE,
                "period_end": DATE,
                "team": STR,
                "confidentiality": LEVEL,
            },
            required=("unit_name", "subject", "period_start", "period_end"),
            ok="201",
        ),
    },
)
def plans_collection() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if request.method == "POST":
        data = json_body()

        def operation() -> PlanItem:
            start = require_date(data.get("period_start"), "period_start")
            return plan_ops.register(
                session,
                user,
                year=start.year,
                unit_name=str(data.get("unit_name", "")),
                subject=str(data.get("subject", "")),
                period_start=start,
                period_end=require_date(data.get("period_end"), "period_end"),
                team=str(data.get("team", "")),
                kind=str(data.get("kind", "thanh_tra")),
                confidentiality=str(data.get("confidentiality") or "thuong"),
                fold=fold,
            )

        created = operation()
        overlaps = plan_ops.open_overlaps(session, created)
        return jsonify(item=item_json(created), overlaps=[overlap_json(o) for o in overlaps]), 201
    year = request.args.get("year", local_today().year, type=int)
    items = year_items(session, user, year, request.args.get("agency", ""))
    audit("plan.list", year=year, total=len(items), channel="api")
    return jsonify(year=year, items=[item_json(i) for i in items])


@route("/plans/<int:item_id>", {"get": op("One plan item with its overlaps", TAG)})
def plan_item(item_id: int) -> ResponseReturnValue:
    session = work_session()
    item = load_plan(session, item_id)
    overlaps = [
        overlap_json(o)
        for o in visible_overlaps(session, current_actor(), only_open=False)
        if item.id in (o.first_id, o.second_id)
    ]
    audit("plan.view", object_type="plan", object_id=item.id, level=item.confidentiality)
    return jsonify(item=item_json(item), overlaps=overlaps)


@route("/plans/<int:item_id>/approve", {"post": op("Approve the item (its body's leader)", TAG)})
def plan_approve(item_id: int) -> ResponseReturnValue:
    session = work_session()
    item = load_plan(session, item_id)
    plan_ops.approve(session, current_actor(), item)
    return jsonify(item=item_json(item))


@route("/plans/overlaps", {"get": op("Overlaps between plan items (all=1: resolved too)", TAG)})
def plan_overlaps() -> ResponseReturnValue:
    session = work_session()
    rows = visible_overlaps(session, current_actor(), only_open=not request.args.get("all"))
    audit("plan.overlaps", total=len(rows), channel="api")
    return jsonify(overlaps=[overlap_json(o) for o in rows])


@route(
    "/plans/overlaps/<int:overlap_id>/resolve",
    {"post": op("The Commission's decision on an overlap", TAG, body={"resolution": STR})},
)
def plan_resolve(overlap_id: int) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    overlap = session.get(PlanOverlap, overlap_id)
    if overlap is None or overlap not in visible_overlaps(session, user, only_open=False):
        abort(404)
    data = json_body()
    plan_ops.resolve(session, user, overlap, str(data.get("resolution", "")))
    return jsonify(overlap_json(overlap))
