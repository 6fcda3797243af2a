"""``hoso vetting``, ``hoso meeting``, ``hoso follow-up``, ``hoso plan``: the coordination
work from a script, acting as ``hoso --as USER`` through the same rules and access policy
as the pages (the administrator sees none of it)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import click
from sqlalchemy import select

from records.calendar import WorkingCalendar, local_today
from records.coordination import meetings as meeting_ops
from records.coordination import vetting as vetting_ops
from records.db import get_by_key
from records.models import FollowUp, Meeting, PlanItem, PlanOverlap, User, VettingRequest
from records.policy import (
    VettingAction,
    can_read_answer,
    can_vetting,
    follow_up_clause,
    meeting_clause,
    plan_clause,
    vetting_clause,
)
from webapp.cli.cases import _agency, _apply, _print, _session
from webapp.cli.context import CliContext


def _row(user: User, item: VettingRequest) -> dict[str, Any]:
    answers = []
    for answer in item.answers:
        entry: dict[str, Any] = {"agency": answer.agency.code, "status": answer.status}
        if can_read_answer(user, answer):
            entry.update(finding=answer.finding, text=answer.text)
        answers.append(entry)
    return {
        "id": item.id,
        "from_agency": item.from_agency.code,
        "cadre_name": item.cadre_name,
        "birth_date": item.birth_date.isoformat(),
        "position": item.position,
        "unit": item.unit,
        "due_date": item.due_date.isoformat(),
        "confidentiality": item.confidentiality,
        "status": item.status,
        "overdue": item.is_open and item.due_date < date.today(),
        "answers": answers,
    }


@click.group("vetting")
def vetting_group() -> None:
    """Cadre vetting (thẩm định hồ sơ cán bộ)."""


@vetting_group.command("list")
@click.option("--open", "only_open", is_flag=True, help="Only requests still awaiting answers.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def vetting_list(ctx: CliContext, only_open: bool, as_json: bool) -> None:
    """Vetting requests you may see, by due date."""
    with _session(ctx) as (session, user):
        query = select(VettingRequest).where(vetting_clause(user))
        if only_open:
            query = query.where(VettingRequest.status == "open")
        rows = [_row(user, r) for r in session.scalars(query.order_by(VettingRequest.due_date))]
    _print(rows, as_json, ["id", "due_date", "status", "from_agency", "cadre_name"])


@vetting_group.command("show")
@click.argument("request_id", type=int)
@click.pass_obj
def vetting_show(ctx: CliContext, request_id: int) -> None:
    """One request as JSON, with the answers you may read."""
    with _session(ctx) as (session, user):
        item = get_by_key(session, VettingRequest, request_id)
        if item is None or not can_vetting(user, VettingAction.SEE, item):
            raise click.ClickException(f"no vetting request {request_id} that you may see")
        click.echo(json.dumps(_row(user, item), ensure_ascii=False))


@vetting_group.command("create")
@click.argument("cadre_name")
@click.option("--born", type=click.DateTime(["%Y-%m-%d"]), required=True, help="Date of birth.")
@click.option("--ask", "bodies", multiple=True, required=True, help="A body's code (repeat).")
@click.option("--position", default="")
@click.option("--unit", default="")
@click.option("--id-number", default="")
@click.option("--purpose", default="")
@click.option("--due", type=click.DateTime(["%Y-%m-%d"]), help="Default: 10 working days.")
@click.option("--confidentiality", help="mat, toi_mat (default) or tuyet_mat.")
@click.pass_obj
def vetting_create(
    ctx: CliContext,
    cadre_name: str,
    born: Any,
    bodies: tuple[str, ...],
    position: str,
    unit: str,
    id_number: str,
    purpose: str,
    due: Any,
    confidentiality: str | None,
) -> None:
    """Ask the bodies given with --ask about CADRE_NAME."""
    with _session(ctx) as (session, user):
        created = _apply(
            lambda: vetting_ops.create_request(
                session,
                user,
                cadre_name=cadre_name,
                birth_date=born.date(),
                bodies=[_agency(session, code) for code in bodies],
                position=position,
                unit=unit,
                id_number=id_number,
                purpose=purpose,
                due_date=due.date() if due else None,
                confidentiality=confidentiality,
            )
        )
        click.echo(json.dumps({"id": created.id, "due_date": created.due_date.isoformat()}))


# -- hoso meeting, hoso follow-up ---------------------------------------------------------
@click.group("meeting")
def meeting_group() -> None:
    """Coordination meetings (giao ban)."""


@meeting_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def meeting_list(ctx: CliContext, as_json: bool) -> None:
    """Meetings you may see, newest first."""
    with _session(ctx) as (session, user):
        query = select(Meeting).where(meeting_clause(user)).order_by(Meeting.held_on.desc())
        rows = [
            {
                "id": m.id,
                "title": m.title,
                "kind": m.kind,
                "held_on": m.held_on.isoformat(),
                "status": m.status,
                "bodies": [b.agency.code for b in m.bodies],
            }
            for m in session.scalars(query)
        ]
    _print(rows, as_json, ["id", "held_on", "kind", "status", "title"])


@click.group("follow-up")
def follow_up_group() -> None:
    """Tasks given by coordination meetings."""


@follow_up_group.command("list")
@click.option("--overdue", is_flag=True, help="Only open tasks past their due date.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def follow_up_list(ctx: CliContext, overdue: bool, as_json: bool) -> None:
    """Tasks you may see, by due date, with working days overdue."""
    today = local_today()
    with _session(ctx) as (session, user):
        calendar = WorkingCalendar.load(session)
        query = select(FollowUp).where(follow_up_clause(user)).order_by(FollowUp.due_date)
        if overdue:
            query = query.where(FollowUp.status == "open", FollowUp.due_date < today)
        rows = [
            {
                "id": t.id,
                "meeting_id": t.meeting_id,
                "agency": t.agency.code,
                "task": t.task,
                "due_date": t.due_date.isoformat(),
                "status": t.status,
                "overdue_working_days": meeting_ops.overdue_working_days(t, calendar, today),
            }
            for t in session.scalars(query)
        ]
    _print(rows, as_json, ["id", "due_date", "status", "overdue_working_days", "agency", "task"])


# -- hoso plan ------------------------------------------------------------------------------
@click.group("plan")
def plan_group() -> None:
    """Inspection and supervision plans."""


@plan_group.command("list")
@click.option("--year", type=int, help="Default: this year.")
@click.option("--overlapping", is_flag=True, help="Only items with an open overlap.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def plan_list(ctx: CliContext, year: int | None, overlapping: bool, as_json: bool) -> None:
    """Plan items of a year you may see, by start date."""
    year = year or local_today().year
    with _session(ctx) as (session, user):
        items = list(
            session.scalars(
                select(PlanItem)
                .where(plan_clause(user), PlanItem.year == year)
                .order_by(PlanItem.period_start, PlanItem.id)
            )
        )
        ids = {item.id for item in items}
        flagged = {
            item_id
            for first, second in session.execute(
                select(PlanOverlap.first_id, PlanOverlap.second_id).where(
                    PlanOverlap.status == "open"
                )
            )
            if first in ids and second in ids
            for item_id in (first, second)
        }
        rows = [
            {
                "id": i.id,
                "agency": i.agency.code,
                "unit_name": i.unit_name,
                "subject": i.subject,
                "period_start": i.period_start.isoformat(),
                "period_end": i.period_end.isoformat(),
                "status": i.status,
                "overlap": i.id in flagged,
            }
            for i in items
            if not overlapping or i.id in flagged
        ]
    _print(rows, as_json, ["id", "period_start", "period_end", "agency", "overlap", "unit_name"])


COMMANDS = (vetting_group, meeting_group, follow_up_group, plan_group)
