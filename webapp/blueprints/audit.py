"""The audit log for auditors (and account events for administrators): filters, pages,
CSV export. Reading the log is itself audited."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace

from flask import Blueprint, Response, render_template, stream_with_context
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import Select, select

from records.audit import AuditFilters, csv_rows, events_query
from records.codes import levels_up_to
from records.models import Agency, AuditEvent
from records.models.base import utcnow
from records.policy import can_read_audit
from webapp.auditing import audit, deny
from webapp.db_session import db_session
from webapp.features.audit import filters_from_args
from webapp.features.denouncers import MaskedEntry, shown_events
from webapp.paging import Page, page_number

bp = Blueprint("audit", __name__, url_prefix="/audit")

PAGE_SIZE = 50
OUTCOMES = ("ok", "denied", "error")
#: Exports stream this many rows per query, so a long period does not fill memory.
EXPORT_BATCH = 1000


@bp.before_request
def _readers_only() -> None:
    if not can_read_audit(current_user):
        deny("audit.view")


def _filter_detail(filters: AuditFilters) -> dict[str, str]:
    return {key: str(value) for key, value in vars(filters).items() if value}


@bp.get("/")
def index() -> ResponseReturnValue:
    db = db_session()
    filters = filters_from_args()
    page = Page.from_query(db, events_query(current_user, filters), page_number(), PAGE_SIZE)
    audit("audit.view", filters=_filter_detail(filters), page=page.number, total=page.total)
    return render_template(
        "audit/index.html",
        page=replace(page, items=shown_events(db, current_user, page.items)),
        filters=filters,
        agencies=list(db.scalars(select(Agency).order_by(Agency.id))),
        levels=levels_up_to(current_user.clearance),
        outcomes=OUTCOMES,
    )


@bp.get("/export.csv")
def export() -> ResponseReturnValue:
    filters = filters_from_args()
    query = events_query(current_user, filters)
    audit("audit.export", filters=_filter_detail(filters))
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    return Response(
        stream_with_context(_csv_lines(query)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="hoso-audit-{stamp}.csv"',
            "Cache-Control": "no-store",
        },
    )


def _csv_lines(query) -> Iterator[str]:  # noqa: ANN001
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # spreadsheets then read the file as UTF-8
    for row in csv_rows(_shown_batches(query)):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _shown_batches(query: Select[tuple[AuditEvent]]) -> Iterator[AuditEvent | MaskedEntry]:
    """The query's events, a batch at a time, as the reader may read them."""
    db = db_session()
    for batch in db.scalars(query.execution_options(yield_per=EXPORT_BATCH)).partitions():
        yield from shown_events(db, current_user, batch)
