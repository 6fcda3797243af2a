"""The notifications casework sends: who receives them, what they say, their dedup keys.

Recipients are checked against the access policy, so nobody is told about an object they
may not see. Titles of objects marked MẬT or above carry only their number, never their
subject, because notifications are also e-mailed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models import (
    Agency,
    Case,
    FollowUp,
    InfoRequest,
    Meeting,
    PlanOverlap,
    Proposal,
    Transfer,
    User,
    VettingAnswer,
    VettingRequest,
)
from records.notification_titles import Title, title
from records.notify import notify
from records.policy import (
    Action,
    FollowUpAction,
    MeetingAction,
    PlanAction,
    ProposalAction,
    RequestAction,
    VettingAction,
    can_case,
    can_follow_up,
    can_meeting,
    can_plan,
    can_proposal,
    can_request,
    can_see_transfer,
    can_vetting,
)

#: Web paths of the objects, used as the notifications' links.
LINKS = {
    "case": "/cases/{id}",
    "request": "/requests/{id}",
    "transfer": "/transfers/{id}",
    "vetting": "/vetting/{id}",
    "meeting": "/meetings/{id}",
    "follow_up": "/follow-ups/{id}",
    "plan": "/plans/{id}",
    "proposal": "/proposals/{id}",
}
#: Who in a body is told that work arrived for the body.
BODY_ROLES = ("leader", "officer")
REQUEST_BODY_ROLES = ("leader", "officer", "clerk")


def link(object_type: str, object_id: int) -> str:
    return LINKS[object_type].format(id=object_id)


def body_staff(session: Session, agency_id: int, roles: Iterable[str] = BODY_ROLES) -> list[User]:
    """Active users of a body holding one of ``roles``."""
    wanted = set(roles)
    users = session.scalars(
        select(User).where(User.agency_id == agency_id, User.active.is_(True)).order_by(User.id)
    ).all()
    return [user for user in users if wanted.intersection(user.roles)]


def _label(subject: str, confidentiality: str) -> str:
    return f": {subject}" if confidentiality == "thuong" and subject else ""


def case_title(case: Case) -> str:
    return f"{case.code}{_label(case.title, case.confidentiality)}"


def request_title(request: InfoRequest) -> str:
    return f"#{request.id}{_label(request.subject, request.confidentiality)}"


def _abbr(agency: Agency) -> str:
    return agency.abbreviation or agency.name


# -- cases ----------------------------------------------------------------------------------
def case_assigned(
    session: Session, case: Case, agency_ids: Iterable[int], actor: User | None
) -> int:
    """Tell the staff of bodies newly leading or joining a case."""
    sent = 0
    for agency_id in agency_ids:
        for user in body_staff(session, agency_id):
            if user.id == (actor.id if actor else None) or not can_case(user, Action.SEE, case):
                continue
            role = "chủ trì" if agency_id == case.lead_agency_id else "phối hợp"
            key = "case.lead" if agency_id == case.lead_agency_id else "case.coordinate"
            if notify(
                session,
                user,
                "assignment",
                title(key, case=case_title(case)),
                link=link("case", case.id),
                object_type="case",
                object_id=case.id,
                dedup_key=f"case:{case.id}:agency:{agency_id}:{role}",
            ):
                sent += 1
    return sent


def handler_assigned(session: Session, case: Case, handler: User, actor: User | None) -> bool:
    if actor is not None and handler.id == actor.id:
        return False
    if not can_case(handler, Action.SEE, case):
        return False
    return (
        notify(
            session,
            handler,
            "assignment",
            title("case.handler", case=case_title(case)),
            link=link("case", case.id),
            object_type="case",
            object_id=case.id,
            dedup_key=f"case:{case.id}:handler:{handler.id}",
        )
        is not None
    )


def case_people(session: Session, case: Case) -> list[User]:
    """Who answers for a case's deadlines: its handler, else the lead body's staff."""
    if case.handler is not None and case.handler.active:
        return [case.handler]
    return body_staff(session, case.lead_agency_id)


# -- requests -------------------------------------------------------------------------------
def _request_notice(
    session: Session, users: Iterable[User], request: InfoRequest, kind: str, title: Title, key: str
) -> int:
    return _notify_each(
        session,
        users,
        lambda user: can_request(user, RequestAction.SEE, request),
        kind,
        title,
        ("request", request.id, key),
    )


def _notify_each(
    session: Session,
    users: Iterable[User],
    may_see: Callable[[User], bool],
    kind: str,
    title: Title,
    about: tuple[str, int, str],
) -> int:
    """Notify each distinct user who may see the object ``about`` = (type, id, event key);
    return how many new notifications were made (a repeat of the same event is not)."""
    object_type, object_id, key = about
    sent = 0
    seen: set[int] = set()
    for user in users:
        if user.id in seen or not may_see(user):
            continue
        seen.add(user.id)
        if notify(
            session,
            user,
            kind,
            title,
            link=link(object_type, object_id),
            object_type=object_type,
            object_id=object_id,
            dedup_key=f"{object_type}:{object_id}:{key}",
        ):
            sent += 1
    return sent


def request_recipients(session: Session, request: InfoRequest) -> list[User]:
    """The asked side: the assignee, else the asked body's staff."""
    if request.assignee is not None and request.assignee.active:
        return [request.assignee]
    return body_staff(session, request.to_agency_id, REQUEST_BODY_ROLES)


def asker_recipients(session: Session, request: InfoRequest) -> list[User]:
    if request.created_by is not None and request.created_by.active:
        return [request.created_by]
    return body_staff(session, request.from_agency_id)


def request_created(session: Session, request: InfoRequest) -> int:
    return _request_notice(
        session,
        body_staff(session, request.to_agency_id, REQUEST_BODY_ROLES),
        request,
        "request",
        title("request.created", body=_abbr(request.from_agency), request=request_title(request)),
        "created",
    )


def request_assigned(session: Session, request: InfoRequest, assignee: User) -> int:
    return _request_notice(
        session,
        [assignee],
        request,
        "assignment",
        title("request.assigned", request=request_title(request)),
        f"assigned:{assignee.id}",
    )


def request_answered(session: Session, request: InfoRequest) -> int:
    return _request_notice(
        session,
        asker_recipients(session, request),
        request,
        "request",
        title("request.answered", body=_abbr(request.to_agency), request=request_title(request)),
        "answered",
    )


def request_due_changed(session: Session, request: InfoRequest) -> int:
    return _request_notice(
        session,
        request_recipients(session, request),
        request,
        "request",
        title(
            "request.due_changed",
            request=request_title(request),
            due=f"{request.due_date:%d/%m/%Y}",
        ),
        f"due:{request.due_date.isoformat()}",
    )


def request_withdrawn(session: Session, request: InfoRequest) -> int:
    return _request_notice(
        session,
        request_recipients(session, request),
        request,
        "request",
        title("request.withdrawn", body=_abbr(request.from_agency), request=request_title(request)),
        "withdrawn",
    )


def request_deadline(session: Session, request: InfoRequest, stage: str) -> int:
    """A reminder: ``stage`` is ``due_3``, ``due_1`` or ``overdue``."""
    due = f"{request.due_date:%d/%m/%Y}"
    if stage == "overdue":
        users = [*request_recipients(session, request), *asker_recipients(session, request)]
        heading = title("request.overdue", request=request_title(request), due=due)
    else:
        users = request_recipients(session, request)
        heading = title("request.near", request=request_title(request), due=due)
    return _request_notice(
        session, users, request, "deadline", heading, f"{stage}:{request.due_date.isoformat()}"
    )


# -- transfers ------------------------------------------------------------------------------
def _transfer_notice(
    session: Session,
    users: Iterable[User],
    transfer: Transfer,
    case: Case | None,
    kind: str,
    title: Title,
    key: str,
) -> int:
    return _notify_each(
        session,
        users,
        lambda user: can_see_transfer(user, transfer, case),
        kind,
        title,
        ("transfer", transfer.id, key),
    )


def _transfer_label(transfer: Transfer, case: Case | None) -> str:
    subject = case_title(case) if case is not None else f"#{transfer.id}"
    return f"{transfer.reference or '#' + str(transfer.id)} ({subject})"


def transfer_received(session: Session, transfer: Transfer, case: Case | None) -> int:
    return _transfer_notice(
        session,
        body_staff(session, transfer.to_agency_id),
        transfer,
        case,
        "assignment",
        title(
            "transfer.received",
            body=_abbr(transfer.from_agency),
            transfer=_transfer_label(transfer, case),
        ),
        "received",
    )


def transfer_outcome(session: Session, transfer: Transfer, case: Case | None) -> int:
    users = [
        *(case_people(session, case) if case is not None else []),
        *body_staff(session, transfer.from_agency_id),
    ]
    return _transfer_notice(
        session,
        users,
        transfer,
        case,
        "transfer",
        title(
            "transfer.outcome",
            body=_abbr(transfer.to_agency),
            transfer=_transfer_label(transfer, case),
        ),
        f"outcome:{transfer.outcome}",
    )


def transfer_deadline(session: Session, transfer: Transfer, case: Case | None, stage: str) -> int:
    due = f"{transfer.due_date:%d/%m/%Y}"
    users = list(body_staff(session, transfer.to_agency_id))
    if stage == "overdue":
        users += case_people(session, case) if case is not None else []
        users += body_staff(session, transfer.from_agency_id)
        heading = title("transfer.overdue", transfer=_transfer_label(transfer, case), due=due)
    else:
        heading = title("transfer.near", transfer=_transfer_label(transfer, case), due=due)
    return _transfer_notice(
        session, users, transfer, case, "deadline", heading, f"{stage}:{transfer.due_date}"
    )


def referral_overdue(session: Session, case: Case, due: str) -> int:
    """A case with signs of a crime not yet transferred after the time the law allows."""
    sent = 0
    for user in case_people(session, case):
        if not can_case(user, Action.SEE, case):
            continue
        if notify(
            session,
            user,
            "deadline",
            title("case.referral_overdue", case=case_title(case), due=due),
            link=link("case", case.id),
            object_type="case",
            object_id=case.id,
            dedup_key=f"case:{case.id}:referral_overdue:{case.crime_signs_at}",
        ):
            sent += 1
    return sent


# -- cadre vetting --------------------------------------------------------------------------
# Titles carry the request's number only: the cadre's name is never put in a notification.
def _vetting_notice(
    session: Session,
    users: Iterable[User],
    request: VettingRequest,
    action: VettingAction,
    kind: str,
    title: Title,
    key: str,
) -> int:
    return _notify_each(
        session,
        users,
        lambda user: can_vetting(user, action, request),
        kind,
        title,
        ("vetting", request.id, key),
    )


def vetting_created(session: Session, request: VettingRequest) -> int:
    sent = 0
    for answer in request.answers:
        sent += _vetting_notice(
            session,
            body_staff(session, answer.agency_id),
            request,
            VettingAction.ANSWER,
            "request",
            title("vetting.created", body=_abbr(request.from_agency), id=request.id),
            "created",
        )
    return sent


def vetting_answered(session: Session, request: VettingRequest, answer: VettingAnswer) -> int:
    """The asking body's leaders, who alone read the answers."""
    return _vetting_notice(
        session,
        body_staff(session, request.from_agency_id, ("leader",)),
        request,
        VettingAction.READ_ANSWERS,
        "request",
        title("vetting.answered", body=_abbr(answer.agency), id=request.id),
        f"answered:{answer.agency_id}",
    )


def vetting_withdrawn(session: Session, request: VettingRequest) -> int:
    users = [u for a in request.answers for u in body_staff(session, a.agency_id)]
    return _vetting_notice(
        session,
        users,
        request,
        VettingAction.ANSWER,
        "request",
        title("vetting.withdrawn", body=_abbr(request.from_agency), id=request.id),
        "withdrawn",
    )


def vetting_deadline(session: Session, answer: VettingAnswer, stage: str) -> int:
    """A reminder to the asked body (``stage``: ``due_3``, ``due_1`` or ``overdue``)."""
    request = answer.request
    due = f"{request.due_date:%d/%m/%Y}"
    heading = title(
        "vetting.overdue" if stage == "overdue" else "vetting.near", id=request.id, due=due
    )
    return _notify_each(
        session,
        body_staff(session, answer.agency_id),
        lambda user: (
            user.agency_id == answer.agency_id and can_vetting(user, VettingAction.ANSWER, request)
        ),
        "deadline",
        heading,
        ("vetting", request.id, f"{stage}:{answer.agency_id}:{request.due_date.isoformat()}"),
    )


# -- coordination meetings ------------------------------------------------------------------
def _meeting_label(meeting: Meeting) -> str:
    return f"#{meeting.id}{_label(meeting.title, meeting.confidentiality)}"


def _task_params(task: FollowUp) -> dict[str, object]:
    return {"id": task.id, "meeting": task.meeting_id}


def meeting_scheduled(session: Session, meeting: Meeting) -> int:
    users = [u for body in meeting.bodies for u in body_staff(session, body.agency_id)]
    return _notify_each(
        session,
        users,
        lambda user: can_meeting(user, MeetingAction.SEE, meeting),
        "request",
        title(
            "meeting.invited", meeting=_meeting_label(meeting), day=f"{meeting.held_on:%d/%m/%Y}"
        ),
        ("meeting", meeting.id, "scheduled"),
    )


def _task_notice(
    session: Session, users: Iterable[User], task: FollowUp, kind: str, title: Title, key: str
) -> int:
    return _notify_each(
        session,
        users,
        lambda user: can_follow_up(user, FollowUpAction.SEE, task),
        kind,
        title,
        ("follow_up", task.id, key),
    )


def follow_up_assigned(session: Session, task: FollowUp) -> int:
    return _task_notice(
        session,
        body_staff(session, task.agency_id),
        task,
        "assignment",
        title("follow_up.assigned", **_task_params(task), due=f"{task.due_date:%d/%m/%Y}"),
        "assigned",
    )


def _organizers(session: Session, task: FollowUp) -> list[User]:
    creator = session.get(User, task.meeting.created_by_id) if task.meeting.created_by_id else None
    if creator is not None and creator.active:
        return [creator]
    return body_staff(session, task.meeting.chair_agency_id)


def follow_up_done(session: Session, task: FollowUp) -> int:
    return _task_notice(
        session,
        _organizers(session, task),
        task,
        "request",
        title("follow_up.done", body=_abbr(task.agency), **_task_params(task)),
        "done",
    )


def follow_up_deadline(session: Session, task: FollowUp, stage: str) -> int:
    """A reminder to the body (and, once overdue, the organizer): ``due_3``, ``due_1``,
    ``overdue``."""
    due = f"{task.due_date:%d/%m/%Y}"
    users = body_staff(session, task.agency_id)
    if stage == "overdue":
        users = [*users, *_organizers(session, task)]
        heading = title("follow_up.overdue", **_task_params(task), due=due)
    else:
        heading = title("follow_up.near", **_task_params(task), due=due)
    return _task_notice(
        session, users, task, "deadline", heading, f"{stage}:{task.due_date.isoformat()}"
    )


# -- inspection plans -----------------------------------------------------------------------
def plan_overlap(session: Session, overlap: PlanOverlap) -> int:
    """The Commission and both bodies are told of an overlap found between two plan items."""
    item = overlap.second
    users = [
        *body_staff(session, overlap.first.agency_id),
        *body_staff(session, overlap.second.agency_id),
    ]
    commission = session.scalar(select(Agency).where(Agency.code == "noi_chinh"))
    if commission is not None:
        users += body_staff(session, commission.id)
    return _notify_each(
        session,
        users,
        lambda user: (
            can_plan(user, PlanAction.SEE, overlap.first)
            and can_plan(user, PlanAction.SEE, overlap.second)
        ),
        "request",
        title(
            "plan.overlap",
            year=item.year,
            first=_abbr(overlap.first.agency),
            second=_abbr(overlap.second.agency),
        ),
        ("plan", item.id, f"overlap:{overlap.first_id}"),
    )


# -- proposals for the monitoring list -------------------------------------------------------
def proposal_changed(session: Session, proposal: Proposal, what: str) -> int:
    """The proposing body and the Commission are told of each step."""
    commission = session.scalar(select(Agency).where(Agency.code == "noi_chinh"))
    users = body_staff(session, proposal.agency_id)
    if commission is not None:
        users += body_staff(session, commission.id)
    params = {"case": case_title(proposal.case), "id": proposal.id}
    if what == "created":
        params["body"] = _abbr(proposal.agency)
    heading = title(f"proposal.{what}", **params)
    return _notify_each(
        session,
        users,
        lambda user: can_proposal(user, ProposalAction.SEE, proposal),
        "request",
        heading,
        ("proposal", proposal.id, what),
    )
