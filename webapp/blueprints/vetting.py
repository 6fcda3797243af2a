"""Cadre vetting pages: the list, asking bodies about a cadre, each asked body's candidate
records and answer, the answers for the asking body's leaders."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from indexer.vetting_search import find_candidates
from records.calendar import local_today
from records.coordination import vetting as vetting_ops
from records.models import Document, VettingAnswer, VettingRequest
from records.policy import (
    VettingAction,
    can_ask_vetting,
    can_read_answer,
    can_vetting,
    vetting_clause,
    vetting_levels,
    visible_ids,
)
from webapp.actor import current_actor
from webapp.auditing import audit
from webapp.blueprints.cases import PAGE_SIZE, attempt
from webapp.features.casework import (
    agencies_by_code,
    current_agencies,
    parse_date,
    visible_document,
    work_session,
    working_calendar,
)
from webapp.features.vetting import load_vetting, shown_matches
from webapp.services import services

bp = Blueprint("vetting", __name__)

VETTING_STATUSES = {
    "open": _l("Đang lấy ý kiến"),
    "answered": _l("Đã đủ ý kiến"),
    "withdrawn": _l("Đã rút"),
}
ANSWER_STATUSES = {
    "open": _l("Chưa trả lời"),
    "answered": _l("Đã trả lời"),
    "withdrawn": _l("Đã rút"),
}
FINDINGS = {
    "none": _l("Không có thông tin vi phạm, đơn thư, vụ việc"),
    "found": _l("Có thông tin liên quan"),
}
MATCH_REASONS = {
    "name": _l("họ tên"),
    "birth_year": _l("năm sinh"),
    "id_number": _l("số định danh"),
    "unit": _l("đơn vị công tác"),
}
MATCH_STATES = {
    "candidate": _l("Chưa xác định"),
    "confirmed": _l("Đúng là cán bộ này"),
    "dismissed": _l("Không phải"),
}
MATCH_LINKS = {
    "petition": ("petitions.show", "petition_id"),
    "case": ("cases.show", "case_id"),
    "document": ("search.document", "document_id"),
}


@bp.get("/vetting")
def index() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    query = select(VettingRequest).where(vetting_clause(user))
    state = request.args.get("state", "")
    if state in VETTING_STATUSES:
        query = query.where(VettingRequest.status == state)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = max(1, request.args.get("page", 1, type=int))
    rows = session.scalars(
        query.order_by(VettingRequest.due_date.desc(), VettingRequest.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    audit("vetting.list", state=state, total=total)
    return render_template(
        "vetting/index.html",
        items=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        filters=request.args,
        today=local_today(),
        can_ask=can_ask_vetting(user),
    )


@bp.route("/vetting/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if not can_ask_vetting(user):
        abort(403)
    form = request.form
    if request.method == "POST":

        def operation() -> VettingRequest:
            reference = form.get("document", "").strip()
            return vetting_ops.create_request(
                session,
                user,
                cadre_name=form.get("cadre_name", ""),
                birth_date=parse_date(form.get("birth_date"), "birth_date", required=False),
                bodies=agencies_by_code(session, form.getlist("bodies")),
                position=form.get("position", ""),
                unit=form.get("unit", ""),
                id_number=form.get("id_number", ""),
                purpose=form.get("purpose", ""),
                due_date=parse_date(form.get("due_date"), "due_date", required=False),
                confidentiality=form.get("confidentiality") or None,
                document=visible_document(session, reference) if reference else None,
            )

        ok, created = attempt(session, operation)
        if ok and created is not None:
            flash(_("Đã gửi đề nghị thẩm định cán bộ."), "success")
            return redirect(url_for("vetting.show", request_id=created.id))
    return render_template(
        "vetting/form.html",
        form=form,
        agencies=[a for a in current_agencies(session) if a.id != user.agency_id],
        default_due=vetting_ops.default_due(working_calendar(session), local_today()),
        default_days=vetting_ops.DEFAULT_WORKING_DAYS,
        default_level=vetting_ops.DEFAULT_LEVEL,
        levels=vetting_levels(user),
        today=local_today(),
    )


@bp.get("/vetting/<int:request_id>")
def show(request_id: int) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    item = load_vetting(session, request_id)
    own = vetting_ops.answer_of(item, user.agency_id)
    document = session.get(Document, item.document_id) if item.document_id else None
    if document is not None and not visible_ids(session, user, "document", [document.id]):
        document = None
    audit("vetting.view", object_type="vetting", object_id=item.id, level=item.confidentiality)
    return render_template(
        "vetting/show.html",
        item=item,
        own=own,
        own_matches=shown_matches(session, user, own) if own is not None else [],
        readable={a.id for a in item.answers if can_read_answer(user, a)},
        document=document,
        can_answer=own is not None and own.is_open and item.is_open,
        can_manage=can_vetting(user, VettingAction.MANAGE, item) and item.is_open,
        today=local_today(),
    )


@bp.post("/vetting/<int:request_id>/search")
def search(request_id: int) -> ResponseReturnValue:
    session = work_session()
    item = load_vetting(session, request_id)
    svc = services()

    def operation() -> VettingAnswer:
        return find_candidates(session, svc.engine, svc.settings.index_alias, current_actor(), item)

    ok, own = attempt(session, operation)
    if ok and own is not None:
        flash(_("Đã đối chiếu hồ sơ của cơ quan: %(n)s kết quả.", n=len(own.matches)), "success")
    return redirect(url_for("vetting.show", request_id=item.id, _anchor="matches"))


@bp.post("/vetting/<int:request_id>/matches/<int:match_id>")
def decide(request_id: int, match_id: int) -> ResponseReturnValue:
    session = work_session()
    item = load_vetting(session, request_id)
    state = request.form.get("state", "")
    attempt(
        session, lambda: vetting_ops.decide_match(session, current_actor(), item, match_id, state)
    )
    return redirect(url_for("vetting.show", request_id=item.id, _anchor="matches"))


@bp.post("/vetting/<int:request_id>/answer")
def answer(request_id: int) -> ResponseReturnValue:
    session = work_session()
    item = load_vetting(session, request_id)
    text = request.form.get("text", "")
    ok, _none = attempt(session, lambda: vetting_ops.answer(session, current_actor(), item, text))
    if ok:
        flash(_("Đã gửi ý kiến thẩm định."), "success")
    return redirect(url_for("vetting.show", request_id=item.id))


@bp.post("/vetting/<int:request_id>/withdraw")
def withdraw(request_id: int) -> ResponseReturnValue:
    session = work_session()
    item = load_vetting(session, request_id)
    reason = request.form.get("reason", "")
    ok, _none = attempt(
        session, lambda: vetting_ops.withdraw(session, current_actor(), item, reason)
    )
    if ok:
        flash(_("Đã rút đề nghị thẩm định."), "success")
    return redirect(url_for("vetting.show", request_id=item.id))
