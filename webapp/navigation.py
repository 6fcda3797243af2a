"""The main menu: each section appears once its blueprint is registered and the user may use it."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object  # a lazy translation
    roles: tuple[str, ...] = ()  # empty: everyone signed in


MENU = (
    NavItem("search.index", _l("Tìm kiếm")),
    NavItem("documents.upload", _l("Tải lên")),
    NavItem("cases.index", _l("Vụ việc")),
    NavItem("petitions.index", _l("Đơn thư")),
    NavItem("requests.index", _l("Yêu cầu thông tin")),
    NavItem("meetings.index", _l("Giao ban"), ("leader", "officer", "clerk", "viewer")),
    NavItem("plans.index", _l("Kế hoạch thanh tra"), ("leader", "officer", "clerk", "viewer")),
    NavItem("proposals.index", _l("Đề nghị theo dõi"), ("leader", "officer")),
    NavItem("vetting.index", _l("Thẩm định cán bộ"), ("leader", "officer")),
    NavItem("scorecard.page", _l("Kết quả phối hợp"), ("leader",)),
    NavItem("reports.dashboard", _l("Theo dõi, báo cáo")),
    NavItem(
        "retention.trash_page", _l("Thùng rác"), ("leader", "officer", "clerk", "administrator")
    ),
    NavItem("retention.disposals", _l("Lưu trữ, hủy"), ("administrator", "archivist")),
    NavItem("audit.index", _l("Nhật ký"), ("auditor", "administrator")),
    NavItem("admin.index", _l("Quản trị"), ("administrator",)),
    NavItem("calendar.index", _l("Lịch làm việc"), ("administrator",)),
)


def menu() -> list[NavItem]:
    if not current_user.is_authenticated:
        return []
    return [
        item
        for item in MENU
        if item.endpoint in current_app.view_functions
        and (not item.roles or current_user.has_role(*item.roles))
    ]


def active_endpoint(items: list[NavItem]) -> str | None:
    """The one menu item to highlight: the page's own, else the first of its section."""
    endpoint = request.endpoint or ""
    if any(item.endpoint == endpoint for item in items):
        return endpoint
    section = endpoint.split(".")[0]
    return next((item.endpoint for item in items if item.endpoint.split(".")[0] == section), None)
