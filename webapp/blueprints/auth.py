"""Signing in and out: password, second factor (TOTP), lock-out, rate limits, sessions.

Sign-in POSTs are rate-limited (webapp.ratelimit). Every request passes :func:`_gate`:
the API takes a bearer token or a session, pages take a session. A session expires after
an idle time and a maximum age, ends when its password changes or its account is
deactivated, and is created anew at each sign-in (no fixation). Requests on a session are
checked for CSRF; bearer-token requests are not (no cookie, no CSRF), and a ``read`` token
may only read.
"""

from __future__ import annotations

import time
from datetime import timedelta
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Request

from records import accounts, audit, sign_in_sessions, tokens, totp
from records.models import User
from records.models.base import utcnow
from records.policy import may_use_tokens, needs_second_factor
from webapp.db_session import db_session
from webapp.extensions import csrf, login_manager
from webapp.services import services

bp = Blueprint("auth", __name__)

#: Endpoints reachable without signing in.
PUBLIC_ENDPOINTS = {
    "auth.login",
    "auth.second_factor",
    "main.health",
    "main.set_locale",
    "static",
    "api.openapi_document",
    "ops.livez",
    "ops.readyz",
    "ops.prometheus",
}
#: What a signed-in user may still reach before finishing a required step
#: (choosing a new password, enrolling the second factor).
SETUP_ENDPOINTS = {
    "auth.logout",
    "account.password",
    "account.totp",
    "account.totp_qr",
    "main.set_locale",
    "static",
}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
#: A session is signed in again after this long, however active.
MAX_SESSION_AGE_S = int(sign_in_sessions.MAX_AGE.total_seconds())
#: The second factor must be given this soon after the password.
SECOND_FACTOR_WINDOW_S = 300


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    app.before_request(_gate)
    accounts.dummy_hash()  # made now, so an unknown name's first sign-in takes no longer


def password_stamp(user: User) -> str:
    """Changes whenever the password does, which ends the sessions made with the old one."""
    return user.password_changed_at.isoformat() if user.password_changed_at else ""


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    db = db_session()
    user = db.get(User, int(user_id))
    if user is None or not user.active or session.get("pwd") != password_stamp(user):
        return None
    if not sign_in_sessions.is_open(db, user.id, session.get("key")):
        return None  # signed out or expired: a copy of the old cookie signs nobody in
    return user


@login_manager.request_loader
def _load_token_user(req: Request) -> User | None:
    raw = bearer_token(req)
    if raw is None or not req.path.startswith("/api/"):
        return None
    db = db_session()
    token = tokens.authenticate(db, raw, ip=req.remote_addr or "")
    if token is None:
        return None
    g.api_token = token
    return token.user


def bearer_token(req: Request) -> str | None:
    scheme, _, value = req.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _gate() -> ResponseReturnValue | None:
    api = request.path.startswith("/api/")
    if request.endpoint in PUBLIC_ENDPOINTS:
        csrf.protect(apply_exemptions=True)
        return None
    if not current_user.is_authenticated:
        if api:
            if bearer_token(request) is not None:
                return _api_error(401, "invalid_token", "the token is unknown, expired or revoked")
            return _api_error(401, "unauthorized", "sign in or send an API token")
        return login_manager.unauthorized()
    token = g.get("api_token")
    if token is not None:
        if not may_use_tokens(current_user):
            return _api_error(
                403,
                "second_factor_required",
                "this account's tokens work once its second factor (TOTP) is enrolled",
            )
        if request.method not in SAFE_METHODS and token.scope != "read_write":
            return _api_error(403, "read_only_token", "this token may only read")
        return None
    expired = _session_expired()
    if expired:
        if api:
            # A 401 rolls the request's work back: the sign-in session is closed on the
            # server in a transaction of its own (nothing else is written before this gate).
            with services().db.session() as apart:
                sign_in_sessions.end(apart, session.get("key"))
        _end_session()
        if api:
            return _api_error(401, "session_expired", "the session has expired; sign in again")
        flash(_("Phiên làm việc đã hết hạn, vui lòng đăng nhập lại."), "error")
        return redirect(url_for("auth.login", next=request.full_path))
    session["seen"] = int(time.time())
    csrf.protect(apply_exemptions=True)
    return _required_step(api)


def _session_expired() -> bool:
    now = time.time()
    idle = services().settings.session_idle_minutes * 60
    return (
        now - session.get("seen", 0) > idle or now - session.get("auth_at", 0) > MAX_SESSION_AGE_S
    )


def _required_step(api: bool) -> ResponseReturnValue | None:
    """A temporary password must be replaced, and an administrator must use a second factor."""
    if request.endpoint in SETUP_ENDPOINTS:
        return None
    if current_user.must_change_password:
        target, message = "account.password", _("Vui lòng đặt mật khẩu mới trước khi tiếp tục.")
    elif needs_second_factor(current_user) and not current_user.totp_secret:
        target = "account.totp"
        message = _("Quản trị viên phải bật xác thực hai lớp trước khi tiếp tục.")
    else:
        return None
    if api:
        return _api_error(403, "setup_required", "finish the required account setup first")
    flash(message, "error")
    return redirect(url_for(target))


def _api_error(code: int, error: str, message: str) -> ResponseReturnValue:
    return jsonify(error=error, message=message), code


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    if request.method == "POST":
        settings = services().settings
        db = db_session()
        attempt = accounts.check_login(
            db,
            request.form.get("username", ""),
            request.form.get("password", ""),
            ip=request.remote_addr or "",
            max_failures=settings.login_max_failures,
            lockout=timedelta(minutes=settings.lockout_minutes),
        )
        if attempt.outcome == "ok" and attempt.user is not None:
            user = attempt.user
            if user.totp_secret:
                _fresh_session()
                session["pending_user"] = user.id
                session["pending_at"] = int(time.time())
                session["pending_next"] = request.args.get("next", "")
                return redirect(url_for("auth.second_factor"))
            return _complete_login(user, method="password")
        _flash_refusal(attempt.outcome)
    return render_template("auth/login.html")


@bp.route("/login/second-factor", methods=["GET", "POST"])
def second_factor() -> ResponseReturnValue:
    db = db_session()
    pending = session.get("pending_user")
    started = session.get("pending_at", 0)
    user = db.get(User, pending) if pending else None
    if user is None or time.time() - started > SECOND_FACTOR_WINDOW_S:
        _fresh_session()
        flash(_("Vui lòng đăng nhập lại."), "error")
        return redirect(url_for("auth.login"))
    if request.method == "POST":
        if not user.active or (user.locked_until and user.locked_until > utcnow()):
            _fresh_session()
            _flash_refusal("locked")
            return redirect(url_for("auth.login"))
        if totp.verify(user, request.form.get("code", "")):
            return _complete_login(user, method="password+totp")
        settings = services().settings
        attempt = accounts.register_failure(
            db,
            user,
            ip=request.remote_addr or "",
            max_failures=settings.login_max_failures,
            lockout=timedelta(minutes=settings.lockout_minutes),
            reason="second_factor",
        )
        if attempt.outcome == "locked":
            _fresh_session()
            _flash_refusal("locked")
            return redirect(url_for("auth.login"))
        flash(_("Mã xác thực không đúng."), "error")
    return render_template("auth/second_factor.html")


def _flash_refusal(outcome: str) -> None:
    if outcome == "locked":
        minutes = services().settings.lockout_minutes
        flash(
            _(
                "Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau %(minutes)d phút "
                "hoặc liên hệ quản trị viên.",
                minutes=minutes,
            ),
            "error",
        )
    else:
        flash(_("Tên đăng nhập hoặc mật khẩu không đúng."), "error")


def _fresh_session() -> None:
    """Drop everything the old session held, keeping only the chosen language; a signed-in
    session is closed on the server too, so a copy of its cookie signs nobody in."""
    key = session.get("key")
    if key:
        db = db_session()
        sign_in_sessions.end(db, key)
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale


def _complete_login(user: User, *, method: str) -> ResponseReturnValue:
    target = session.get("pending_next") or request.args.get("next")
    _fresh_session()
    login_user(user)
    now = int(time.time())
    db = db_session()
    session["key"] = sign_in_sessions.start(db, user, ip=request.remote_addr or "")
    session["pwd"] = password_stamp(user)
    # Creating an API token of an account that needs the second factor asks for this.
    session["second_factor"] = method == "password+totp"
    session["auth_at"] = now
    session["seen"] = now
    accounts.record_login(db, user, ip=request.remote_addr or "", method=method)
    return redirect(_safe_next(target))


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    if current_user.is_authenticated:
        db = db_session()
        audit.record(
            db,
            current_user,
            "logout",
            object_type="user",
            object_id=current_user.id,
            ip=request.remote_addr or "",
        )
    _end_session()
    return redirect(url_for("auth.login"))


def _end_session() -> None:
    logout_user()
    _fresh_session()


def _safe_next(target: str | None) -> str:
    return target if target and is_local_path(target) else url_for("main.index")


def is_local_path(target: str) -> bool:
    """``target`` is a path on this site, as a browser would read it.

    Browsers drop tabs and newlines from a URL and read a backslash as a slash, so
    ``/%09/evil.example`` and ``/%5Cevil.example`` (decoded) lead off-site just like
    ``//evil.example``: only one leading slash followed by printable characters, without
    whitespace or backslashes, is accepted.
    """
    if not target.startswith("/") or target.startswith("//"):
        return False
    if any(char == "\\" or char.isspace() or not char.isprintable() for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc
