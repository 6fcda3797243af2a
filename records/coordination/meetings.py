"""Coordination meetings (giao ban): schedule with the invited bodies, draft the agenda from
the period's figures, record attendance and the minutes, turn conclusions into follow-up
tasks with due dates in working days — reminded and overdue as information requests are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from records import alerts, audit
from records.calendar import Unit, WorkingCalendar, local_today
from records.cases import Outcome, require
from records.codes import CONFIDENTIALITY, clearance_rank
from records.errors import RuleError
from records.models import Agency, Document, FollowUp, Meeting, MeetingBody, Proposal, User
from records.models.base import utcnow
from records.policy import (
    Action,
    FollowUpAction,
    MeetingAction,
    can,
    can_follow_up,
    can_meeting,
    can_schedule,
    proposal_clause,
)
from records.reports import Dashboard, Period, Scope, build
from records.reports.cases import WatchedCase
from records.reports.petitions import DuePetition
from records.transfers import share_with

KINDS = ("periodic", "ad_hoc")
#: A conclusion is due this many working days after the meeting unless set otherwise.
DEFAULT_WORKING_DAYS = 15
#: At most this many items per list of the drafted agenda.
AGENDA_ROWS = 200
#: Proposals awaiting the Standing Committee's decision.
PENDING_PROPOSALS = ("proposed", "recommended", "not_recommended")


def _audit(session: Session, actor: User, action: str, meeting: Meeting, **detail: Any) -> None:
    audit.record(
        session,
        actor,
        action,
        object_type="meeting",
        object_id=meeting.id,
        level=meeting.confidentiality,
        ip=session.info.get("client_ip", ""),
        **detail,
    )


def _text(value: str | None, code: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise RuleError(code)
    if len(text) > limit:
        raise RuleError("text_too_long", limit=limit)
    return text


def schedule(
    session: Session,
    actor: User,
    *,
    title: str,
    held_on: date,
    period_start: date,
    period_end: date,
    bodies: Iterable[Agency],
    kind: str = "periodic",
    place: str = "",
    confidentiality: str = "thuong",
) -> Meeting:
    """Schedule a meeting chaired by the Commission; the invited bodies' staff are told."""
    require(can_schedule(actor), "meeting.schedule")
    if kind not in KINDS:
        raise RuleError("invalid_input", field="kind")
    if period_end < period_start:
        raise RuleError("meeting.period_reversed")
    invited = {body.id: body for body in bodies if body.id != actor.agency_id}
    if not invited:
        raise RuleError("meeting.bodies_required")
    if confidentiality not in CONFIDENTIALITY:
        raise RuleError("invalid_confidentiality", value=confidentiality)
    if clearance_rank(confidentiality) > clearance_rank(actor.clearance):
        raise RuleError("confidentiality_above_clearance", value=confidentiality)
    meeting = Meeting(
        kind=kind,
        title=_text(title, "meeting.title_required", 512),
        held_on=held_on,
        place=(place or "").strip()[:255],
        period_start=period_start,
        period_end=period_end,
        confidentiality=confidentiality,
        chair_agency_id=actor.agency_id,
        created_by=actor,
        bodies=[MeetingBody(agency_id=body_id) for body_id in sorted(invited)],
    )
    session.add(meeting)
    session.flush()
    codes = sorted(body.code for body in invited.values())
    _audit(session, actor, "meeting.schedule", meeting, bodies=codes, held_on=held_on.isoformat())
    alerts.meeting_scheduled(session, meeting)
    return meeting


# -- the agenda -----------------------------------------------------------------------------
@dataclass(frozen=True)
class AgendaSection:
    heading: str
    lines: tuple[str, ...]
    #: Items left out because they are above the meeting's level.
    withheld: int = 0


def _fits(level: str, meeting: Meeting) -> bool:
    return clearance_rank(level) <= clearance_rank(meeting.confidentiality)


def _name(code: str, title: str, level: str) -> str:
    """A MẬT-or-higher object is named by its code only, as in notifications."""
    return f"{code}: {title}" if level == "thuong" and title else code


def _watched_line(case: WatchedCase) -> str:
    progress = (
        f"{case.idle_days} ngày chưa có diễn biến mới"
        if case.idle_days is not None
        else "chưa có diễn biến"
    )
    return f"{_name(case.code, case.title, case.confidentiality)} ({case.agency}) — {progress}"


def _petition_line(petition: DuePetition) -> str:
    days = petition.working_days
    when = f"quá hạn {days} ngày làm việc" if petition.overdue else f"còn {days} ngày làm việc"
    return f"{petition.register_no} ({petition.agency}) — {when}"


def agenda_sections(
    meeting: Meeting, dashboard: Dashboard, proposed: list[Proposal]
) -> list[AgendaSection]:
    """The draft agenda: what the period's figures (computed as the person drafting, within
    their access) put before the meeting. Objects above the meeting's level are counted,
    not listed, since everyone invited reads the agenda."""
    sections = []
    watched = [c for c in dashboard.cases.watch if _fits(c.confidentiality, meeting)]
    sections.append(
        AgendaSection(
            "Vụ việc, vụ án thuộc diện theo dõi, chỉ đạo và tiến độ xử lý",
            tuple(_watched_line(c) for c in watched),
            len(dashboard.cases.watch) - len(watched),
        )
    )
    requests = sorted(
        (code, row.overdue) for code, row in dashboard.requests.by_agency.items() if row.overdue
    )
    transfers = sorted(
        (code, row.overdue) for code, row in dashboard.transfers.by_agency.items() if row.overdue
    )
    sections.append(
        AgendaSection(
            "Yêu cầu cung cấp thông tin và hồ sơ chuyển cơ quan điều tra quá hạn, theo cơ quan",
            tuple(f"{code}: {n} yêu cầu quá hạn trả lời" for code, n in requests)
            + tuple(f"{code}: {n} hồ sơ chuyển quá hạn trả lời kết quả" for code, n in transfers),
        )
    )
    petitions = [p for p in dashboard.petitions.due if _fits(p.confidentiality, meeting)]
    sections.append(
        AgendaSection(
            "Đơn thư sắp đến hạn hoặc quá hạn giải quyết",
            tuple(_petition_line(p) for p in petitions),
            len(dashboard.petitions.due) - len(petitions),
        )
    )
    listed = [p for p in proposed if _fits(p.case.confidentiality, meeting)]
    sections.append(
        AgendaSection(
            "Vụ việc được đề nghị đưa vào diện theo dõi, chỉ đạo",
            tuple(
                f"{_name(p.case.code, p.case.title, p.case.confidentiality)} "
                f"({p.agency.code}, đề nghị #{p.id})"
                for p in listed
            ),
            len(proposed) - len(listed),
        )
    )
    awaiting = [c for c in dashboard.transfers.awaiting if _fits(c.confidentiality, meeting)]
    sections.append(
        AgendaSection(
            "Vụ việc có dấu hiệu tội phạm chưa chuyển cơ quan điều tra",
            tuple(
                f"{_name(c.code, c.title, c.confidentiality)} ({c.agency})"
                + (f" — quá hạn chuyển từ {c.due:%d/%m/%Y}" if c.overdue and c.due else "")
                for c in awaiting
            ),
            len(dashboard.transfers.awaiting) - len(awaiting),
        )
    )
    return sections


def draft_agenda(
    session: Session, actor: User, meeting: Meeting, calendar: WorkingCalendar, today: date
) -> list[AgendaSection]:
    """The agenda drafted from the meeting's period, as ``actor`` sees the figures."""
    require(can_meeting(actor, MeetingAction.MANAGE, meeting), "meeting.manage")
    period = Period.between(meeting.period_start, meeting.period_end)
    dashboard = build(session, Scope(actor, period, today, calendar), rows=AGENDA_ROWS)
    proposed = session.scalars(
        select(Proposal)
        .where(proposal_clause(actor), Proposal.status.in_(PENDING_PROPOSALS))
        .order_by(Proposal.id)
        .limit(AGENDA_ROWS)
    ).all()
    return agenda_sections(meeting, dashboard, list(proposed))


def agenda_text(sections: list[AgendaSection]) -> str:
    parts = []
    for number, section in enumerate(sections, start=1):
        lines = [f"{number}. {section.heading}"]
        lines += [f"   - {line}" for line in section.lines] or ["   - Không có."]
        if section.withheld:
            lines.append(f"   - Và {section.withheld} nội dung có độ mật cao hơn cuộc họp.")
        parts.append("\n".join(lines))
    return "\n".join(parts)


def set_agenda(session: Session, actor: User, meeting: Meeting, text: str) -> None:
    require(can_meeting(actor, MeetingAction.MANAGE, meeting), "meeting.manage")
    meeting.agenda = _text(text, "meeting.agenda_required", 50_000)
    _audit(session, actor, "meeting.agenda", meeting)


# -- holding it -----------------------------------------------------------------------------
def record_attendance(
    session: Session, actor: User, meeting: Meeting, present: dict[int, str]
) -> None:
    """Mark which invited bodies attended (``present``: body id -> who came); the meeting
    is then held."""
    require(can_meeting(actor, MeetingAction.MANAGE, meeting), "meeting.manage")
    if meeting.status == "cancelled":
        raise RuleError("meeting.cancelled")
    if meeting.held_on > local_today():
        raise RuleError("meeting.not_yet_held")
    for body in meeting.bodies:
        body.attended = body.agency_id in present
        body.attendee = (present.get(body.agency_id) or "").strip()[:255]
    meeting.status = "held"
    _audit(
        session, actor, "meeting.attendance", meeting,
        present=sorted(b.agency.code for b in meeting.bodies if b.attended),
    )  # fmt: skip


def attach_minutes(session: Session, actor: User, meeting: Meeting, document: Document) -> Outcome:
    """Link the minutes (a document of the Commission) and share them with the invited bodies
    so each reads and finds them like any document."""
    require(can_meeting(actor, MeetingAction.MANAGE, meeting), "meeting.manage")
    if meeting.status != "held":
        raise RuleError("meeting.not_held")
    if document.owner_agency_id != actor.agency_id or not can(actor, Action.SEE, document):
        raise RuleError("meeting.minutes_not_own", document=document.id)
    outcome = Outcome()
    for body in meeting.bodies:
        if share_with(session, actor, document, body.agency):
            outcome.reindex.add(document.id)
    meeting.minutes_document_id = document.id
    _audit(session, actor, "meeting.minutes", meeting, document=document.id)
    return outcome


# -- follow-up tasks ------------------------------------------------------------------------
def _task_audit(session: Session, actor: User, action: str, task: FollowUp, **detail: Any) -> None:
    audit.record(
        session,
        actor,
        action,
        object_type="follow_up",
        object_id=task.id,
        level=task.meeting.confidentiality,
        ip=session.info.get("client_ip", ""),
        meeting=task.meeting_id,
        **detail,
    )


def conclude(
    session: Session,
    actor: User,
    meeting: Meeting,
    *,
    agency: Agency,
    task: str,
    working_days: int | None = None,
    due_date: date | None = None,
) -> FollowUp:
    """A conclusion given to ``agency`` (an invited body or the Commission itself), due
    ``working_days`` working days after the meeting (by default
    :data:`DEFAULT_WORKING_DAYS`) or on ``due_date``."""
    require(can_meeting(actor, MeetingAction.MANAGE, meeting), "meeting.manage")
    if meeting.status != "held":
        raise RuleError("meeting.not_held")
    invited = {b.agency_id for b in meeting.bodies} | {meeting.chair_agency_id}
    if agency.id not in invited:
        raise RuleError("meeting.body_not_invited", agency=agency.code)
    calendar = WorkingCalendar.load(session)
    version = None
    if due_date is None:
        days = DEFAULT_WORKING_DAYS if working_days is None else working_days
        if not 1 <= days <= 250:
            raise RuleError("meeting.working_days_invalid")
        due_date = calendar.end_of_period(meeting.held_on, days, Unit.WORKING_DAYS)
        working_days, version = days, calendar.version
    else:
        working_days = None
    if due_date <= meeting.held_on:
        raise RuleError("meeting.due_before_meeting")
    row = FollowUp(
        meeting=meeting,
        agency_id=agency.id,
        task=_text(task, "meeting.task_required", 4000),
        due_date=due_date,
        working_days=working_days,
        calendar_version=version,
        created_by_id=actor.id,
    )
    session.add(row)
    session.flush()
    _task_audit(
        session, actor, "follow_up.create", row, agency=agency.code, due=due_date.isoformat()
    )
    alerts.follow_up_assigned(session, row)
    return row


def complete(session: Session, actor: User, task: FollowUp, note: str) -> None:
    """The body reports the task done, saying how."""
    require(can_follow_up(actor, FollowUpAction.COMPLETE, task), "follow_up.complete")
    if not task.is_open:
        raise RuleError("follow_up.closed")
    task.done_note = _text(note, "follow_up.note_required", 20_000)
    task.status = "done"
    task.done_at = utcnow()
    task.done_by = actor
    _task_audit(session, actor, "follow_up.done", task, late=task.due_date < local_today())
    alerts.follow_up_done(session, task)


def change_due(session: Session, actor: User, task: FollowUp, due_date: date, reason: str) -> None:
    require(can_follow_up(actor, FollowUpAction.MANAGE, task), "follow_up.manage")
    if not task.is_open:
        raise RuleError("follow_up.closed")
    if due_date <= local_today():
        raise RuleError("request.due_not_future")
    reason = _text(reason, "request.due_reason_required", 4000)
    detail = {"from": task.due_date.isoformat(), "to": due_date.isoformat(), "reason": reason}
    task.due_date, task.working_days, task.calendar_version = due_date, None, None
    _task_audit(session, actor, "follow_up.due", task, **detail)


def cancel(session: Session, actor: User, task: FollowUp, reason: str) -> None:
    require(can_follow_up(actor, FollowUpAction.MANAGE, task), "follow_up.manage")
    if not task.is_open:
        raise RuleError("follow_up.closed")
    task.done_note = _text(reason, "request.withdraw_reason_required", 4000)
    task.status = "cancelled"
    _task_audit(session, actor, "follow_up.cancel", task, reason=task.done_note)


def overdue_working_days(task: FollowUp, calendar: WorkingCalendar, today: date) -> int:
    """Working days an open task is past its due date (0 when not overdue)."""
    if not task.overdue_on(today):
        return 0
    return calendar.units_between(task.due_date, today, Unit.WORKING_DAYS)


def follow_ups_due_by(session: Session, horizon: date) -> list[FollowUp]:
    """Open tasks due on or before ``horizon`` (for reminders)."""
    return list(
        session.scalars(
            select(FollowUp).where(FollowUp.status == "open", FollowUp.due_date <= horizon)
        )
    )
