"""Presenting the figures of ``records.reports``: labelled tables, charts, exports (CSV,
XLSX), JSON, and the periodic summary report (DOCX). Shared by the pages, the REST API and
the ``hoso report`` commands."""

from __future__ import annotations

from functools import partial

from flask_babel import force_locale

from records.codes import clearance_rank
from records.models import User
from records.petitions.codes import CONFIDENTIALITY_LABELS
from records.policy import may_copy_subject
from records.reports import Dashboard
from webapp.reporting.exports import redacted, to_csv, to_xlsx
from webapp.reporting.labels import AgencyNames, period_label
from webapp.reporting.tables import Cell, Table, build_tables

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def level_mark(level: str) -> str:
    """What an export shows instead of a subject its reader may not copy: "[Mật]"."""
    return f"[{CONFIDENTIALITY_LABELS.get(level, level)}]"


def scope_line(dashboard: Dashboard, names: AgencyNames, agency_code: str | None) -> str:
    scope = dashboard.scope
    parts = [f"Kỳ: {period_label(scope.period)}"]
    if agency_code:
        parts.append(f"Cơ quan: {names(agency_code)}")
    parts.append(f"Số liệu tính đến ngày {scope.today:%d/%m/%Y}")
    return "; ".join(parts)


def export(
    dashboard: Dashboard,
    names: AgencyNames,
    user: User,
    selected: list[str],
    fmt: str,
    agency_code: str | None,
) -> tuple[bytes, int, str]:
    """The file of the ``selected`` tables, in Vietnamese whatever the user's language;
    returns its bytes, the number of rows and the highest level of the objects listed."""
    may_copy = partial(may_copy_subject, user)
    with force_locale("vi"):
        tables = build_tables(dashboard, names)
        line = scope_line(dashboard, names, agency_code)
        sheets: list[tuple[Table, list[list[Cell]]]] = [
            (tables[name], redacted(tables[name], may_copy, level_mark)) for name in selected
        ]
    levels = [row.level for table, _rows in sheets for row in table.rows]
    level = max(levels, key=clearance_rank, default="thuong")
    count = sum(len(rows) for _table, rows in sheets)
    if fmt == "csv":
        table, rows = sheets[0]
        return to_csv(table, rows), count, level
    return to_xlsx(sheets, line), count, level
