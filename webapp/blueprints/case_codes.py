"""Administration: how each body's case codes are generated (``records.case_codes``)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from records import case_codes
from records.calendar import local_today
from records.errors import RuleError
from records.models import Agency
from webapp.blueprints.admin import administrators_only
from webapp.db_session import db_session
from webapp.features.casework import current_agencies
from webapp.labels import message

bp = Blueprint("case_codes", __name__, url_prefix="/admin/case-codes")


bp.before_request(administrators_only)


@bp.get("/")
def index() -> ResponseReturnValue:
    session = db_session()
    agencies = current_agencies(session)
    today = local_today()
    return render_template(
        "admin/case_codes.html",
        agencies=agencies,
        examples={a.id: case_codes.example(a, case_codes.pattern_of(a), today) for a in agencies},
        default=case_codes.DEFAULT_PATTERN,
    )


@bp.post("/<agency_code>")
def save(agency_code: str) -> ResponseReturnValue:
    session = db_session()
    agency = session.scalar(select(Agency).where(Agency.code == agency_code))
    if agency is None:
        abort(404)
    try:
        case_codes.set_pattern(session, current_user, agency, request.form.get("pattern", ""))
    except RuleError as err:
        session.rollback()
        flash(message(err), "error")
        return redirect(url_for("case_codes.index"), code=303)
    flash(
        _(
            "Đã lưu mẫu mã vụ việc của %(name)s; mã tiếp theo: %(code)s.",
            name=agency.name,
            code=case_codes.next_code(session, agency, "vu_viec", local_today()),
        ),
        "success",
    )
    return redirect(url_for("case_codes.index"), code=303)
