"""Inspection and supervision plans: one calendar of every body's items within the access
rules, registering an item, its overlaps, approval, and the Commission's list of overlaps."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from indexer.normalize import fold
from records.calendar import local_today
from records.codes import levels_up_to
from records.coordination import plans as plan_ops
from records.models import Agency, PlanItem, PlanOverlap
from records.policy import (
    PlanAction,
    can_plan,
    can_register_plan,
    can_resolve_overlaps,
)
from webapp.actor import current_actor
from webapp.auditing import audit
from webapp.blueprints.cases import attempt
from webapp.features.casework import require_date, work_session
from webapp.features.plans import load_plan, visible_overlaps, year_items

bp = Blueprint("plans", __name__)

PLAN_KINDS = {"thanh_tra": _l("Thanh tra"), "kiem_tra": _l("Kiểm tra"), "giam_sat": _l("Giám sát")}
PLAN_STATUSES = {"draft": _l("Dự kiến"), "approved": _l("Đã phê duyệt")}
OVERLAP_REASONS = {
    "unit": _l("Cùng đơn vị, trùng thời gian"),
    "subject": _l("Cùng đơn vị, cùng nội dung"),
}


@bp.get("/plans")
def index() -> ResponseReturnValue:
    """The calendar: every visible item of the year as a bar over its months."""
    session = work_session()
    user = current_actor()
    year = request.args.get("year", local_today().year, type=int)
    agency_code = request.args.get("agency", "")
    items = year_items(session, user, year, agency_code)
    flagged = {
        item_id
        for overlap in visible_overlaps(session, user, only_open=True)
        for item_id in (overlap.first_id, overlap.second_id)
    }
    audit("plan.list", year=year, agency=agency_code, total=len(items))
    return render_template(
        "plans/index.html",
        items=items,
        flagged=flagged,
        year=year,
        agency_code=agency_code,
        agencies=list(session.scalars(select(Agency).where(Agency.coordinating.is_(True)))),
        can_register=can_register_plan(user),
        can_resolve=can_resolve_overlaps(user),
    )


@bp.route("/plans/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if not can_register_plan(user):
        abort(403)
    form = request.form
    if request.method == "POST":

        def operation() -> PlanItem:
            start = require_date(form.get("period_start"), "period_start")
            return plan_ops.register(
                session,
                user,
                year=start.year,
                unit_name=form.get("unit_name", ""),
                subject=form.get("subject", ""),
                period_start=start,
                period_end=require_date(form.get("period_end"), "period_end"),
                team=form.get("team", ""),
                kind=form.get("kind", "thanh_tra"),
                confidentiality=form.get("confidentiality") or "thuong",
                fold=fold,
            )

        ok, created = attempt(session, operation)
        if ok and created is not None:
            flash(_("Đã đăng ký nội dung kế hoạch."), "success")
            return redirect(url_for("plans.show", item_id=created.id))
    return render_template(
        "plans/form.html",
        form=form,
        units=list(session.scalars(select(Agency).order_by(Agency.name))),
        levels=levels_up_to(user.clearance),
    )


@bp.get("/plans/<int:item_id>")
def show(item_id: int) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    item = load_plan(session, item_id)
    overlaps = [
        o
        for o in visible_overlaps(session, user, only_open=False)
        if item.id in (o.first_id, o.second_id)
    ]
    audit("plan.view", object_type="plan", object_id=item.id, level=item.confidentiality)
    return render_template(
        "plans/show.html",
        item=item,
        overlaps=overlaps,
        can_approve=item.status == "draft" and can_plan(user, PlanAction.APPROVE, item),
        can_withdraw=item.status == "draft" and can_plan(user, PlanAction.EDIT, item),
        can_resolve=can_resolve_overlaps(user),
    )


@bp.post("/plans/<int:item_id>/approve")
def approve(item_id: int) -> ResponseReturnValue:
    session = work_session()
    item = load_plan(session, item_id)
    ok, _none = attempt(session, lambda: plan_ops.approve(session, current_actor(), item))
    if ok:
        flash(_("Đã phê duyệt nội dung kế hoạch."), "success")
    return redirect(url_for("plans.show", item_id=item.id))


@bp.post("/plans/<int:item_id>/withdraw")
def withdraw(item_id: int) -> ResponseReturnValue:
    session = work_session()
    item = load_plan(session, item_id)
    year = item.year
    ok, _none = attempt(session, lambda: plan_ops.withdraw(session, current_actor(), item))
    if ok:
        flash(_("Đã rút nội dung khỏi kế hoạch."), "success")
        return redirect(url_for("plans.index", year=year))
    return redirect(url_for("plans.show", item_id=item_id))


@bp.get("/plans/overlaps")
def overlaps() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    rows = visible_overlaps(session, user, only_open=not request.args.get("all"))
    audit("plan.overlaps", total=len(rows))
    return render_template(
        "plans/overlaps.html",
        overlaps=rows,
        can_resolve=can_resolve_overlaps(user),
        show_all=bool(request.args.get("all")),
    )


@bp.post("/plans/overlaps/<int:overlap_id>/resolve")
def resolve(overlap_id: int) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    overlap = session.get(PlanOverlap, overlap_id)
    if overlap is None or overlap not in visible_overlaps(session, user, only_open=False):
        abort(404)
    text = request.form.get("resolution", "")
    ok, _none = attempt(session, lambda: plan_ops.resolve(session, user, overlap, text))
    if ok:
        flash(_("Đã ghi hướng xử lý chồng chéo."), "success")
    return redirect(request.referrer or url_for("plans.overlaps"))
