"""Home, language switch and the health page."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from webapp.health import check_all
from webapp.i18n import LOCALES
from webapp.services import services

bp = Blueprint("main", __name__)


@bp.get("/")
def index() -> ResponseReturnValue:
    return render_template("index.html")


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
