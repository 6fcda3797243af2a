"""My account: password, the second factor (TOTP) and personal API tokens."""

from __future__ import annotations

import io
from datetime import timedelta

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from records import accounts, audit, tokens, totp
from records.errors import RuleError
from records.models import ApiToken
from records.models.base import utcnow
from records.passwords import MIN_LENGTH
from records.policy import can_create_token, can_manage_token
from webapp.auditing import deny
from webapp.blueprints.auth import password_stamp
from webapp.db_session import db_session
from webapp.labels import message

bp = Blueprint("account", __name__, url_prefix="/account")

#: Token lifetimes offered in the form, in days (0: no expiry).
TOKEN_LIFETIMES = (30, 90, 365, 0)
SIGN_IN_WITH_SECOND_FACTOR = _l(
    "Tài khoản này chỉ tạo được mã truy cập trong phiên đăng nhập có xác thực hai lớp; "
    "hãy đăng xuất rồi đăng nhập lại bằng mã xác thực."
)


@bp.get("/")
def index() -> ResponseReturnValue:
    user_tokens = db_session().scalars(
        select(ApiToken).where(ApiToken.user_id == current_user.id).order_by(ApiToken.id.desc())
    )
    return render_template(
        "account/index.html",
        tokens=list(user_tokens),
        lifetimes=TOKEN_LIFETIMES,
        now=utcnow(),
        may_create_token=_may_create_token(),
    )


def _may_create_token() -> bool:
    return can_create_token(current_user, second_factor_used=session.get("second_factor", False))


@bp.route("/password", methods=["GET", "POST"])
def password() -> ResponseReturnValue:
    if request.method == "POST":
        db = db_session()
        current = request.form.get("current_password", "")
        new = request.form.get("new_password", "")
        if not accounts.verify_password(current_user.password_hash, current):
            flash(_("Mật khẩu hiện tại không đúng."), "error")
        elif new != request.form.get("confirm_password", ""):
            flash(_("Hai lần nhập mật khẩu mới không khớp."), "error")
        else:
            try:
                accounts.set_password(
                    db, current_user, new, actor=current_user, ip=request.remote_addr or ""
                )
            except RuleError as err:
                db.rollback()
                flash(message(err), "error")
            else:
                session["pwd"] = password_stamp(current_user)
                flash(_("Đã đổi mật khẩu."), "success")
                return redirect(url_for("account.index"))
    return render_template("account/password.html", min_length=MIN_LENGTH)


@bp.route("/totp", methods=["GET", "POST"], endpoint="totp")
def totp_setup() -> ResponseReturnValue:
    """Enrol the second factor: scan the QR code (or type the URI), confirm with a code."""
    if current_user.totp_secret:
        return render_template("account/totp_enabled.html")
    secret = session.get("totp_new")
    if not secret:
        secret = session["totp_new"] = totp.new_secret()
    if request.method == "POST":
        step = totp.matching_step(secret, request.form.get("code", ""))
        if step is not None:
            db = db_session()
            current_user.totp_secret = secret
            current_user.totp_last_step = step
            audit.record(
                db,
                current_user,
                "user.totp_enable",
                object_type="user",
                object_id=current_user.id,
                ip=request.remote_addr or "",
            )
            session.pop("totp_new", None)
            flash(_("Đã bật xác thực hai lớp."), "success")
            return redirect(url_for("account.index"))
        flash(_("Mã xác thực không đúng; kiểm tra đồng hồ của điện thoại và thử lại."), "error")
    uri = totp.provisioning_uri(current_user.username, secret)
    return render_template("account/totp.html", uri=uri, secret=secret)


@bp.get("/totp/qr.svg")
def totp_qr() -> ResponseReturnValue:
    """The pending secret's otpauth URI as an SVG QR code (an image: no script, no inline)."""
    secret = session.get("totp_new")
    if not secret or current_user.totp_secret:
        abort(404)
    qr = segno.make(totp.provisioning_uri(current_user.username, secret), error="m")
    svg = io.BytesIO()
    qr.save(svg, kind="svg", scale=5, border=2, title="hoso")
    return Response(svg.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})


@bp.post("/totp/disable")
def totp_disable() -> ResponseReturnValue:
    if current_user.has_role("administrator"):
        flash(_("Quản trị viên bắt buộc dùng xác thực hai lớp."), "error")
        return redirect(url_for("account.index"))
    if not (
        accounts.verify_password(current_user.password_hash, request.form.get("password", ""))
        and totp.verify(current_user, request.form.get("code", ""))
    ):
        flash(_("Mật khẩu hoặc mã xác thực không đúng."), "error")
        return redirect(url_for("account.index"))
    db = db_session()
    current_user.totp_secret = None
    current_user.totp_last_step = None
    audit.record(
        db,
        current_user,
        "user.totp_disable",
        object_type="user",
        object_id=current_user.id,
        ip=request.remote_addr or "",
    )
    flash(_("Đã tắt xác thực hai lớp."), "success")
    return redirect(url_for("account.index"))


@bp.post("/tokens")
def create_token() -> ResponseReturnValue:
    if not _may_create_token():
        flash(SIGN_IN_WITH_SECOND_FACTOR, "error")
        return redirect(url_for("account.index"))
    db = db_session()
    try:
        days = int(request.form.get("lifetime_days", "90"))
    except ValueError:
        abort(400)
    if days not in TOKEN_LIFETIMES:
        abort(400)
    expires = utcnow() + timedelta(days=days) if days else None
    try:
        token, secret = tokens.issue(
            db,
            current_user,
            request.form.get("name", ""),
            scope=request.form.get("scope", "read"),
            expires_at=expires,
            ip=request.remote_addr or "",
        )
    except RuleError as err:
        flash(message(err), "error")
        return redirect(url_for("account.index"))
    # The secret is shown on this response only; it is never stored or shown again.
    return render_template("account/token_created.html", token=token, secret=secret)


@bp.post("/tokens/<int:token_id>/revoke")
def revoke_token(token_id: int) -> ResponseReturnValue:
    db = db_session()
    token = db.get(ApiToken, token_id)
    if token is None or not can_manage_token(current_user, token):
        deny("token.revoke", object_type="api_token", object_id=token_id, answer=404)
    tokens.revoke(db, token, actor=current_user, ip=request.remote_addr or "")
    flash(_("Đã thu hồi mã truy cập %(name)s.", name=token.name), "success")
    return redirect(url_for("account.index"))
