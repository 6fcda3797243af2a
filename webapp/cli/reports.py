"""``hoso report``: the periodic summary report (DOCX), the dashboard's figures, and its
tables exported to CSV or XLSX — for what the acting user (``hoso --as USER``) may see,
audited as on the web."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from sqlalchemy.orm import Session

from records import audit
from records.calendar import WorkingCalendar, local_today
from records.errors import RuleError
from records.models import User
from records.policy import can_export_reports, can_generate_summary, can_see_reports
from records.reports import EXPORT_ROWS, Dashboard, build
from webapp.cli.context import CliContext
from webapp.labels import message
from webapp.reporting import export
from webapp.reporting.docx_report import render
from webapp.reporting.filters import read_scope
from webapp.reporting.labels import AgencyNames
from webapp.reporting.scorecard import with_scorecard
from webapp.reporting.serialize import dashboard_json
from webapp.reporting.summary import Particulars, compose
from webapp.reporting.tables import BUILDERS

DATE = click.DateTime(formats=["%Y-%m-%d"])


@contextmanager
def _session(ctx: CliContext) -> Iterator[tuple[Session, User]]:
    with ctx.services.db.session() as session:
        session.info["client_ip"] = "cli"
        yield session, ctx.actor(session)


def _filters(
    period: str | None, first: datetime | None, last: datetime | None, agency: str | None
) -> dict[str, str]:
    args = {"agency": agency or ""}
    if period:
        args["period"] = period
    if first:
        args["from"] = first.date().isoformat()
    if last:
        args["to"] = last.date().isoformat()
    return args


def _dashboard(session: Session, user: User, args: dict[str, str], rows: int) -> Dashboard:
    try:
        scope = read_scope(session, user, args, local_today(), WorkingCalendar.load(session))
    except RuleError as err:
        raise click.ClickException(message(err)) from err
    return build(session, scope, rows)


def _record(session: Session, user: User, action: str, **detail: Any) -> None:
    audit.record(session, user, action, ip="cli", channel="cli", **detail)


def _period_options(command: Any) -> Any:
    for option in reversed(
        [
            click.option(
                "--period", metavar="CODE", help="2026-06, 2026-Q2, 2026-H1, 2026, 2021-2025"
            ),
            click.option("--from", "first", type=DATE, help="First day (instead of --period)."),
            click.option("--to", "last", type=DATE, help="Last day (instead of --period)."),
            click.option("--agency", metavar="CODE", help="Only this body's figures."),
        ]
    ):
        command = option(command)
    return command


@click.group("report")
def report() -> None:
    """Theo dõi, báo cáo: báo cáo định kỳ, số liệu, xuất bảng."""


@report.command("summary")
@_period_options
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="FILE.docx"
)
@click.option("--number", default="", help="The report's number (blank: for the records office).")
@click.option("--date", "issued_on", type=DATE, help="Date of issue (default today).")
@click.option("--province", default="", help="The province (default HOSO_PROVINCE).")
@click.option("--place", default="", help="Place on the date line (default the province).")
@click.option("--subject", default="", help="Subject line (default from the period).")
@click.option("--signer", "signer_name", default="", help="Who signs.")
@click.option("--signer-title", default=None, help="The signer's title (default the head).")
@click.pass_obj
def summary(
    ctx: CliContext,
    period: str | None,
    first: datetime | None,
    last: datetime | None,
    agency: str | None,
    out: Path,
    number: str,
    issued_on: datetime | None,
    province: str,
    place: str,
    subject: str,
    signer_name: str,
    signer_title: str | None,
) -> None:
    """The periodic summary report of the acting user's body, as a DOCX."""
    if agency:
        raise click.ClickException("the summary covers the acting user's body: drop --agency")
    if not (period or first or last):
        raise click.ClickException("give --period, or --from and --to")
    with _session(ctx) as (session, user):
        if not can_generate_summary(user):
            raise click.ClickException(f"{user.username} may not generate reports")
        particulars = Particulars(
            province=province or ctx.settings.province,
            number=number,
            issued_on=issued_on.date() if issued_on else None,
            place=place,
            subject=subject,
            signer_title=signer_title,
            signer_name=signer_name,
        )
        if not particulars.province.strip():
            raise click.ClickException(message(RuleError("report.province_required")))
        dashboard = _dashboard(session, user, _filters(period, first, last, None), 0)
        report = compose(dashboard, user.agency, AgencyNames(session), particulars)
        body = render(with_scorecard(session, user, report, dashboard.scope.period))
        out.write_bytes(body)
        _record(
            session,
            user,
            "report.summary",
            period=dashboard.scope.period.code,
            number=number,
            file=str(out),
        )
    click.echo(f"{out} ({dashboard.scope.period.label}, {len(body):,} bytes)")


@report.command("dashboard")
@_period_options
@click.option("--json", "as_json", is_flag=True, help="All figures as JSON.")
@click.pass_obj
def dashboard(
    ctx: CliContext,
    period: str | None,
    first: datetime | None,
    last: datetime | None,
    agency: str | None,
    as_json: bool,
) -> None:
    """The dashboard's figures for what the acting user may see."""
    with _session(ctx) as (session, user):
        if not can_see_reports(user):
            raise click.ClickException(f"{user.username} may not see reports")
        result = _dashboard(session, user, _filters(period, first, last, agency), 1000)
        _record(session, user, "report.dashboard", period=result.scope.period.code, agency=agency)
        if as_json:
            click.echo(json.dumps(dashboard_json(result, agency), ensure_ascii=False, indent=2))
            return
        petitions, requests, transfers = result.petitions, result.requests, result.transfers
        totals = petitions.totals
        lines = [
            f"Kỳ: {result.scope.period.label} ({result.scope.period.code})",
            f"Đơn tiếp nhận: {totals.received}; đã giải quyết: {totals.settled}; "
            f"quá hạn: {petitions.overdue_total}; sắp đến hạn: {petitions.near_total}",
            f"Vụ việc thuộc diện theo dõi: {result.cases.watch_total}",
            f"Chuyển cơ quan điều tra: {transfers.total}; chưa chuyển: {transfers.awaiting_total} "
            f"(quá hạn {transfers.awaiting_overdue})",
            f"Yêu cầu thông tin: {requests.totals.sent}; trả lời đúng hạn: "
            f"{requests.totals.on_time}; quá hạn: {requests.overdue_total}",
        ]
        click.echo("\n".join(lines))


@report.command("export")
@click.argument("table", type=click.Choice([*BUILDERS, "all"]))
@_period_options
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="xlsx")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.pass_obj
def export_command(
    ctx: CliContext,
    table: str,
    period: str | None,
    first: datetime | None,
    last: datetime | None,
    agency: str | None,
    fmt: str,
    out: Path,
) -> None:
    """Export TABLE (or all, XLSX only) of the dashboard."""
    if table == "all" and fmt != "xlsx":
        raise click.ClickException("all tables go into one XLSX workbook: use --format xlsx")
    with _session(ctx) as (session, user):
        if not can_export_reports(user):
            raise click.ClickException(f"{user.username} may not export reports")
        result = _dashboard(session, user, _filters(period, first, last, agency), EXPORT_ROWS)
        selected = list(BUILDERS) if table == "all" else [table]
        body, rows, level = export(result, AgencyNames(session), user, selected, fmt, agency)
        out.write_bytes(body)
        _record(
            session,
            user,
            "report.export",
            level=level,
            table=table,
            format=fmt,
            rows=rows,
            period=result.scope.period.code,
            agency=agency,
        )
    click.echo(f"{out}: {rows} rows")
