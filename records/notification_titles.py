"""Notification titles by key, so each reader sees them in their language.

A notification stores its title's key and parameters beside the Vietnamese text: the web
app translates the template (these Vietnamese strings are its message ids, marked with
``N_`` for extraction) and fills in the parameters; the stored text serves e-mail, the API
and rows written before keys existed. Parameters are data (codes, numbers, names, dates
written dd/mm/yyyy), never words of the interface.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def N_(text: str) -> str:
    """Mark a template for extraction (gettext's convention); translated when shown."""
    return text


TEMPLATES: dict[str, str] = {
    "case.lead": N_("Cơ quan được giao chủ trì vụ việc %(case)s"),
    "case.coordinate": N_("Cơ quan được giao phối hợp vụ việc %(case)s"),
    "case.handler": N_("Bạn được giao thụ lý vụ việc %(case)s"),
    "case.referral_overdue": N_(
        "Vụ việc %(case)s có dấu hiệu tội phạm chưa được chuyển cơ quan điều tra (hạn %(due)s)"
    ),
    "request.created": N_("%(body)s đề nghị cung cấp thông tin %(request)s"),
    "request.assigned": N_("Bạn được giao trả lời yêu cầu thông tin %(request)s"),
    "request.answered": N_("%(body)s đã trả lời yêu cầu thông tin %(request)s"),
    "request.due_changed": N_("Hạn trả lời yêu cầu %(request)s đổi thành %(due)s"),
    "request.withdrawn": N_("%(body)s đã rút yêu cầu thông tin %(request)s"),
    "request.overdue": N_("Yêu cầu thông tin %(request)s đã quá hạn trả lời (%(due)s)"),
    "request.near": N_("Yêu cầu thông tin %(request)s sắp đến hạn trả lời (%(due)s)"),
    "transfer.received": N_("%(body)s chuyển hồ sơ có dấu hiệu tội phạm %(transfer)s"),
    "transfer.outcome": N_("%(body)s đã trả lời việc chuyển hồ sơ %(transfer)s"),
    "transfer.overdue": N_("Quá hạn trả lời việc chuyển hồ sơ %(transfer)s (%(due)s)"),
    "transfer.near": N_("Sắp đến hạn trả lời việc chuyển hồ sơ %(transfer)s (%(due)s)"),
    "vetting.created": N_("%(body)s đề nghị cho ý kiến thẩm định cán bộ #%(id)s"),
    "vetting.answered": N_("%(body)s đã trả lời đề nghị thẩm định cán bộ #%(id)s"),
    "vetting.withdrawn": N_("%(body)s đã rút đề nghị thẩm định cán bộ #%(id)s"),
    "vetting.overdue": N_("Đề nghị thẩm định cán bộ #%(id)s đã quá hạn trả lời (%(due)s)"),
    "vetting.near": N_("Đề nghị thẩm định cán bộ #%(id)s sắp đến hạn trả lời (%(due)s)"),
    "meeting.invited": N_("Mời dự giao ban %(meeting)s ngày %(day)s"),
    "follow_up.assigned": N_(
        "Kết luận giao ban giao nhiệm vụ #%(id)s (giao ban #%(meeting)s), hạn %(due)s"
    ),
    "follow_up.done": N_("%(body)s đã báo cáo thực hiện nhiệm vụ #%(id)s (giao ban #%(meeting)s)"),
    "follow_up.overdue": N_("Nhiệm vụ #%(id)s (giao ban #%(meeting)s) đã quá hạn (%(due)s)"),
    "follow_up.near": N_("Nhiệm vụ #%(id)s (giao ban #%(meeting)s) sắp đến hạn (%(due)s)"),
    "plan.overlap": N_(
        "Kế hoạch thanh tra, kiểm tra năm %(year)s chồng chéo: %(first)s và %(second)s"
    ),
    "proposal.created": N_(
        "%(body)s đề nghị đưa vụ việc %(case)s vào diện theo dõi, chỉ đạo (#%(id)s)"
    ),
    "proposal.reviewed": N_("Ban Nội chính đã thẩm định đề nghị #%(id)s (vụ việc %(case)s)"),
    "proposal.decided": N_(
        "Đã ghi nhận quyết định của Ban Thường vụ về đề nghị #%(id)s (vụ việc %(case)s)"
    ),
    "petition.overdue": N_("Đơn số %(number)s đã quá hạn %(rule)s (%(due)s)"),
    "petition.near": N_("Đơn số %(number)s sắp đến hạn %(rule)s (%(due)s)"),
    "saved_search.match": N_("Tài liệu mới khớp tìm kiếm đã lưu «%(name)s»: %(what)s"),
    "saved_search.secret": N_("Tài liệu mới khớp tìm kiếm đã lưu «%(name)s»: một văn bản mật"),
    "saved_search.secret_numbered": N_(
        "Tài liệu mới khớp tìm kiếm đã lưu «%(name)s»: văn bản mật số %(number)s"
    ),
}


@dataclass(frozen=True)
class Title:
    """A notification title: its key and parameters; :attr:`text` is the Vietnamese."""

    key: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return TEMPLATES[self.key] % self.params


def title(key: str, **params: object) -> Title:
    """The title ``key`` with ``params`` (KeyError for a key or parameter not known)."""
    made = Title(key, {name: str(value) for name, value in params.items()})
    _ = made.text  # a wrong key or parameter fails here, not when a reader opens it
    return made
