"""Coordination meetings (giao ban) and their follow-up tasks: the lists, scheduling, the
agenda drafted from the period's figures, attendance, minutes, conclusions, the report to
the Standing Committee, and each body's tasks."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from records.calendar import local_today
from records.codes import levels_up_to
from records.coordination import meetings as meeting_ops
from records.errors import RuleError
from records.models import Document, FollowUp, Meeting
from records.policy import (
    FollowUpAction,
    MeetingAction,
    can_follow_up,
    can_meeting,
    can_schedule,
    follow_up_clause,
    meeting_clause,
    scorecard_agency_ids,
    visible_ids,
)
from webapp.actor import current_actor
from webapp.auditing import audit
from webapp.blueprints.cases import PAGE_SIZE, attempt
from webapp.features.casework import (
    agencies_by_code,
    agency_by_code,
    current_agencies,
    parse_date,
    parse_int,
    receive_files,
    require_date,
    visible_document,
    work_session,
    working_calendar,
)
from webapp.features.meetings import load_follow_up, load_meeting, visible_tasks
from webapp.labels import message
from webapp.reporting.docx_report import render
from webapp.reporting.meeting_report import compose
from webapp.services import services

bp = Blueprint("meetings", __name__)

MEETING_KINDS = {"periodic": _l("Định kỳ"), "ad_hoc": _l("Đột xuất")}
MEETING_STATUSES = {
    "planned": _l("Đã lên lịch"),
    "held": _l("Đã họp"),
    "cancelled": _l("Đã hủy"),
}
FOLLOW_UP_STATUSES = {
    "open": _l("Đang thực hiện"),
    "overdue": _l("Quá hạn"),
    "done": _l("Đã thực hiện"),
    "cancelled": _l("Đã hủy"),
}


@bp.get("/meetings")
def index() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    query = select(Meeting).where(meeting_clause(user))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = max(1, request.args.get("page", 1, type=int))
    rows = session.scalars(
        query.order_by(Meeting.held_on.desc(), Meeting.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    audit("meeting.list", total=total)
    return render_template(
        "meetings/index.html",
        items=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        can_schedule=can_schedule(user),
        can_scorecard=bool(scorecard_agency_ids(user, [user.agency])),
    )


@bp.route("/meetings/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if not can_schedule(user):
        abort(403)
    form = request.form
    if request.method == "POST":

        def operation() -> Meeting:
            return meeting_ops.schedule(
                session,
                user,
                title=form.get("title", ""),
                kind=form.get("kind", "periodic"),
                held_on=require_date(form.get("held_on"), "held_on"),
                place=form.get("place", ""),
                period_start=require_date(form.get("period_start"), "period_start"),
                period_end=require_date(form.get("period_end"), "period_end"),
                bodies=agencies_by_code(session, form.getlist("bodies")),
                confidentiality=form.get("confidentiality") or "thuong",
            )

        ok, created = attempt(session, operation)
        if ok and created is not None:
            flash(_("Đã lên lịch giao ban."), "success")
            return redirect(url_for("meetings.show", meeting_id=created.id))
    return render_template(
        "meetings/form.html",
        form=form,
        agencies=[a for a in current_agencies(session) if a.id != user.agency_id],
        levels=levels_up_to(user.clearance),
    )


def _show(session: Session, meeting: Meeting, draft: str | None = None) -> ResponseReturnValue:
    user = current_actor()
    today = local_today()
    calendar = working_calendar(session)
    tasks = visible_tasks(session, user, meeting)
    minutes = None
    if meeting.minutes_document_id and visible_ids(
        session, user, "document", [meeting.minutes_document_id]
    ):
        minutes = session.get(Document, meeting.minutes_document_id)
    audit(
        "meeting.view", object_type="meeting", object_id=meeting.id, level=meeting.confidentiality
    )
    return render_template(
        "meetings/show.html",
        item=meeting,
        tasks=tasks,
        late_days={t.id: meeting_ops.overdue_working_days(t, calendar, today) for t in tasks},
        minutes=minutes,
        draft=draft,
        can_manage=can_meeting(user, MeetingAction.MANAGE, meeting),
        assignable=[meeting.chair_agency, *(b.agency for b in meeting.bodies)],
        default_days=meeting_ops.DEFAULT_WORKING_DAYS,
        today=today,
    )


@bp.get("/meetings/<int:meeting_id>")
def show(meeting_id: int) -> ResponseReturnValue:
    session = work_session()
    return _show(session, load_meeting(session, meeting_id))


@bp.post("/meetings/<int:meeting_id>/agenda/draft")
def draft(meeting_id: int) -> ResponseReturnValue:
    """Show the agenda drafted from the period's figures in the editor (not saved yet)."""
    session = work_session()
    meeting = load_meeting(session, meeting_id)
    ok, sections = attempt(
        session,
        lambda: meeting_ops.draft_agenda(
            session, current_actor(), meeting, working_calendar(session), local_today()
        ),
    )
    return _show(session, meeting, meeting_ops.agenda_text(sections) if ok and sections else None)


@bp.post("/meetings/<int:meeting_id>/agenda")
def agenda(meeting_id: int) -> ResponseReturnValue:
    session = work_session()
    meeting = load_meeting(session, meeting_id)
    text = request.form.get("agenda", "")
    ok, _none = attempt(
        session, lambda: meeting_ops.set_agenda(session, current_actor(), meeting, text)
    )
    if ok:
        flash(_("Đã lưu chương trình giao ban."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="agenda"))


@bp.post("/meetings/<int:meeting_id>/attendance")
def attendance(meeting_id: int) -> ResponseReturnValue:
    session = work_session()
    meeting = load_meeting(session, meeting_id)
    form = request.form
    present = {
        body.agency_id: form.get(f"attendee_{body.agency.code}", "")
        for body in meeting.bodies
        if form.get(f"present_{body.agency.code}")
    }
    ok, _none = attempt(
        session, lambda: meeting_ops.record_attendance(session, current_actor(), meeting, present)
    )
    if ok:
        flash(_("Đã ghi thành phần tham dự."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


@bp.post("/meetings/<int:meeting_id>/minutes")
def minutes(meeting_id: int) -> ResponseReturnValue:
    """The minutes: a file uploaded now or a document of the Commission already in hoso."""
    session = work_session()
    meeting = load_meeting(session, meeting_id)
    form = request.form

    def operation() -> None:
        reference = form.get("document", "").strip()
        if reference:
            document = visible_document(session, reference)
        else:
            uploaded = receive_files(
                session, request.files.getlist("file")[:1], meeting.confidentiality
            )
            if not uploaded:
                raise RuleError("meeting.minutes_required")
            document = uploaded[0]
        meeting_ops.attach_minutes(session, current_actor(), meeting, document)

    ok, _none = attempt(session, operation)
    if ok:
        flash(_("Đã lưu biên bản giao ban."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


@bp.post("/meetings/<int:meeting_id>/follow-ups")
def conclude(meeting_id: int) -> ResponseReturnValue:
    session = work_session()
    meeting = load_meeting(session, meeting_id)
    form = request.form

    def operation() -> FollowUp:
        days = form.get("working_days", "").strip()
        return meeting_ops.conclude(
            session,
            current_actor(),
            meeting,
            agency=agency_by_code(session, form.get("agency"), "agency"),
            task=form.get("task", ""),
            working_days=parse_int(days, "working_days") if days else None,
            due_date=parse_date(form.get("due_date"), "due_date", required=False),
        )

    ok, _none = attempt(session, operation)
    if ok:
        flash(_("Đã giao nhiệm vụ."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="follow-ups"))


@bp.get("/meetings/<int:meeting_id>/report.docx")
def report(meeting_id: int) -> ResponseReturnValue:
    """The report to the Standing Committee (the Commission's staff who manage meetings)."""
    session = work_session()
    user = current_actor()
    meeting = load_meeting(session, meeting_id)
    if not can_meeting(user, MeetingAction.MANAGE, meeting):
        abort(403)
    province = request.args.get("province", "").strip() or services().settings.province
    if not province:
        flash(message(RuleError("report.province_required")), "error")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    today = local_today()
    with force_locale("vi"):
        body = render(
            compose(meeting, user.agency, visible_tasks(session, user, meeting), province, today)
        )
    audit("meeting.report", object_type="meeting", object_id=meeting.id,
          level=meeting.confidentiality)  # fmt: skip
    return Response(
        body,
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="giao-ban-{meeting.id}.docx"'},
    )


# -- follow-up tasks ------------------------------------------------------------------------
@bp.get("/follow-ups")
def follow_ups() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    today = local_today()
    query = select(FollowUp).where(follow_up_clause(user))
    state = request.args.get("state", "")
    if state == "overdue":
        query = query.where(FollowUp.status == "open", FollowUp.due_date < today)
    elif state in ("open", "done", "cancelled"):
        query = query.where(FollowUp.status == state)
    if request.args.get("mine"):
        query = query.where(FollowUp.agency_id == user.agency_id)
    rows = session.scalars(query.order_by(FollowUp.due_date, FollowUp.id).limit(500)).all()
    calendar = working_calendar(session)
    audit("follow_up.list", state=state, total=len(rows))
    return render_template(
        "meetings/follow_ups.html",
        tasks=rows,
        late_days={t.id: meeting_ops.overdue_working_days(t, calendar, today) for t in rows},
        filters=request.args,
        today=today,
    )


@bp.get("/follow-ups/<int:task_id>")
def follow_up(task_id: int) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    task = load_follow_up(session, task_id)
    today = local_today()
    audit("follow_up.view", object_type="follow_up", object_id=task.id,
          level=task.meeting.confidentiality)  # fmt: skip
    return render_template(
        "meetings/follow_up.html",
        task=task,
        meeting_visible=can_meeting(user, MeetingAction.SEE, task.meeting),
        late_days=meeting_ops.overdue_working_days(task, working_calendar(session), today),
        can_complete=task.is_open and can_follow_up(user, FollowUpAction.COMPLETE, task),
        can_manage=task.is_open and can_follow_up(user, FollowUpAction.MANAGE, task),
        today=today,
    )


@bp.post("/follow-ups/<int:task_id>/<action>")
def follow_up_action(task_id: int, action: str) -> ResponseReturnValue:
    session = work_session()
    task = load_follow_up(session, task_id)
    form = request.form
    operations = {
        "complete": lambda: meeting_ops.complete(
            session, current_actor(), task, form.get("note", "")
        ),
        "due": lambda: meeting_ops.change_due(
            session,
            current_actor(),
            task,
            require_date(form.get("due_date"), "due_date"),
            form.get("reason", ""),
        ),
        "cancel": lambda: meeting_ops.cancel(
            session, current_actor(), task, form.get("reason", "")
        ),
    }
    if action not in operations:
        abort(404)
    ok, _none = attempt(session, operations[action])
    if ok:
        flash(_("Đã cập nhật nhiệm vụ."), "success")
    return redirect(url_for("meetings.follow_up", task_id=task.id))
