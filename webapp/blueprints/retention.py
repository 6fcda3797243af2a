"""Retention pages: the schedule, legal holds, disposal lists and the trash."""

from __future__ import annotations

from datetime import date
from functools import partial

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from indexer import unit_of_work
from jobs.retention import enqueue_execution
from records import policy
from records.calendar import local_today
from records.codes import DOC_TYPES
from records.errors import RuleError
from records.models import (
    Case,
    DisposalItem,
    DisposalList,
    Document,
    LegalHold,
    RetentionStart,
    User,
)
from records.policy import Action
from records.retention import disposal, holds, schedule, starts, trash
from webapp.auditing import audit, deny
from webapp.db_session import db_session
from webapp.features.denouncers import shown_filename
from webapp.labels import message
from webapp.paging import Page, page_number
from webapp.services import services

bp = Blueprint("retention", __name__, url_prefix="/retention")

PER_PAGE = 100


def _archivist_or_403() -> None:
    if not policy.can_manage_retention(current_user):
        deny("retention.denied", object_type="retention", path=request.path)


def _document_or_404(document_id: int) -> Document:
    document = db_session().get(Document, document_id)
    if document is None:
        abort(404)
    return document


def _years(value: str | None) -> int | None:
    """A period from a form: "permanent" or a number of years."""
    if value in (None, "", "permanent"):
        return None
    try:
        return int(value)
    except ValueError:
        raise RuleError("retention.years_invalid", maximum=schedule.MAX_YEARS) from None


def _refused(err: RuleError, endpoint: str, **values: object) -> ResponseReturnValue:
    db_session().rollback()
    flash(message(err), "error")
    return redirect(url_for(endpoint, **values), code=303)


# -- schedule -----------------------------------------------------------------------------
@bp.get("/schedule")
def schedule_page() -> ResponseReturnValue:
    _archivist_or_403()
    session = db_session()
    rules = schedule.rules(session)
    audit("retention.schedule.view", object_type="retention")
    return render_template(
        "retention/schedule.html", rules=rules, doc_types=DOC_TYPES, periods=schedule.PERIODS
    )


@bp.post("/schedule")
def schedule_save() -> ResponseReturnValue:
    _archivist_or_403()
    session = db_session()
    try:
        doc_type = request.form.get("doc_type", "")
        schedule.set_rule(
            session,
            current_user,
            doc_type,
            _years(request.form.get("years")),
            request.form.get("basis", ""),
        )
    except RuleError as err:
        return _refused(err, "retention.schedule_page")
    flash(_("Đã lưu thời hạn bảo quản."), "success")
    return redirect(url_for("retention.schedule_page"), code=303)


# -- one document: hold and own period ----------------------------------------------------
@bp.get("/documents/<int:document_id>/hold")
def document_hold(document_id: int) -> ResponseReturnValue:
    document = _document_or_404(document_id)
    if not policy.can_retain(current_user, Action.HOLD, document):
        deny("retention.hold", object_type="document", object_id=document_id, answer=404)
    session = db_session()
    years, own = schedule.period_of(session, document)
    active = session.scalars(
        select(LegalHold).where(
            LegalHold.document_id == document.id, LegalHold.released_at.is_(None)
        )
    ).all()
    audit(
        "retention.document.view", object_type="document", object_id=document.id,
        level=document.confidentiality,
    )  # fmt: skip
    return render_template(
        "retention/document.html",
        document=document,
        readable=policy.may_see(current_user, document),
        years=years,
        own=own,
        start=session.get(RetentionStart, document.id),
        proposal=starts.proposals(session, [document])[document.id],
        latest_start=starts.latest_start(local_today()),
        due=schedule.due_date(session, document),
        held=holds.is_held(session, document.id),
        active=active,
        periods=schedule.PERIODS,
    )


@bp.post("/documents/<int:document_id>/hold")
def hold_document(document_id: int) -> ResponseReturnValue:
    document = _document_or_404(document_id)
    session = db_session()
    try:
        holds.hold_document(session, current_user, document, request.form.get("reason", ""))
    except RuleError as err:
        if err.code == "not_allowed":
            abort(404)
        return _refused(err, "retention.document_hold", document_id=document_id)
    flash(_("Đã đặt lệnh tạm giữ, tài liệu sẽ không bị hủy."), "success")
    return redirect(url_for("retention.document_hold", document_id=document_id), code=303)


@bp.post("/documents/<int:document_id>/period")
def document_period(document_id: int) -> ResponseReturnValue:
    document = _document_or_404(document_id)
    if not policy.can_retain(current_user, Action.HOLD, document):
        abort(404)
    session = db_session()
    try:
        if request.form.get("clear"):
            schedule.clear_override(session, current_user, document)
        else:
            schedule.set_override(
                session,
                current_user,
                document,
                _years(request.form.get("years")),
                request.form.get("reason", ""),
            )
    except RuleError as err:
        return _refused(err, "retention.document_hold", document_id=document_id)
    flash(_("Đã lưu thời hạn bảo quản của tài liệu."), "success")
    return redirect(url_for("retention.document_hold", document_id=document_id), code=303)


@bp.post("/documents/<int:document_id>/start")
def document_start(document_id: int) -> ResponseReturnValue:
    """Confirm (or correct) the day the document's retention period starts."""
    document = _document_or_404(document_id)
    if not policy.can_retain(current_user, Action.HOLD, document):
        abort(404)
    session = db_session()
    back = request.form.get("from") == "starts"
    endpoint, values = (
        ("retention.starts_page", {})
        if back
        else ("retention.document_hold", {"document_id": document_id})
    )
    try:
        starts.confirm(
            session,
            current_user,
            document,
            _day(request.form.get("starts_on")),
            local_today(),
            request.form.get("note", ""),
        )
    except RuleError as err:
        return _refused(err, endpoint, **values)
    flash(_("Đã xác nhận ngày bắt đầu tính thời hạn bảo quản."), "success")
    return redirect(url_for(endpoint, **values), code=303)


def _day(value: str | None) -> date:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        raise RuleError("retention.start_invalid") from None


# -- retention starts awaiting confirmation ---------------------------------------------------
@bp.get("/starts")
def starts_page() -> ResponseReturnValue:
    _archivist_or_403()
    session = db_session()
    query = (
        select(Document)
        .where(starts.awaiting_clause(current_user, local_today()))
        .options(selectinload(Document.owner_agency))
        .order_by(Document.id)
    )
    page = Page.from_query(session, query, page_number(), PER_PAGE)
    ids = [document.id for document in page.items]
    audit("retention.starts.view", object_type="retention", page=page.number, shown=len(ids))
    return render_template(
        "retention/starts.html",
        page=page,
        proposals=starts.proposals(session, page.items),
        readable=policy.visible_document_ids(session, current_user, ids),
        latest_start=starts.latest_start(local_today()),
    )


@bp.post("/starts")
def confirm_proposed_starts() -> ResponseReturnValue:
    """Confirm hoso's proposed start for the documents ticked on the page."""
    _archivist_or_403()
    session = db_session()
    try:
        ids = [int(value) for value in request.form.getlist("document_id")]
    except ValueError:
        abort(400)
    documents = session.scalars(
        select(Document)
        .where(Document.id.in_(ids), starts.awaiting_clause(current_user, local_today()))
        .order_by(Document.id)
    ).all()
    try:
        done = starts.confirm_proposed(session, current_user, documents, local_today())
    except RuleError as err:
        return _refused(err, "retention.starts_page")
    flash(_("Đã xác nhận ngày bắt đầu của %(n)s tài liệu.", n=done), "success")
    return redirect(url_for("retention.starts_page"), code=303)


# -- holds ----------------------------------------------------------------------------------
@bp.get("/holds")
def holds_page() -> ResponseReturnValue:
    _archivist_or_403()
    session = db_session()
    active = session.scalars(
        select(LegalHold)
        .where(LegalHold.released_at.is_(None), policy.hold_clause(current_user))
        .order_by(LegalHold.id.desc())
    ).all()
    case_ids = [hold.case_id for hold in active if hold.case_id]
    cases = {c.id: c for c in session.scalars(select(Case).where(Case.id.in_(case_ids)))}
    users = _users(session, [h.placed_by_id for h in active])
    audit("retention.holds.view", object_type="retention", shown=len(active))
    return render_template("retention/holds.html", holds=active, cases=cases, users=users)


@bp.post("/holds/case")
def hold_case() -> ResponseReturnValue:
    _archivist_or_403()
    session = db_session()
    case = session.scalar(select(Case).where(Case.code == request.form.get("case", "").strip()))
    if case is None or not policy.can_hold_case(current_user, case):
        flash(_("Không tìm thấy vụ việc có mã này."), "error")
        return redirect(url_for("retention.holds_page"), code=303)
    try:
        holds.hold_case(session, current_user, case, request.form.get("reason", ""))
    except RuleError as err:
        return _refused(err, "retention.holds_page")
    flash(_("Đã đặt lệnh tạm giữ mọi tài liệu của vụ việc %(code)s.", code=case.code), "success")
    return redirect(url_for("retention.holds_page"), code=303)


@bp.post("/holds/<int:hold_id>/release")
def release_hold(hold_id: int) -> ResponseReturnValue:
    session = db_session()
    hold = session.get(LegalHold, hold_id)
    if hold is None:
        abort(404)
    try:
        holds.release(session, current_user, hold, request.form.get("reason", ""))
    except RuleError as err:
        if err.code == "not_allowed":
            abort(404)
        return _refused(err, "retention.holds_page")
    flash(_("Đã gỡ lệnh tạm giữ."), "success")
    if hold.document_id is not None and request.form.get("from") == "document":
        return redirect(url_for("retention.document_hold", document_id=hold.document_id), code=303)
    return redirect(url_for("retention.holds_page"), code=303)


# -- disposal lists -------------------------------------------------------------------------
@bp.get("/disposals")
def disposals() -> ResponseReturnValue:
    _archivist_or_403()
    session = db_session()
    query = select(DisposalList).order_by(DisposalList.id.desc())
    page = Page.from_query(session, query, page_number(), PER_PAGE)
    audit("disposal.list", object_type="retention", page=page.number)
    return render_template("retention/disposals.html", page=page)


@bp.post("/disposals/propose")
def propose() -> ResponseReturnValue:
    _archivist_or_403()
    session = db_session()
    draft = disposal.propose(session, current_user, local_today(), services().settings.trash_days)
    if draft is None:
        flash(_("Không có tài liệu nào đến hạn hủy."), "success")
        return redirect(url_for("retention.disposals"), code=303)
    return redirect(url_for("retention.disposal_page", list_id=draft.id), code=303)


def _list_or_404(list_id: int) -> DisposalList:
    _archivist_or_403()
    found = db_session().get(DisposalList, list_id)
    if found is None:
        abort(404)
    return found


@bp.get("/disposals/<int:list_id>")
def disposal_page(list_id: int) -> ResponseReturnValue:
    found = _list_or_404(list_id)
    session = db_session()
    items = session.scalars(
        select(DisposalItem)
        .where(DisposalItem.list_id == found.id)
        .order_by(DisposalItem.document_id)
    ).all()
    ids = [item.document_id for item in items]
    documents = {
        d.id: d
        for d in session.scalars(
            select(Document)
            .where(Document.id.in_(ids))
            .options(selectinload(Document.owner_agency))
        )
    }
    readable = policy.visible_document_ids(session, current_user, ids)
    due = schedule.due_dates(session, list(documents.values()))
    confirmed = starts.confirmed(session, ids)
    users = _users(session, [found.created_by_id, found.approved_by_id])
    audit("disposal.view", object_type="disposal_list", object_id=found.id, shown=len(items))
    return render_template(
        "retention/disposal.html",
        disposal=found,
        items=items,
        documents=documents,
        readable=readable,
        due=due,
        confirmed=confirmed,
        users=users,
    )


@bp.post("/disposals/<int:list_id>/remove")
def remove_item(list_id: int) -> ResponseReturnValue:
    found = _list_or_404(list_id)
    session = db_session()
    try:
        document_id = int(request.form.get("document_id", ""))
        disposal.remove_item(
            session, current_user, found, document_id, request.form.get("reason", "")
        )
    except ValueError:
        abort(400)
    except RuleError as err:
        return _refused(err, "retention.disposal_page", list_id=list_id)
    flash(_("Đã đưa tài liệu ra khỏi danh sách hủy."), "success")
    return redirect(url_for("retention.disposal_page", list_id=list_id), code=303)


@bp.post("/disposals/<int:list_id>/approve")
def approve(list_id: int) -> ResponseReturnValue:
    found = _list_or_404(list_id)
    session = db_session()
    try:
        disposal.approve(session, current_user, found)
    except RuleError as err:
        return _refused(err, "retention.disposal_page", list_id=list_id)
    unit_of_work.on_commit(session, partial(_execute, found.id))
    return redirect(url_for("retention.disposal_page", list_id=list_id), code=303)


def _execute(list_id: int) -> None:
    """Queue the execution of an approved list (its approval is committed)."""
    if enqueue_execution(list_id):
        flash(_("Đã duyệt danh sách; việc hủy tài liệu đang được thực hiện."), "success")
    else:
        flash(
            _(
                "Đã duyệt danh sách; hàng đợi đang tạm ngừng, "
                "việc hủy sẽ chạy khi hàng đợi hoạt động lại."
            )
        )


# -- trash ----------------------------------------------------------------------------------
@bp.route("/documents/<int:document_id>/trash", methods=["GET", "POST"])
def trash_document(document_id: int) -> ResponseReturnValue:
    session = db_session()
    document = session.scalar(
        select(Document).where(Document.id == document_id, policy.document_clause(current_user))
    )
    if document is None or not policy.can(current_user, Action.TRASH, document):
        deny(
            "document.trash",
            object_type="document",
            object_id=document_id,
            answer=404 if document is None else 403,
        )
    if request.method == "GET":
        return render_template(
            "retention/trash_confirm.html", document=document, days=services().settings.trash_days
        )
    trash.move_to_trash(session, current_user, document, request.form.get("reason", ""))
    flash(
        _(
            "Đã chuyển “%(name)s” vào thùng rác.",
            name=shown_filename(db_session(), current_user, document),
        ),
        "success",
    )
    return redirect(url_for("retention.trash_page"), code=303)


@bp.get("/trash")
def trash_page() -> ResponseReturnValue:
    session = db_session()
    query = (
        select(Document)
        .where(policy.trash_clause(current_user))
        .options(selectinload(Document.owner_agency))
        .order_by(Document.trashed_at.desc())
    )
    page = Page.from_query(session, query, page_number(), PER_PAGE)
    days = services().settings.trash_days
    audit("trash.list", object_type="retention", page=page.number, shown=len(page.items))
    return render_template(
        "retention/trash.html",
        page=page,
        days=days,
        ends={d.id: trash.grace_ends(d, days) for d in page.items},
        users=_users(session, [d.trashed_by_id for d in page.items]),
    )


@bp.post("/trash/<int:document_id>/restore")
def restore(document_id: int) -> ResponseReturnValue:
    session = db_session()
    document = _document_or_404(document_id)
    try:
        trash.restore(session, current_user, document, services().settings.trash_days)
    except RuleError as err:
        if err.code == "not_allowed":
            deny(
                "document.restore",
                object_type="document",
                object_id=document_id,
                answer=404,
            )
        return _refused(err, "retention.trash_page")
    flash(
        _("Đã khôi phục “%(name)s”.", name=shown_filename(db_session(), current_user, document)),
        "success",
    )
    return redirect(url_for("retention.trash_page"), code=303)


def _users(session: Session, ids: list[int | None]) -> dict[int, str]:
    """Display names of the people who placed, trashed, drew up or approved something."""
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    rows = session.execute(
        select(User.id, User.full_name, User.username).where(User.id.in_(wanted))
    )
    return {uid: name or username for uid, name, username in rows}
