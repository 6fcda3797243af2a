"""``hoso case``, ``hoso request``, ``hoso transfer``, ``hoso remind``: casework a clerk
scripts. Each acts as ``hoso --as USER`` (the administrator by default) through the same
rules and access policy as the web pages."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from records import cases as case_ops
from records import reminders
from records import requests as request_ops
from records.calendar import WorkingCalendar
from records.db import get_by_key
from records.errors import RuleError
from records.models import Agency, Case, CaseDocument, Document, InfoRequest, Transfer, User
from records.policy import (
    Action,
    can_case,
    case_clause,
    document_clause,
    request_clause,
    transfer_clause,
)
from records.transfer_rules import referral_due
from webapp.cli.context import CliContext
from webapp.labels import CASE_STATUSES, REQUEST_STATUSES, label, message

T = TypeVar("T")


@contextmanager
def _session(ctx: CliContext) -> Iterator[tuple[Session, User]]:
    with ctx.services.db.session() as session:
        session.info["client_ip"] = "cli"
        yield session, ctx.actor(session)


def _apply(operation: Callable[[], T]) -> T:
    try:
        return operation()
    except RuleError as err:
        raise click.ClickException(message(err)) from err


def _agency(session: Session, code: str) -> Agency:
    found = session.scalar(select(Agency).where(Agency.code == code))
    if found is None:
        raise click.ClickException(f"no body with code {code!r}")
    return found


def _case(session: Session, user: User, code: str) -> Case:
    case = session.scalar(select(Case).where(Case.code == code))
    if case is None or not can_case(user, Action.SEE, case):
        raise click.ClickException(f"no case {code!r} that you may see")
    return case


def _print(rows: list[dict[str, Any]], as_json: bool, columns: list[str]) -> None:
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    for row in rows:
        click.echo(
            "  ".join(
                str(row.get(column) if row.get(column) is not None else "-") for column in columns
            )
        )


def _case_row(case: Case, calendar: WorkingCalendar) -> dict[str, Any]:
    due = referral_due(case, calendar)
    return {
        "id": case.id,
        "code": case.code,
        "title": case.title,
        "kind": case.kind,
        "status": case.status,
        "status_label": label(CASE_STATUSES, case.status),
        "lead_agency": case.lead_agency.code,
        "agencies": sorted(a.code for a in case.agencies),
        "monitoring_level": case.monitoring_level,
        "crime_signs_since": case.crime_signs_since.isoformat() if case.crime_signs_since else None,
        "referral_due": due.isoformat() if due else None,
    }


# -- hoso case ------------------------------------------------------------------------------
@click.group()
def case() -> None:
    """Cases (vụ việc, vụ án)."""


@case.command("create")
@click.argument("code")
@click.argument("title")
@click.option("--lead", "lead", help="Lead body code (default: your body).")
@click.option("--agency", "agencies", multiple=True, help="A coordinating body (repeatable).")
@click.option(
    "--kind", type=click.Choice(["vu_viec", "vu_an"]), default="vu_viec", show_default=True
)
@click.option("--summary", default="")
@click.option("--confidentiality", default="thuong", show_default=True)
@click.pass_obj
def case_create(
    ctx: CliContext,
    code: str,
    title: str,
    lead: str | None,
    agencies: tuple[str, ...],
    kind: str,
    summary: str,
    confidentiality: str,
) -> None:
    """Open a case CODE titled TITLE."""
    with _session(ctx) as (session, user):
        created = _apply(
            lambda: case_ops.create_case(
                session,
                user,
                code=code,
                title=title,
                kind=kind,
                summary=summary,
                confidentiality=confidentiality,
                lead_agency=_agency(session, lead) if lead else user.agency,
                coordinating=[_agency(session, c) for c in agencies],
            )
        )
        click.echo(
            json.dumps(_case_row(created, WorkingCalendar.load(session)), ensure_ascii=False)
        )


@case.command("list")
@click.option("--status")
@click.option("--monitored", is_flag=True, help="Only cases under a monitoring level.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def case_list(ctx: CliContext, status: str | None, monitored: bool, as_json: bool) -> None:
    """The cases you may see, newest first."""
    with _session(ctx) as (session, user):
        query = select(Case).where(case_clause(user)).order_by(Case.created_at.desc())
        if status:
            query = query.where(Case.status == status)
        if monitored:
            query = query.where(Case.monitoring_level.is_not(None))
        calendar = WorkingCalendar.load(session)
        rows = [_case_row(c, calendar) for c in session.scalars(query)]
    _print(rows, as_json, ["code", "status_label", "lead_agency", "title"])


@case.command("show")
@click.argument("code")
@click.pass_obj
def case_show(ctx: CliContext, code: str) -> None:
    """A case as JSON, with its attached documents you may see."""
    with _session(ctx) as (session, user):
        found = _case(session, user, code)
        row = _case_row(found, WorkingCalendar.load(session))
        row["documents"] = [
            {"id": d.id, "number": d.number, "filename": d.filename}
            for d in session.scalars(
                select(Document)
                .join(CaseDocument, CaseDocument.document_id == Document.id)
                .where(
                    CaseDocument.case_id == found.id,
                    CaseDocument.state == "attached",
                    document_clause(user),
                )
            )
        ]
    click.echo(json.dumps(row, ensure_ascii=False))


@case.command("attach")
@click.argument("code")
@click.argument("documents", nargs=-1, required=True)
@click.option("--reason", default="", help="Why these documents belong to the case.")
@click.pass_obj
def case_attach(ctx: CliContext, code: str, documents: tuple[str, ...], reason: str) -> None:
    """Attach DOCUMENTS (ids or numbers) to case CODE; all or nothing."""
    with _session(ctx) as (session, user):
        found = _case(session, user, code)
        for reference in documents:
            document = case_ops.find_document(session, reference)
            if document is None or not session.scalar(
                select(Document.id).where(Document.id == document.id, document_clause(user))
            ):
                raise click.ClickException(f"no document {reference!r} that you may see")
            _apply(lambda d=document: case_ops.attach(session, user, found, d, reason))
    click.echo(f"attached {len(documents)} document(s) to {code}")


@case.command("detach")
@click.argument("code")
@click.argument("document_id", type=int)
@click.option("--reason", required=True, help="Why (kept on the timeline).")
@click.pass_obj
def case_detach(ctx: CliContext, code: str, document_id: int, reason: str) -> None:
    """Detach document DOCUMENT_ID from case CODE."""
    with _session(ctx) as (session, user):
        found = _case(session, user, code)
        document = get_by_key(session, Document, document_id)
        if document is None:
            raise click.ClickException(f"no document {document_id}")
        _apply(lambda: case_ops.detach(session, user, found, document, reason))
    click.echo(f"detached {document_id} from {code}")


@case.command("status")
@click.argument("code")
@click.argument("status", type=click.Choice(list(CASE_STATUSES)))
@click.option("--note", default="")
@click.pass_obj
def case_status(ctx: CliContext, code: str, status: str, note: str) -> None:
    """Move case CODE to STATUS (if the transition is allowed)."""
    with _session(ctx) as (session, user):
        found = _case(session, user, code)
        _apply(lambda: case_ops.change_status(session, user, found, status, note))
        click.echo(f"{code}: {label(CASE_STATUSES, found.status)}")


# -- hoso request ---------------------------------------------------------------------------
@click.group("request")
def request_group() -> None:
    """Information requests between bodies."""


@request_group.command("list")
@click.option("--overdue", is_flag=True, help="Only open requests past their due date.")
@click.option("--open", "only_open", is_flag=True, help="Only requests not yet answered.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def request_list(ctx: CliContext, overdue: bool, only_open: bool, as_json: bool) -> None:
    """Requests you may see, by due date."""
    today = date.today()
    with _session(ctx) as (session, user):
        query = select(InfoRequest).where(request_clause(user)).order_by(InfoRequest.due_date)
        if overdue:
            query = query.where(request_ops.overdue_clause(today))
        elif only_open:
            query = query.where(InfoRequest.status.in_(request_ops.OPEN_STATUSES))
        rows = [
            {
                "id": r.id,
                "from_agency": r.from_agency.code,
                "to_agency": r.to_agency.code,
                "subject": r.subject,
                "due_date": r.due_date.isoformat(),
                "status": "overdue" if r.overdue_on(today) else r.status,
                "status_label": label(
                    REQUEST_STATUSES, "overdue" if r.overdue_on(today) else r.status
                ),
                "days_overdue": max(0, (today - r.due_date).days) if r.is_open else 0,
            }
            for r in session.scalars(query)
        ]
    _print(rows, as_json, ["id", "due_date", "status_label", "from_agency", "to_agency", "subject"])


@request_group.command("create")
@click.argument("to_agency")
@click.argument("subject")
@click.option(
    "--due", "due", type=click.DateTime(["%Y-%m-%d"]), help="Due date (default: 10 working days)."
)
@click.option("--case", "case_code", help="The case it is about.")
@click.option("--details", default="")
@click.pass_obj
def request_create(
    ctx: CliContext,
    to_agency: str,
    subject: str,
    due: Any,
    case_code: str | None,
    details: str,
) -> None:
    """Ask body TO_AGENCY for SUBJECT."""
    with _session(ctx) as (session, user):
        about = _case(session, user, case_code) if case_code else None
        created = _apply(
            lambda: request_ops.create_request(
                session,
                user,
                to_agency=_agency(session, to_agency),
                subject=subject,
                details=details,
                due_date=due.date() if due else None,
                case=about,
            )
        )
        click.echo(json.dumps({"id": created.id, "due_date": created.due_date.isoformat()}))


# -- hoso transfer --------------------------------------------------------------------------
@click.group()
def transfer() -> None:
    """Transfers of cases with signs of a crime to investigators."""


@transfer.command("list")
@click.option("--overdue", is_flag=True, help="Only those whose answer is overdue.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def transfer_list(ctx: CliContext, overdue: bool, as_json: bool) -> None:
    """Transfers you may see, newest first."""
    today = date.today()
    with _session(ctx) as (session, user):
        query = select(Transfer).where(transfer_clause(user)).order_by(Transfer.sent_date.desc())
        if overdue:
            query = query.where(Transfer.outcome == "dang_xu_ly", Transfer.due_date < today)
        rows = [
            {
                "id": t.id,
                "case_id": t.case_id,
                "reference": t.reference,
                "to_agency": t.to_agency.code,
                "sent_date": t.sent_date.isoformat(),
                "due_date": t.due_date.isoformat(),
                "outcome": t.outcome,
                "overdue": t.overdue_on(today),
            }
            for t in session.scalars(query)
        ]
    _print(rows, as_json, ["id", "reference", "to_agency", "sent_date", "due_date", "outcome"])


# -- hoso remind ----------------------------------------------------------------------------
@click.command()
@click.pass_obj
def remind(ctx: CliContext) -> None:
    """Send the deadline reminders now (beat does this every hour)."""
    with ctx.services.db.session() as session:
        result = reminders.run(session)
    click.echo(
        f"{result.notifications} notification(s); {result.marked_overdue} request(s) marked "
        f"overdue; {result.recomputed} due date(s) moved to the current working calendar"
    )


COMMANDS = (case, request_group, transfer, remind)
