"""REST endpoints for coordination meetings and their follow-up tasks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import func, select

from records.calendar import local_today
from records.coordination import meetings as meeting_ops
from records.errors import RuleError
from records.models import FollowUp, Meeting
from records.policy import follow_up_clause, meeting_clause
from webapp.actor import current_actor
from webapp.api import route
from webapp.api.common import DATE, LEVEL, NONBLANK, STR, STRS, iso_day, json_body, limit_offset, op
from webapp.auditing import audit
from webapp.features.casework import (
    agencies_by_code,
    agency_by_code,
    parse_date,
    parse_int,
    require_date,
    visible_document,
    work_session,
    working_calendar,
)
from webapp.features.meetings import load_follow_up, load_meeting, visible_tasks

TAG = "meetings"
INT = {"type": "integer"}


def task_json(task: FollowUp) -> dict[str, Any]:
    today = local_today()
    calendar = working_calendar(work_session())
    return {
        "id": task.id,
        "meeting_id": task.meeting_id,
        "agency": task.agency.code,
        "task": task.task,
        "due_date": iso_day(task.due_date),
        "working_days": task.working_days,
        "status": task.status,
        "overdue": task.overdue_on(today),
        "overdue_working_days": meeting_ops.overdue_working_days(task, calendar, today),
        "done_note": task.done_note,
    }


def meeting_json(meeting: Meeting) -> dict[str, Any]:
    session = work_session()
    return {
        "id": meeting.id,
        "kind": meeting.kind,
        "title": meeting.title,
        "held_on": iso_day(meeting.held_on),
        "place": meeting.place,
        "period_start": iso_day(meeting.period_start),
        "period_end": iso_day(meeting.period_end),
        "confidentiality": meeting.confidentiality,
        "status": meeting.status,
        "agenda": meeting.agenda,
        "minutes_document_id": meeting.minutes_document_id,
        "bodies": [
            {"agency": b.agency.code, "attended": b.attended, "attendee": b.attendee}
            for b in meeting.bodies
        ],
        "follow_ups": [task_json(t) for t in visible_tasks(session, current_actor(), meeting)],
    }


@route(
    "/meetings",
    {
        "get": op("Coordination meetings the caller may see", TAG),
        "post": op(
            "Schedule a meeting chaired by the Commission (kind: periodic | ad_hoc)",
            TAG,
            body={
                "title": STR,
                "kind": STR,
                "held_on": DATE,
                "place": STR,
                "period_start": DATE,
                "period_end": DATE,
                "bodies": STRS,
                "confidentiality": LEVEL,
            },
            required=("title", "held_on", "period_start", "period_end"),
            ok="201",
        ),
    },
)
def meetings_collection() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if request.method == "POST":
        data = json_body()
        bodies = data.get("bodies") if isinstance(data.get("bodies"), list) else []
        meeting = meeting_ops.schedule(
            session,
            user,
            title=str(data.get("title", "")),
            kind=str(data.get("kind", "periodic")),
            held_on=require_date(data.get("held_on"), "held_on"),
            place=str(data.get("place", "")),
            period_start=require_date(data.get("period_start"), "period_start"),
            period_end=require_date(data.get("period_end"), "period_end"),
            bodies=agencies_by_code(session, [str(b) for b in bodies]),
            confidentiality=str(data.get("confidentiality") or "thuong"),
        )
        return jsonify(meeting_json(meeting)), 201
    query = select(Meeting).where(meeting_clause(user))
    limit, offset = limit_offset()
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(Meeting.held_on.desc()).limit(limit).offset(offset))
    items = [meeting_json(m) for m in rows]
    audit("meeting.list", total=total, channel="api")
    return jsonify(total=total, meetings=items)


@route("/meetings/<int:meeting_id>", {"get": op("One meeting with its visible tasks", TAG)})
def meeting_item(meeting_id: int) -> ResponseReturnValue:
    session = work_session()
    meeting = load_meeting(session, meeting_id)
    data = meeting_json(meeting)
    audit(
        "meeting.view", object_type="meeting", object_id=meeting.id, level=meeting.confidentiality
    )
    return jsonify(data)


def meeting_action(meeting_id: int, action: str) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    meeting = load_meeting(session, meeting_id)
    raw = request.get_json(silent=True)
    data: dict[str, Any] = raw if isinstance(raw, dict) else {}
    if action == "draft":
        drafted = meeting_ops.draft_agenda(
            session, user, meeting, working_calendar(session), local_today()
        )
        sections = [
            {"heading": s.heading, "lines": list(s.lines), "withheld": s.withheld} for s in drafted
        ]
        return jsonify(sections=sections, text=meeting_ops.agenda_text(drafted))

    def attendance() -> None:
        present = data.get("present") if isinstance(data.get("present"), dict) else {}
        by_code = {b.agency.code: b.agency_id for b in meeting.bodies}
        unknown = sorted(set(present) - set(by_code))
        if unknown:
            raise RuleError("meeting.body_not_invited", agency=unknown[0])
        meeting_ops.record_attendance(
            session, user, meeting, {by_code[c]: str(v) for c, v in present.items()}
        )

    def minutes() -> None:
        document = visible_document(session, str(data.get("document", "")))
        meeting_ops.attach_minutes(session, user, meeting, document)

    def conclude() -> FollowUp:
        days = data.get("working_days")
        return meeting_ops.conclude(
            session,
            user,
            meeting,
            agency=agency_by_code(session, data.get("agency"), "agency"),
            task=str(data.get("task", "")),
            working_days=parse_int(days, "working_days") if days not in (None, "") else None,
            due_date=parse_date(data.get("due_date"), "due_date", required=False),
        )

    operations: dict[str, Callable[[], Any]] = {
        "agenda": lambda: meeting_ops.set_agenda(session, user, meeting, str(data.get("text", ""))),
        "attendance": attendance,
        "minutes": minutes,
        "follow-ups": conclude,
    }
    result = operations[action]()
    if isinstance(result, FollowUp):
        return jsonify(task_json(result)), 201
    return jsonify(meeting_json(meeting))


_MEETING_ACTIONS = {
    "agenda/draft": ("draft", "The agenda drafted from the period's figures (not saved)", {}),
    "agenda": ("agenda", "Save the agenda", {"text": STR}),
    "attendance": (
        "attendance",
        "Record who attended ({body code: attendee}); the meeting is then held",
        {"present": {"type": "object"}},
    ),
    "minutes": ("minutes", "Link the minutes (a document of the Commission)", {"document": STR}),
    "follow-ups": (
        "follow-ups",
        "A conclusion as a task for a body (working_days after the meeting, or due_date)",
        {"agency": STR, "task": STR, "working_days": INT, "due_date": DATE},
    ),
}
for _path, (_action, _summary, _fields) in _MEETING_ACTIONS.items():
    route(
        f"/meetings/<int:meeting_id>/{_path}",
        {"post": op(_summary, TAG, body=_fields or None)},
        endpoint=f"meeting_{_action.replace('-', '_')}",
        defaults={"action": _action},
    )(meeting_action)


@route(
    "/follow-ups",
    {"get": op("Follow-up tasks the caller may see (state: open | overdue | done)", TAG)},
)
def follow_ups_collection() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    today = local_today()
    query = select(FollowUp).where(follow_up_clause(user))
    state = request.args.get("state", "")
    if state == "overdue":
        query = query.where(FollowUp.status == "open", FollowUp.due_date < today)
    elif state in ("open", "done", "cancelled"):
        query = query.where(FollowUp.status == state)
    limit, offset = limit_offset()
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(FollowUp.due_date).limit(limit).offset(offset))
    items = [task_json(t) for t in rows]
    audit("follow_up.list", state=state, total=total, channel="api")
    return jsonify(total=total, follow_ups=items)


@route("/follow-ups/<int:task_id>", {"get": op("One follow-up task", TAG)})
def follow_up_item(task_id: int) -> ResponseReturnValue:
    session = work_session()
    task = load_follow_up(session, task_id)
    data = task_json(task)
    audit("follow_up.view", object_type="follow_up", object_id=task.id,
          level=task.meeting.confidentiality)  # fmt: skip
    return jsonify(data)


def follow_up_action(task_id: int, action: str) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    task = load_follow_up(session, task_id)
    data = json_body()
    operations: dict[str, Callable[[], Any]] = {
        "complete": lambda: meeting_ops.complete(session, user, task, str(data.get("note", ""))),
        "due": lambda: meeting_ops.change_due(
            session,
            user,
            task,
            require_date(data.get("due_date"), "due_date"),
            str(data.get("reason", "")),
        ),
        "cancel": lambda: meeting_ops.cancel(session, user, task, str(data.get("reason", ""))),
    }
    operations[action]()
    return jsonify(task_json(task))


_TASK_ACTIONS = {
    "complete": ("Report the task done (its body's leaders and officers)", {"note": NONBLANK}),
    "due": ("Move the due date (the Commission)", {"due_date": DATE, "reason": STR}),
    "cancel": ("Cancel the task (the Commission)", {"reason": STR}),
}
_TASK_REQUIRED = {"complete": ("note",), "due": ("due_date",), "cancel": ()}
for _action, (_summary, _fields) in _TASK_ACTIONS.items():
    route(
        f"/follow-ups/<int:task_id>/{_action}",
        {"post": op(_summary, TAG, body=_fields, required=_TASK_REQUIRED[_action])},
        endpoint=f"follow_up_{_action}",
        defaults={"action": _action},
    )(follow_up_action)
