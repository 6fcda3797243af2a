"""``hoso petition``: import a petition register, list petitions, show one, run the sweep."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click
from sqlalchemy.orm import Session

from records import audit
from records.db import get_by_key
from records.errors import RuleError
from records.models import Agency, Petition, User
from records.petitions import importer, queries
from records.petitions import sweep as petition_sweep
from records.petitions.codes import KIND_LABELS, STATE_LABELS
from records.petitions.context import Context
from records.petitions.fields import find_agency
from records.policy import Action, can_petition
from webapp.cli.context import CliContext
from webapp.features.petition_views import (
    detail_json,
    operation_context,
    summaries_for,
    summary_json,
)
from webapp.labels import message


def _agency(session: Session, code: str | None) -> Agency | None:
    if not code:
        return None
    agency = find_agency(session, code)
    if agency is None:
        raise click.ClickException(f"no body with code {code!r}")
    return agency


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group("petition")
def petition() -> None:
    """Đơn thư: nhập sổ tiếp nhận đơn, liệt kê, xem một đơn."""


@petition.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row, import nothing.")
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Import the valid rows even when some are rejected (by default one bad row stops all).",
)
@click.option("--agency", metavar="CODE", help="Receiving body of rows that do not name one.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
def import_register(
    ctx: CliContext,
    file: Path,
    dry_run: bool,
    skip_invalid: bool,
    agency: str | None,
    as_json: bool,
) -> None:
    """Import a petition register from FILE (.xlsx or .csv).

    The first row names the columns (see the import page, or docs/petitions.md). Exit status
    1 when any row was rejected.
    """
    with ctx.services.db.session() as session:
        user = ctx.actor(session)
        operation = operation_context(session)
        try:
            report = importer.run(
                session,
                user,
                file,
                operation,
                dry_run=dry_run,
                skip_invalid=skip_invalid,
                owner=_agency(session, agency),
            )
        except RuleError as err:
            raise click.ClickException(message(err)) from err
        audit.record(
            session,
            user,
            "petition.import",
            object_type="petition",
            filename=file.name,
            rows=len(report.rows),
            rejected=len(report.rejected),
            imported=len(report.imported),
            dry_run=dry_run,
            channel="cli",
        )
    if as_json:
        _echo_json({"file": str(file), **report.to_dict()})
    else:
        valid = len(report.rows) - len(report.rejected)
        click.echo(
            f"{file.name}: {len(report.rows)} dòng, {valid} hợp lệ, {len(report.rejected)} lỗi; "
            f"đã nhập {len(report.imported)}."
        )
        for row in report.rejected:
            click.echo(f"  dòng {row.row}: " + "; ".join(row.errors))
        if report.rejected and not report.imported and not dry_run:
            click.echo("Không nhập dòng nào vì có dòng lỗi (dùng --skip-invalid để bỏ qua).")
    if report.rejected:
        raise SystemExit(1)


def _load(session: Session, user: User, petition_id: int) -> Petition:
    item = get_by_key(session, Petition, petition_id)
    if item is None or not can_petition(user, Action.SEE, item):
        raise click.ClickException(f"no petition {petition_id} that you may see")
    return item


@petition.command("list")
@click.option("--state", "states", multiple=True, help="A state, e.g. ACCEPTED (repeatable).")
@click.option("--kind", "kinds", multiple=True, help="khieu_nai | to_cao | kien_nghi | phan_anh.")
@click.option("--due", type=click.Choice(queries.DUE_FILTERS), help="overdue, near, open, closed.")
@click.option("--agency", metavar="CODE", help="Receiving body.")
@click.option("--text", default="", help="Register number, summary, respondent.")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def list_petitions(
    ctx: CliContext,
    states: tuple[str, ...],
    kinds: tuple[str, ...],
    due: str | None,
    agency: str | None,
    text: str,
    limit: int,
    as_json: bool,
) -> None:
    """List the petitions you may see, soonest deadline first."""
    with ctx.services.db.session() as session:
        user = ctx.actor(session)
        operation: Context = operation_context(session)
        owner = _agency(session, agency)
        filters = queries.Filters(
            states=list(states),
            kinds=list(kinds),
            due=due or "",
            agency_id=owner.id if owner else None,
            text=text,
        )
        query = queries.select_petitions(user, filters, operation)
        total = queries.count(session, query)
        found = session.scalars(query.limit(max(1, limit))).all()
        summaries = summaries_for(session, user, found, operation)
        items = [summary_json(session, user, p, operation, summaries[p.id]) for p in found]
        audit.record(
            session, user, "petition.search", object_type="petition", total=total, channel="cli"
        )
    if as_json:
        _echo_json({"total": total, "items": items})
        return
    click.echo(f"{total} đơn")
    for item in items:
        due_text = (
            f"{item['due']['on']} {item['due']['rule']} {item['due']['status']}"
            if item["due"]
            else "-"
        )
        click.echo(
            f"{item['id']:>6}  {item['register_no']:<14} {KIND_LABELS[item['kind']]:<10} "
            f"{STATE_LABELS[item['state']]:<28} {due_text:<26} {item['summary'][:60]}"
        )


@petition.command("show")
@click.argument("petition_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def show(ctx: CliContext, petition_id: int, as_json: bool) -> None:
    """Show one petition: deadline, petitioners (if you may know them), history."""
    with ctx.services.db.session() as session:
        user = ctx.actor(session)
        operation = operation_context(session)
        item = _load(session, user, petition_id)
        data = detail_json(session, user, item, operation)
        audit.record(
            session,
            user,
            "petition.view",
            object_type="petition",
            object_id=item.id,
            level=item.confidentiality,
            channel="cli",
        )
    if as_json:
        _echo_json(data)
        return
    kind, state = KIND_LABELS[data["kind"]], STATE_LABELS[data["state"]]
    click.echo(f"Đơn số {data['register_no']} — {kind} — {state}")
    click.echo(f"Nhận ngày {data['received_on']}; cơ quan tiếp nhận: {data['agency']}")
    if data["due"]:
        due = data["due"]
        click.echo(f"Hạn: {due['on']} ({due['rule']}: {due['basis']}; {due['status']})")
    if data["identity_hidden"]:
        click.echo("Người gửi đơn: [được giữ bí mật]")
    else:
        for person in data["petitioners"] or []:
            click.echo(f"Người gửi đơn: {person['name']}, {person['address']}")
    click.echo(f"Nội dung: {data['summary']}")
    for event in data["history"]:
        click.echo(
            f"  {event['on'] or event['at'][:10]}  {event['action']:<16} {event['to'] or ''}"
        )


@petition.command("sweep")
@click.pass_obj
def sweep(ctx: CliContext) -> None:
    """Run the deadline sweep now (the worker's beat runs it every half hour)."""
    with ctx.services.db.session() as session:
        result = petition_sweep.run(session, operation_context(session))
    click.echo(json.dumps(asdict(result)))
