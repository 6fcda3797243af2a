"""Information requests between bodies: the list, asking, answering, assigning, withdrawing."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from records import requests as request_ops
from records.calendar import local_today
from records.codes import levels_up_to
from records.errors import RuleError
from records.models import Case, Document, InfoRequest, User
from records.policy import (
    Action,
    RequestAction,
    can_ask,
    can_case,
    can_request,
    case_clause,
    request_clause,
    visible_ids,
)
from webapp.actor import current_actor
from webapp.auditing import audit
from webapp.blueprints.cases import PAGE_SIZE, attempt
from webapp.features.casework import (
    agency_by_code,
    current_agencies,
    load_case,
    load_request,
    parse_date,
    parse_int,
    receive_files,
    require_date,
    visible_documents,
    work_session,
    working_calendar,
)
from webapp.paging import page_number

bp = Blueprint("requests", __name__)


@bp.get("/requests")
def index() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    args = request.args
    today = date.today()
    query = select(InfoRequest).where(request_clause(user))
    box = args.get("box", "")
    if box == "incoming":
        query = query.where(InfoRequest.to_agency_id == user.agency_id)
    elif box == "outgoing":
        query = query.where(InfoRequest.from_agency_id == user.agency_id)
    state = args.get("state", "")
    if state == "open":
        query = query.where(InfoRequest.status.in_(request_ops.OPEN_STATUSES))
    elif state == "overdue":
        query = query.where(request_ops.overdue_clause(today))
    elif state in request_ops.STATUSES:
        query = query.where(InfoRequest.status == state)
    if args.get("mine"):
        query = query.where(
            or_(InfoRequest.assignee_id == user.id, InfoRequest.created_by_id == user.id)
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = page_number()
    rows = session.scalars(
        query.order_by(InfoRequest.due_date, InfoRequest.id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    case_codes = dict(
        session.execute(
            select(Case.id, Case.code).where(
                Case.id.in_({r.case_id for r in rows if r.case_id}), case_clause(user)
            )
        ).all()
    )
    audit("request.list", box=box, state=state, total=total)
    return render_template(
        "requests/index.html",
        requests=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        filters=args,
        case_codes=case_codes,
        today=today,
        can_ask=can_ask(user),
    )


@bp.route("/requests/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if not can_ask(user):
        abort(403)
    form = request.form
    case_id = request.values.get("case_id", "")
    case = load_case(session, parse_int(case_id, "case_id")) if case_id else None
    if request.method == "POST":

        def operation() -> InfoRequest:
            return request_ops.create_request(
                session,
                user,
                to_agency=agency_by_code(session, form.get("to_agency"), "to_agency"),
                subject=form.get("subject", ""),
                details=form.get("details", ""),
                due_date=parse_date(form.get("due_date"), "due_date", required=False),
                case=case,
                confidentiality=form.get("confidentiality") or None,
            )

        ok, created = attempt(session, operation)
        if ok and created is not None:
            flash(_("Đã gửi yêu cầu cung cấp thông tin."), "success")
            return redirect(url_for("requests.show", request_id=created.id))
    return render_template(
        "requests/form.html",
        form=form,
        case=case,
        agencies=[a for a in current_agencies(session) if a.id != user.agency_id],
        default_due=request_ops.default_due(working_calendar(session), local_today()),
        default_days=request_ops.DEFAULT_WORKING_DAYS,
        levels=levels_up_to(user.clearance),
        today=date.today(),
    )


@bp.get("/requests/<int:request_id>")
def show(request_id: int) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    item = load_request(session, request_id)
    case = session.get(Case, item.case_id) if item.case_id else None
    document_ids = [link.document_id for link in item.documents]
    visible = visible_ids(session, user, "document", document_ids)
    documents = [
        d
        for d in session.scalars(select(Document).where(Document.id.in_(document_ids)))
        if str(d.id) in visible
    ]
    colleagues = (
        session.scalars(
            select(User).where(User.agency_id == item.to_agency_id, User.active.is_(True))
        ).all()
        if can_request(user, RequestAction.ASSIGN, item)
        else []
    )
    audit("request.view", object_type="request", object_id=item.id, level=item.confidentiality)
    return render_template(
        "requests/show.html",
        item=item,
        case=case if case is not None and can_case(user, Action.SEE, case) else None,
        documents=documents,
        hidden_documents=len(document_ids) - len(documents),
        can_answer=can_request(user, RequestAction.ANSWER, item) and item.is_open,
        can_manage=can_request(user, RequestAction.MANAGE, item) and item.is_open,
        colleagues=[c for c in colleagues if can_request(c, RequestAction.ANSWER, item)],
        can_attach_to_case=case is not None and can_case(user, Action.SHARE, case),
        levels=levels_up_to(user.clearance),
        today=date.today(),
    )


@bp.post("/requests/<int:request_id>/answer")
def answer(request_id: int) -> ResponseReturnValue:
    """Answer with text, documents already in hoso, and/or files uploaded now."""
    session = work_session()
    user = current_actor()
    item = load_request(session, request_id)
    form = request.form

    def operation() -> None:
        level = form.get("confidentiality") or item.confidentiality
        if level not in levels_up_to(user.clearance):
            raise RuleError("confidentiality_above_clearance", value=level)
        uploaded = receive_files(session, request.files.getlist("files"), level)
        existing = visible_documents(session, form.get("documents", "").replace(",", " ").split())
        request_ops.answer(session, user, item, form.get("text", ""), [*existing, *uploaded])

    ok, _none = attempt(session, operation)
    if ok:
        flash(_("Đã gửi trả lời."), "success")
    return redirect(url_for("requests.show", request_id=item.id))


@bp.post("/requests/<int:request_id>/assign")
def assign(request_id: int) -> ResponseReturnValue:
    session = work_session()
    item = load_request(session, request_id)
    assignee = session.get(User, parse_int(request.form.get("assignee", ""), "assignee"))
    if assignee is None:
        abort(400)
    ok, _none = attempt(
        session, lambda: request_ops.assign(session, current_actor(), item, assignee)
    )
    if ok:
        flash(_("Đã giao trả lời yêu cầu."), "success")
    return redirect(url_for("requests.show", request_id=item.id))


@bp.post("/requests/<int:request_id>/withdraw")
def withdraw(request_id: int) -> ResponseReturnValue:
    session = work_session()
    item = load_request(session, request_id)
    reason = request.form.get("reason", "")
    ok, _none = attempt(
        session, lambda: request_ops.withdraw(session, current_actor(), item, reason)
    )
    if ok:
        flash(_("Đã rút yêu cầu."), "success")
    return redirect(url_for("requests.show", request_id=item.id))


@bp.post("/requests/<int:request_id>/due")
def change_due(request_id: int) -> ResponseReturnValue:
    session = work_session()
    item = load_request(session, request_id)
    form = request.form

    def operation() -> None:
        request_ops.change_due(
            session,
            current_actor(),
            item,
            require_date(form.get("due_date"), "due_date"),
            form.get("reason", ""),
        )

    ok, _none = attempt(session, operation)
    if ok:
        flash(_("Đã đổi hạn trả lời."), "success")
    return redirect(url_for("requests.show", request_id=item.id))
