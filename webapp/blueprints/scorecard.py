"""The coordination scorecard page (charts and table) and its XLSX: every coordinating
body for the Commission, one's own body for its head."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from records.calendar import local_today
from records.errors import RuleError
from records.models import Agency
from records.policy import can_export_reports, scorecard_agency_ids
from records.reports import Period, default_period
from webapp.actor import current_actor
from webapp.auditing import audit
from webapp.features.casework import work_session
from webapp.labels import message
from webapp.reporting.charts import horizontal
from webapp.reporting.exports import to_xlsx
from webapp.reporting.filters import period_choices, read_period
from webapp.reporting.labels import period_label
from webapp.reporting.scorecard import scorecard_table, scores_for

bp = Blueprint("scorecard", __name__)


def _period() -> Period:
    try:
        return read_period(request.args, local_today())
    except RuleError as err:
        flash(message(err), "error")
        return default_period(local_today())


@bp.get("/scorecard")
def page() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if not scorecard_agency_ids(user, list(session.scalars(select(Agency)))):
        abort(403)
    period = _period()
    scores, agencies = scores_for(session, user, period)
    table = scorecard_table(scores, agencies)
    charts = {
        "requests": horizontal(table, [2, 3, 4], "chart-scorecard-requests"),
        "tasks": horizontal(table, [8, 9, 10], "chart-scorecard-tasks"),
    }
    charts["requests"].title = _("Trả lời yêu cầu cung cấp thông tin")
    charts["tasks"].title = _("Thực hiện nhiệm vụ sau giao ban")
    audit("scorecard.view", period=period.code, bodies=len(scores))
    return render_template(
        "scorecard/index.html",
        table=table,
        charts=charts,
        period=period,
        choices=period_choices(local_today()),
        period_label=period_label,
        can_export=can_export_reports(user),
    )


@bp.get("/scorecard.xlsx")
def export() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if not (
        can_export_reports(user)
        and scorecard_agency_ids(user, list(session.scalars(select(Agency))))
    ):
        abort(403)
    period = _period()
    scores, agencies = scores_for(session, user, period)
    table = scorecard_table(scores, agencies)
    rows = [row.cells for row in table.rows]
    body = to_xlsx([(table, rows)], f"{period_label(period)} — {user.agency.name}")
    audit("scorecard.export", period=period.code, bodies=len(scores))
    return Response(
        body,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="bang-diem-{period.code}.xlsx"'},
    )
