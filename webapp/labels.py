"""Display names of codes (roles, confidentiality levels), for templates."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

ROLE_LABELS = {
    "administrator": _l("Quản trị viên"),
    "leader": _l("Lãnh đạo"),
    "officer": _l("Chuyên viên"),
    "clerk": _l("Văn thư"),
    "auditor": _l("Kiểm tra nhật ký"),
    "viewer": _l("Chỉ xem"),
}
LEVEL_LABELS = {
    "thuong": _l("Thường"),
    "mat": _l("Mật"),
    "toi_mat": _l("Tối mật"),
    "tuyet_mat": _l("Tuyệt mật"),
}


def role_label(code: str) -> str:
    return str(ROLE_LABELS.get(code, code))


def level_label(code: str) -> str:
    return str(LEVEL_LABELS.get(code, code))


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(role_label=role_label, level_label=level_label)
