"""The dashboard (/reports), exports of its tables (CSV, XLSX) and the periodic summary
report (DOCX). Everything counts only what the user may see; exports and reports are
audited."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask import Blueprint, Response, abort, flash, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from sqlalchemy.orm import Session

from records.calendar import local_today
from records.errors import RuleError
from records.models import Agency
from records.petitions.codes import KIND_LABELS
from records.policy import can_export_reports, can_generate_summary, can_see_reports
from records.reports import EXPORT_ROWS, Dashboard, Period, build
from webapp.actor import current_actor
from webapp.auditing import audit
from webapp.features.casework import current_agencies, work_session, working_calendar
from webapp.labels import message
from webapp.reporting import FORMATS, export
from webapp.reporting.charts import dashboard_charts
from webapp.reporting.docx_report import render
from webapp.reporting.filters import period_choices, read_scope, scope_args
from webapp.reporting.labels import AgencyNames, period_label
from webapp.reporting.scorecard import with_scorecard
from webapp.reporting.summary import (
    Particulars,
    compose,
    default_recipients,
    default_subject,
    issuer_of,
)
from webapp.reporting.tables import BUILDERS, LISTS, build_tables
from webapp.services import services

bp = Blueprint("reports", __name__)

#: Where each list continues: the page listing all of its kind.
LIST_PAGES = {
    "petitions_due": ("petitions.index", {"due": "overdue"}),
    "requests_due": ("requests.index", {"state": "overdue"}),
    "watch_list": ("cases.index", {"monitoring": "any"}),
    "awaiting_transfer": ("cases.index", {"awaiting_transfer": "1"}),
    "transfers": ("cases.transfers", {}),
}


def _scope_dashboard(
    session: Session, args: Mapping[str, str], rows: int
) -> tuple[Dashboard, str | None]:
    """The dashboard of the filters in ``args``; its body's code, if one was chosen."""
    scope = read_scope(session, current_actor(), args, local_today(), working_calendar(session))
    agency_code = (args.get("agency") or "").strip() or None
    return build(session, scope, rows), agency_code


def _audit_detail(dashboard: Dashboard, agency_code: str | None) -> dict[str, object]:
    scope = dashboard.scope
    return {
        "period": scope.period.code,
        "agency": agency_code,
        "petition_kind": scope.petition_kind,
        "case_kind": scope.case_kind,
    }


@bp.get("/reports")
def dashboard() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if not can_see_reports(user):
        abort(403)
    try:
        dash, agency_code = _scope_dashboard(session, request.args, rows=20)
    except RuleError as err:
        flash(message(err), "error")
        dash, agency_code = _scope_dashboard(session, {}, rows=20)
    names = AgencyNames(session)
    tables = build_tables(dash, names)
    audit("report.dashboard", **_audit_detail(dash, agency_code))
    today = dash.scope.today
    return render_template(
        "reports/dashboard.html",
        dashboard=dash,
        tables=tables,
        charts=dashboard_charts(tables),
        lists=LISTS,
        list_pages=LIST_PAGES,
        filters=scope_args(dash.scope, agency_code),
        period_title=period_label(dash.scope.period),
        period_label=period_label,
        choices=period_choices(today),
        agencies=current_agencies(session),
        petition_kinds=KIND_LABELS,
        can_export=can_export_reports(user),
        can_summary=can_generate_summary(user),
        today=today,
    )


@bp.get("/reports/export/<name>.<fmt>")
def export_table(name: str, fmt: str) -> ResponseReturnValue:
    """One table as CSV or XLSX; ``all.xlsx`` is a workbook of every table."""
    if fmt not in FORMATS or (name not in BUILDERS and not (name == "all" and fmt == "xlsx")):
        abort(404)
    session = work_session()
    user = current_actor()
    if not can_export_reports(user):
        abort(403)
    dash, agency_code = _scope_dashboard(session, request.args, rows=EXPORT_ROWS)
    selected = list(BUILDERS) if name == "all" else [name]
    body, rows, level = export(dash, AgencyNames(session), user, selected, fmt, agency_code)
    audit(
        "report.export",
        level=level,
        table=name,
        format=fmt,
        rows=rows,
        **_audit_detail(dash, agency_code),
    )
    filename = f"{name}_{dash.scope.period.code.replace('..', '_')}.{fmt}"
    return Response(
        body,
        mimetype=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _particulars(form: Mapping[str, str], province: str) -> Particulars:
    get = form.get
    issued = (get("issued_on") or "").strip()
    try:
        issued_on = date.fromisoformat(issued) if issued else None
    except ValueError as err:
        raise RuleError("invalid_input", field="issued_on") from err
    recipients = [
        line.strip().lstrip("-").strip() for line in (get("recipients") or "").splitlines()
    ]
    return Particulars(
        province=(get("province") or province).strip(),
        number=(get("number") or "").strip(),
        issued_on=issued_on,
        place=(get("place") or "").strip(),
        subject=(get("subject") or "").strip(),
        signer_authority=get("signer_authority"),
        signer_title=get("signer_title"),
        signer_name=get("signer_name", ""),
        recipients=[line for line in recipients if line] or None,
    )


@bp.route("/reports/summary", methods=["GET", "POST"])
def summary() -> ResponseReturnValue:
    """The form of the periodic summary report, and the DOCX it generates."""
    session = work_session()
    user = current_actor()
    if not can_generate_summary(user):
        abort(403)
    agency: Agency = user.agency
    today = local_today()
    province = services().settings.province
    form = request.form if request.method == "POST" else request.args
    period = _current_half(today)
    try:
        period = Period.parse(form.get("period") or period.code)
        if request.method == "POST":
            particulars = _particulars(form, province)
            if not particulars.province:
                raise RuleError("report.province_required")
            return _summary_docx(session, period, agency, particulars)
    except RuleError as err:
        flash(message(err), "error")
    issuer = issuer_of(agency)
    return render_template(
        "reports/summary.html",
        form=form,
        period=period,
        choices=period_choices(today),
        period_label=period_label,
        province=province,
        today=today,
        default_subject=default_subject(agency, period),
        default_recipients="\n".join(default_recipients(agency)),
        issuer=issuer,
    )


def _current_half(today: date) -> Period:
    """The half-year a summary is most often about: the current one."""
    return Period.half(today.year, 1 if today.month <= 6 else 2)


def _summary_docx(
    session: Session, period: Period, agency: Agency, particulars: Particulars
) -> ResponseReturnValue:
    dash, _agency = _scope_dashboard(session, {"period": period.code}, rows=0)
    with force_locale("vi"):
        report = compose(dash, agency, AgencyNames(session), particulars)
        body = render(with_scorecard(session, current_actor(), report, period))
    audit(
        "report.summary",
        period=period.code,
        number=particulars.number,
        issued_on=(particulars.issued_on or dash.scope.today).isoformat(),
    )
    filename = f"bao-cao-{period.code.replace('..', '_')}.docx"
    return Response(
        body,
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
