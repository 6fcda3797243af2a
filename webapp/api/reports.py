"""REST endpoints of the dashboard's figures, its tables, and the periodic summary report.
Every figure counts only what the caller may see."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, abort, jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import force_locale

from records.calendar import local_today
from records.errors import RuleError
from records.policy import can_generate_summary, can_see_reports
from records.reports import EXPORT_ROWS, PAGE_ROWS, Period, build
from webapp.actor import current_actor
from webapp.api import route
from webapp.auditing import audit
from webapp.features.casework import work_session, working_calendar
from webapp.reporting.docx_report import render
from webapp.reporting.filters import read_scope
from webapp.reporting.labels import AgencyNames
from webapp.reporting.scorecard import with_scorecard
from webapp.reporting.serialize import dashboard_json, plain
from webapp.reporting.summary import Particulars, compose
from webapp.reporting.tables import BUILDERS, build_tables
from webapp.services import services


def _query(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


FILTERS = [
    _query(
        "period",
        "2026-06 (month), 2026-Q2, 2026-H1, 2026, 2021-2025 (five years), or "
        "2026-02-01..2026-03-15; default: the current year",
    ),
    _query("from", "first day (ISO date), instead of period"),
    _query("to", "last day (ISO date), instead of period"),
    _query(
        "agency",
        "a body's code: petitions it received, cases it leads, transfers and requests it sent "
        "or received",
    ),
    _query("petition_kind", "khieu_nai | to_cao | kien_nghi | phan_anh"),
    _query("case_kind", "vu_viec | vu_an"),
]
ERRORS = {
    "403": {"description": "not allowed"},
    "422": {"description": "unreadable filter: {error, message, detail}"},
}


def _operation(summary: str, parameters: list[dict[str, Any]], content: str) -> dict[str, Any]:
    return {
        "summary": summary,
        "tags": ["reports"],
        "parameters": parameters,
        "responses": {"200": {"description": "OK", "content": {content: {}}}, **ERRORS},
    }


def _dashboard(rows: int) -> Any:
    session = work_session()
    user = current_actor()
    if not can_see_reports(user):
        abort(403)
    scope = read_scope(session, user, request.args, local_today(), working_calendar(session))
    return session, build(session, scope, rows), (request.args.get("agency") or None)


@route(
    "/reports/dashboard",
    {
        "get": _operation(
            "The dashboard's figures: overdue and near-due petitions and requests, the watch "
            "list, transfers to investigators and cases awaiting one, counts by kind, body, "
            "status and period, handling times in working days",
            [
                *FILTERS,
                _query("rows", "rows of each list (default 20, at most 1000)", {"type": "integer"}),
            ],
            "application/json",
        )
    },
)
def dashboard() -> ResponseReturnValue:
    rows = min(max(request.args.get("rows", PAGE_ROWS, type=int), 0), 1000)
    _session, result, agency = _dashboard(rows)
    audit("report.dashboard", period=result.scope.period.code, agency=agency, channel="api")
    return jsonify(dashboard_json(result, agency))


@route(
    "/reports/tables/<name>",
    {
        "get": _operation(
            "One table of the dashboard with Vietnamese headers, as the exports write it "
            f"(name: {', '.join(BUILDERS)})",
            FILTERS,
            "application/json",
        )
    },
)
def table(name: str) -> ResponseReturnValue:
    if name not in BUILDERS:
        abort(404)
    session, result, agency = _dashboard(EXPORT_ROWS)
    with force_locale("vi"):
        found = build_tables(result, AgencyNames(session))[name]
    audit("report.table", table=name, period=result.scope.period.code, agency=agency)
    return jsonify(
        name=found.name,
        title=found.title,
        count=found.count,
        columns=[column.header for column in found.columns],
        rows=[
            {"cells": plain(row.cells), "level": row.level, "total": row.total}
            for row in found.rows
        ],
    )


@route(
    "/reports/summary.docx",
    {
        "get": _operation(
            "The periodic summary report of the caller's body as a DOCX (Vietnamese "
            "administrative format: HD 36 for Party bodies, ND 30/2020 for state bodies)",
            [
                _query("period", "the period's code (see /reports/dashboard)"),
                _query("number", "the report's number (blank: left for the records office)"),
                _query(
                    "issued_on",
                    "date of issue (ISO), default today",
                    {"type": "string", "format": "date"},
                ),
                _query("province", "the province (default HOSO_PROVINCE)"),
                _query("signer_name", "who signs"),
            ],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    },
)
def summary() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if not can_generate_summary(user):
        abort(403)
    args = request.args
    period = Period.parse(args.get("period") or str(local_today().year))
    try:
        issued_on = date.fromisoformat(args["issued_on"]) if args.get("issued_on") else None
    except ValueError as err:
        raise RuleError("invalid_input", field="issued_on") from err
    particulars = Particulars(
        province=(args.get("province") or services().settings.province).strip(),
        number=args.get("number", ""),
        issued_on=issued_on,
        signer_name=args.get("signer_name", ""),
    )
    if not particulars.province:
        raise RuleError("report.province_required")
    scope = read_scope(
        session, user, {"period": period.code}, local_today(), working_calendar(session)
    )
    with force_locale("vi"):
        report = compose(build(session, scope, 0), user.agency, AgencyNames(session), particulars)
        body = render(with_scorecard(session, user, report, period))
    audit("report.summary", period=period.code, number=particulars.number, channel="api")
    return Response(
        body,
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="bao-cao-{period.code}.docx"'},
    )
