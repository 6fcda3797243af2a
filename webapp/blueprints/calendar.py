"""The working calendar: public holidays and the announced swaps, edited by administrators."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from records.calendar import WorkingCalendar, local_today
from records.models import CalendarDay
from records.models.base import utcnow
from records.petitions.fields import parse_bool, parse_date
from records.policy import can_edit_calendar
from webapp.auditing import audit, deny
from webapp.db_session import db_session

bp = Blueprint("calendar", __name__, url_prefix="/calendar")


def _year() -> int:
    year = request.args.get("year", type=int) or local_today().year
    return min(max(year, 2000), 2100)


@bp.get("/")
def index() -> ResponseReturnValue:
    session = db_session()
    year = _year()
    calendar = WorkingCalendar.load(session)
    special = []
    for day in calendar.days_in(date(year, 1, 1), date(year, 12, 31)):
        weekend = day.weekday() >= 5
        working = calendar.is_working_day(day)
        if working == weekend or day in calendar.overrides:  # a day off midweek, or worked weekend
            special.append((day, working, calendar.describe(day), day in calendar.overrides))
    return render_template(
        "calendar/index.html",
        year=year,
        days=special,
        version=calendar.version,
        editable=can_edit_calendar(current_user),
    )


@bp.post("/")
def save() -> ResponseReturnValue:
    if not can_edit_calendar(current_user):
        deny("calendar.change", object_type="calendar")
    try:
        day = parse_date(request.form.get("day"))
    except ValueError:
        day = None
    note = request.form.get("note", "").strip()
    if day is None or not note:
        flash(_("Cần ngày và căn cứ (số thông báo của cơ quan có thẩm quyền)."), "error")
        return redirect(url_for("calendar.index"), code=303)
    session = db_session()
    row = session.get(CalendarDay, day) or CalendarDay(day=day)
    row.working = parse_bool(request.form.get("working"))
    row.note = note[:500]
    row.changed_by_id = current_user.id
    row.changed_at = utcnow()
    session.add(row)
    audit(
        "calendar.change",
        object_type="calendar",
        object_id=day.isoformat(),
        working=row.working,
        note=row.note,
    )
    flash(
        _(
            "Đã lưu ngày %(day)s. Thời hạn của các đơn đang giải quyết sẽ được tính lại.",
            day=day.strftime("%d/%m/%Y"),
        ),
        "success",
    )
    return redirect(url_for("calendar.index", year=day.year), code=303)


@bp.post("/<day>/delete")
def delete(day: str) -> ResponseReturnValue:
    if not can_edit_calendar(current_user):
        abort(403)
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        abort(404)
    session = db_session()
    row = session.get(CalendarDay, parsed)
    if row is None:
        abort(404)
    session.delete(row)
    audit("calendar.change", object_type="calendar", object_id=day, removed=True)
    return redirect(url_for("calendar.index", year=parsed.year), code=303)
