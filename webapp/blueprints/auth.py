"""Signing in and out."""

from __future__ import annotations

from flask import Blueprint, Flask, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from records import audit
from records.accounts import verify_password
from records.models import User
from records.models.base import utcnow
from webapp.db_session import db_session
from webapp.extensions import login_manager

bp = Blueprint("auth", __name__)

#: Endpoints reachable without signing in.
PUBLIC_ENDPOINTS = {
    "auth.login",
    "main.health",
    "main.set_locale",
    "static",
    "api.openapi_document",
    "ops.livez",
    "ops.readyz",
    "ops.prometheus",
}


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    app.before_request(_require_login)


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    user = db_session().get(User, int(user_id))
    return user if user is not None and user.active else None


def _require_login() -> ResponseReturnValue | None:
    if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
        return None
    if request.path.startswith("/api/"):
        return jsonify(error="unauthorized", message="sign in or send an API token"), 401
    return login_manager.unauthorized()


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    if request.method == "POST":
        session = db_session()
        username = request.form.get("username", "").strip()
        user = session.scalar(select(User).where(User.username == username))
        if (
            user is not None
            and user.active
            and verify_password(user.password_hash, request.form.get("password", ""))
        ):
            login_user(user)
            user.last_login_at = utcnow()
            audit.record(session, user, "login", ip=request.remote_addr or "")
            session.commit()
            return redirect(_safe_next(request.args.get("next")))
        audit.record(
            session,
            user,
            "login",
            outcome="denied",
            ip=request.remote_addr or "",
            username=username,
        )
        session.commit()
        flash(_("Tên đăng nhập hoặc mật khẩu không đúng."), "error")
    return render_template("auth/login.html")


@bp.post("/logout")
@login_required
def logout() -> ResponseReturnValue:
    session = db_session()
    audit.record(session, current_user, "logout", ip=request.remote_addr or "")
    session.commit()
    logout_user()
    return redirect(url_for("auth.login"))


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("main.index")
