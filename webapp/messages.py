"""Vietnamese (translated) messages for the reasons the core gives in codes."""

from __future__ import annotations

from flask_babel import gettext as _

from records.accounts import AccountError
from records.passwords import MIN_LENGTH, WeakPassword


def weak_password(err: WeakPassword) -> str:
    if err.reason == "too_short":
        return _("Mật khẩu phải có ít nhất %(n)d ký tự.", n=MIN_LENGTH)
    if err.reason == "username":
        return _("Mật khẩu không được chứa tên đăng nhập.")
    return _("Mật khẩu quá phổ biến hoặc quá đơn giản; hãy chọn mật khẩu khác.")


def account_error(err: AccountError) -> str:
    messages = {
        "agency_unknown": _("Cơ quan không tồn tại."),
        "roles_invalid": _("Vai trò không hợp lệ; chọn ít nhất một vai trò."),
        "clearance_invalid": _("Mức tiếp cận bí mật không hợp lệ."),
        "username_invalid": _(
            "Tên đăng nhập gồm 2–64 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch ngang "
            "hoặc gạch dưới."
        ),
        "username_taken": _("Tên đăng nhập đã được dùng."),
        "self_demotion": _("Quản trị viên không thể tự bỏ quyền quản trị của mình."),
        "password_unchanged": _("Mật khẩu mới phải khác mật khẩu hiện tại."),
    }
    return messages.get(err.code, str(err))
