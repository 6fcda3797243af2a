"""Home (the user's desk, *Bàn làm việc*), language switch and the health page."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from records import desk as desks
from records.calendar import local_today
from webapp.actor import current_actor
from webapp.blueprints.notifications import shown
from webapp.features.casework import work_session, working_calendar
from webapp.health import check_all
from webapp.i18n import LOCALES
from webapp.services import services

bp = Blueprint("main", __name__)


@bp.get("/")
def index() -> ResponseReturnValue:
    """The desk: deadlines, unread notifications, recent work, what waits for review."""
    session = work_session()
    user = current_actor()
    desk = desks.build(
        session,
        user,
        local_today(),
        working_calendar(session),
        ocr_threshold=services().settings.ocr_review_threshold,
    )
    notifications = shown(session, user, desk.notifications)
    return render_template("desk.html", desk=desk, notifications=notifications)


@bp.post("/locale/<code>")
def set_locale(code: str) -> ResponseReturnValue:
    if code in LOCALES:
        session["locale"] = code
    target = request.referrer or url_for("main.index")
    if not target.startswith(request.host_url):
        target = url_for("main.index")
    return redirect(target)


@bp.get("/health")
def health() -> ResponseReturnValue:
    states = check_all(services())
    healthy = all(state.ok for state in states)
    code = 200 if healthy else 503
    if request.accept_mimetypes.best == "application/json" or request.args.get("format") == "json":
        return jsonify(
            status="ok" if healthy else "degraded",
            services={s.name: {"ok": s.ok, "detail": s.detail} for s in states},
        ), code
    return render_template("health.html", states=states, healthy=healthy), code
