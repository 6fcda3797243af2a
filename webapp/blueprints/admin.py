"""Administration: user accounts (and, through ADMIN_SECTIONS, other modules' settings).

Every permission change is audited with its before and after by ``records.accounts``.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, or_, select

from records import accounts, audit
from records.codes import CONFIDENTIALITY, ROLES
from records.errors import RuleError
from records.models import Agency, User
from records.models.base import utcnow
from records.policy import can_manage_users
from webapp.auditing import audit as audit_request
from webapp.auditing import deny
from webapp.db_session import db_session
from webapp.labels import message
from webapp.paging import Page, page_number

bp = Blueprint("admin", __name__, url_prefix="/admin")

PAGE_SIZE = 50


@dataclass(frozen=True)
class AdminSection:
    endpoint: str
    label: object
    description: object


#: Sections of the administration page; a section appears when its endpoint exists.
ADMIN_SECTIONS = [
    AdminSection(
        "admin.users",
        _l("Tài khoản người dùng"),
        _l("Tạo tài khoản, phân quyền, mức tiếp cận bí mật, khóa và mở khóa."),
    ),
    AdminSection(
        "audit.index", _l("Nhật ký truy cập"), _l("Các sự kiện đăng nhập và thay đổi tài khoản.")
    ),
    AdminSection(
        "case_codes.index",
        _l("Mẫu mã vụ việc"),
        _l("Cách hệ thống cấp mã vụ việc cho từng cơ quan chủ trì."),
    ),
    AdminSection(
        "mailboxes.index",
        _l("Hộp thư nhận văn bản"),
        _l("Các hộp thư được nhận tự động: lần nhận gần nhất, số thư và lỗi."),
    ),
]


@bp.before_request
def administrators_only() -> None:
    """Refuse (403, audited) anyone who may not administer; the admin blueprints' guard."""
    if not can_manage_users(current_user):
        deny("admin.access", path=request.path)


@bp.get("/")
def index() -> ResponseReturnValue:
    sections = [s for s in ADMIN_SECTIONS if s.endpoint in current_app.view_functions]
    return render_template("admin/index.html", sections=sections)


@bp.get("/users")
def users() -> ResponseReturnValue:
    db = db_session()
    query = select(User).join(Agency, Agency.id == User.agency_id)
    text = request.args.get("q", "").strip()
    if text:
        pattern = f"%{text.lower()}%"
        query = query.where(
            or_(func.lower(User.username).like(pattern), func.lower(User.full_name).like(pattern))
        )
    agency = request.args.get("agency", "")
    if agency:
        query = query.where(Agency.code == agency)
    role = request.args.get("role", "")
    status = request.args.get("status", "")
    if status == "inactive":
        query = query.where(User.active.is_(False))
    elif status == "locked":
        query = query.where(User.locked_until > utcnow())
    rows = list(db.scalars(query.order_by(Agency.code, User.username)))
    if role:  # roles is a JSON list: filtered here, the list of accounts is small
        rows = [user for user in rows if role in user.roles]
    page = Page.of(rows, page_number(), PAGE_SIZE)
    audit_request("user.list", q=text, agency=agency, role=role, status=status)
    return render_template(
        "admin/users.html",
        page=page,
        agencies=_agencies(),
        roles=ROLES,
        now=utcnow(),
    )


@bp.route("/users/new", methods=["GET", "POST"])
def create_user() -> ResponseReturnValue:
    if request.method == "POST":
        db = db_session()
        temporary = accounts.temporary_password()
        try:
            user = accounts.create_user(
                db,
                username=request.form.get("username", ""),
                agency_code=request.form.get("agency", ""),
                roles=request.form.getlist("roles"),
                clearance=request.form.get("clearance", ""),
                password=temporary,
                actor=current_user,
                ip=request.remote_addr or "",
                full_name=request.form.get("full_name", ""),
                email=request.form.get("email", ""),
                temporary=True,
            )
        except RuleError as err:
            db.rollback()
            flash(message(err), "error")
        else:
            return render_template("admin/password_shown.html", user=user, password=temporary)
    return render_template(
        "admin/user_form.html",
        user=None,
        agencies=_agencies(),
        roles=ROLES,
        levels=CONFIDENTIALITY,
        form=request.form,
    )


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int) -> ResponseReturnValue:
    db = db_session()
    user = db.get(User, user_id) or abort(404)
    if request.method == "POST":
        try:
            accounts.update_user(
                db,
                user,
                actor=current_user,
                ip=request.remote_addr or "",
                agency=request.form.get("agency", user.agency.code),
                roles=request.form.getlist("roles"),
                clearance=request.form.get("clearance", user.clearance),
                active=request.form.get("active") == "1",
                full_name=request.form.get("full_name", user.full_name),
                email=request.form.get("email", user.email),
            )
        except RuleError as err:
            db.rollback()
            flash(message(err), "error")
        else:
            flash(_("Đã lưu tài khoản %(name)s.", name=user.username), "success")
            return redirect(url_for("admin.edit_user", user_id=user.id))
    audit_request("user.view", object_type="user", object_id=user.id)
    return render_template(
        "admin/user_form.html",
        user=user,
        agencies=_agencies(),
        roles=ROLES,
        levels=CONFIDENTIALITY,
        form=None,
        now=utcnow(),
    )


@bp.post("/users/<int:user_id>/unlock")
def unlock(user_id: int) -> ResponseReturnValue:
    db = db_session()
    user = db.get(User, user_id) or abort(404)
    accounts.unlock(db, user, actor=current_user, ip=request.remote_addr or "")
    flash(_("Đã mở khóa tài khoản %(name)s.", name=user.username), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.post("/users/<int:user_id>/reset-password")
def reset_password(user_id: int) -> ResponseReturnValue:
    db = db_session()
    user = db.get(User, user_id) or abort(404)
    temporary = accounts.temporary_password()
    try:
        accounts.set_password(
            db, user, temporary, actor=current_user, ip=request.remote_addr or "", temporary=True
        )
    except RuleError as err:  # a random password is never weak
        flash(message(err), "error")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template("admin/password_shown.html", user=user, password=temporary)


@bp.post("/users/<int:user_id>/reset-second-factor")
def reset_second_factor(user_id: int) -> ResponseReturnValue:
    """For a user who lost their phone: they enrol again at their next sign-in."""
    db = db_session()
    user = db.get(User, user_id) or abort(404)
    user.totp_secret = None
    user.totp_last_step = None
    audit.record(
        db,
        current_user,
        "user.totp_reset",
        object_type="user",
        object_id=user.id,
        ip=request.remote_addr or "",
    )
    flash(_("Đã gỡ xác thực hai lớp của %(name)s.", name=user.username), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


def _agencies() -> list[Agency]:
    return list(db_session().scalars(select(Agency).order_by(Agency.id)))
