"""Vietnamese labels (translated through Flask-Babel) for codes — roles, confidentiality
levels, casework — and the message of a refusal (``records.errors.RuleError``), translated
from the one catalogue ``records.refusals``."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

# Lazy, and still found by pybabel's default keywords ("pgettext"): a context tells the
# document type "Thông báo" (a notice) from the menu's "Thông báo" (notifications).
from flask_babel import lazy_pgettext as pgettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from records import transfer_rules
from records.cases import LETTER_KEPT_HOME
from records.errors import RuleError, fill
from records.models import Agency
from records.refusals import MESSAGES

CASE_KINDS = {"vu_viec": _l("Vụ việc"), "vu_an": _l("Vụ án")}

CASE_STATUSES = {
    "tiep_nhan": _l("Tiếp nhận"),
    "xac_minh": _l("Xác minh, thanh tra"),
    "chuyen_cqdt": _l("Kiến nghị khởi tố, đã chuyển cơ quan điều tra"),
    "khoi_to": _l("Khởi tố"),
    "dieu_tra": _l("Điều tra"),
    "tam_dinh_chi": _l("Tạm đình chỉ điều tra"),
    "truy_to": _l("Truy tố"),
    "xet_xu_so_tham": _l("Xét xử sơ thẩm"),
    "xet_xu_phuc_tham": _l("Xét xử phúc thẩm"),
    "thi_hanh_an": _l("Thi hành án"),
    "ket_thuc": _l("Kết thúc"),
}

MONITORING_LEVELS = {
    "bcd_trung_uong": _l("Ban Chỉ đạo Trung ương theo dõi, chỉ đạo"),
    "bcd_tinh": _l("Ban Chỉ đạo tỉnh theo dõi, chỉ đạo"),
    "ban_thuong_vu": _l("Ban Thường vụ Tỉnh ủy theo dõi"),
    "co_quan": _l("Cơ quan chủ trì theo dõi"),
}

LEGAL_BASES = {code: _l(basis.label) for code, basis in transfer_rules.LEGAL_BASES.items()}

OUTCOMES = {
    "dang_xu_ly": _l("Đang xử lý"),
    "khoi_to": _l("Khởi tố"),
    "khong_khoi_to": _l("Không khởi tố"),
    "tam_dinh_chi": _l("Tạm đình chỉ"),
    "tra_lai": _l("Trả lại hồ sơ"),
}

REQUEST_STATUSES = {
    "open": _l("Đang chờ trả lời"),
    "overdue": _l("Quá hạn"),
    "answered": _l("Đã trả lời"),
    "withdrawn": _l("Đã rút"),
}

ROLE_LABELS = {
    "administrator": _l("Quản trị viên"),
    "leader": _l("Lãnh đạo"),
    "officer": _l("Chuyên viên"),
    "clerk": _l("Văn thư"),
    "auditor": _l("Kiểm tra nhật ký"),
    "viewer": _l("Chỉ xem"),
    "archivist": _l("Lưu trữ"),
}

CONFIDENTIALITY = {
    "thuong": _l("Thường"),
    "mat": _l("Mật"),
    "toi_mat": _l("Tối mật"),
    "tuyet_mat": _l("Tuyệt mật"),
}

DOC_TYPES = {
    "chi_thi": _l("Chỉ thị"),
    "quyet_dinh": _l("Quyết định"),
    "quy_che": _l("Quy chế"),
    "ke_hoach": _l("Kế hoạch"),
    "bao_cao": _l("Báo cáo"),
    "ket_luan_thanh_tra": _l("Kết luận thanh tra"),
    "thong_bao": pgettext("loại văn bản", "Thông báo"),
    "bien_ban": _l("Biên bản"),
    "cong_van": _l("Công văn"),
    "nghi_quyet": _l("Nghị quyết"),
    "huong_dan": _l("Hướng dẫn"),
    "to_trinh": _l("Tờ trình"),
    "don_khieu_nai": _l("Đơn khiếu nại"),
    "don_to_cao": _l("Đơn tố cáo"),
    "don_kien_nghi": _l("Đơn kiến nghị"),
    "don_phan_anh": _l("Đơn phản ánh"),
    "other": _l("Văn bản khác"),
}

URGENCY = {"khan": _l("Khẩn"), "thuong_khan": _l("Thượng khẩn"), "hoa_toc": _l("Hỏa tốc")}

#: Extracted fields whose confidence the document page shows (indexer.metadata_review).
METADATA_FIELDS = {
    "doc_type": _l("Loại văn bản"),
    "number": _l("Số, ký hiệu"),
    "issued_date": _l("Ngày ban hành"),
    "issuer": _l("Cơ quan ban hành"),
    "subject": _l("Trích yếu"),
    "signer": _l("Người ký"),
}

STATUSES = {
    "received": _l("Đã nhận"),
    "processing": _l("Đang xử lý"),
    "parsed": _l("Đã phân tích"),
    "indexed": _l("Đã lập chỉ mục"),
    "failed": _l("Lỗi xử lý"),
    "disposed": _l("Đã hủy"),
    # Not a state of a document: an upload of a file already held (the upload page).
    "duplicate": _l("Trùng tệp đã có"),
}

#: Why a document was suggested for a case (indexer/tagging.py stores the Vietnamese text,
#: "<kind> <value>"); shown translated, or as stored when the wording is unknown.
SUGGESTION_REASONS = {
    "mã vụ việc ": _l("mã vụ việc %(value)s"),
    "trích dẫn văn bản ": _l("trích dẫn văn bản %(value)s"),
    "nêu tên ": _l("nêu tên %(value)s"),
}


def suggestion_reason(stored: str | None) -> str:
    text = stored or ""
    for prefix, template in SUGGESTION_REASONS.items():
        if text.startswith(prefix):
            return str(template) % {"value": text[len(prefix) :]}
    return text


AUDIT_OUTCOMES = {"ok": _l("Thành công"), "denied": _l("Bị từ chối"), "error": _l("Lỗi")}

AUDIT_OBJECTS = {
    "agency": _l("Cơ quan"),
    "api_token": _l("Khóa API"),
    "calendar": _l("Lịch làm việc"),
    "case": _l("Vụ việc"),
    "disposal_list": _l("Danh sách hủy"),
    "document": _l("Tài liệu"),
    "legal_hold": _l("Lệnh giữ"),
    "mailbox": _l("Hộp thư"),
    "petition": _l("Đơn thư"),
    "request": _l("Yêu cầu thông tin"),
    "retention": _l("Thời hạn lưu trữ"),
    "retention_rule": _l("Quy tắc lưu trữ"),
    "saved_search": _l("Tìm kiếm đã lưu"),
    "search": _l("Tìm kiếm"),
    "system": _l("Hệ thống"),
    "transfer": _l("Chuyển cơ quan điều tra"),
    "user": _l("Người dùng"),
}

PARTY_KINDS = {"person": _l("Cá nhân"), "organisation": _l("Tổ chức")}

DOCUMENT_STATES = {
    "attached": _l("Đã gắn"),
    "suggested": _l("Được gợi ý"),
    "rejected": _l("Đã bác gợi ý"),
    "detached": _l("Đã gỡ"),
}

#: Reasons recorded by a rule rather than typed by a person (``records.cases``).
DETACH_REASONS = {
    LETTER_KEPT_HOME: _l("đơn tố cáo chưa được thụ lý chỉ ở lại cơ quan giữ đơn (gỡ tự động)"),
}

DISPOSAL_STATES = {
    "draft": _l("Dự thảo, chờ duyệt"),
    "approved": _l("Đã duyệt, đang thực hiện"),
    "executed": _l("Đã thực hiện"),
}

DISPOSAL_ITEMS = {
    "proposed": _l("Đề nghị hủy"),
    "removed": _l("Giữ lại (người duyệt đưa ra)"),
    "disposed": _l("Đã hủy"),
    "kept": _l("Giữ lại khi thực hiện"),
}

DISPOSAL_OUTCOMES = {
    "held": _l("đang bị tạm giữ"),
    "not_due": _l("không còn đến hạn hủy"),
    "already_disposed": _l("đã hủy trước đó"),
    "reviewer": _l("người duyệt đưa ra"),
}

DISPOSAL_GROUNDS = {
    "due": _l("Hết thời hạn bảo quản"),
    "trash": _l("Quá hạn khôi phục trong thùng rác"),
}

EVENTS = {
    "created": _l("Lập vụ việc"),
    "updated": _l("Cập nhật thông tin"),
    "status": _l("Chuyển trạng thái"),
    "monitoring": _l("Thay đổi diện theo dõi"),
    "party_added": _l("Thêm người, tổ chức liên quan"),
    "party_removed": _l("Bỏ người, tổ chức liên quan"),
    "attached": _l("Gắn văn bản"),
    "detached": _l("Gỡ văn bản"),
    "suggestion_confirmed": _l("Xác nhận văn bản được gợi ý"),
    "suggestion_rejected": _l("Bác văn bản được gợi ý"),
    "crime_signs": _l("Xác định có dấu hiệu tội phạm"),
    "crime_signs_cleared": _l("Bỏ đánh dấu dấu hiệu tội phạm"),
    "transfer": _l("Chuyển hồ sơ cho cơ quan điều tra"),
    "transfer_outcome": _l("Kết quả xử lý của cơ quan điều tra"),
    "transfer_extended": _l("Gia hạn giải quyết"),
    "request": _l("Gửi yêu cầu cung cấp thông tin"),
    "request_answered": _l("Trả lời yêu cầu thông tin"),
    "request_withdrawn": _l("Rút yêu cầu thông tin"),
    "request_due_changed": _l("Đổi hạn trả lời yêu cầu"),
    "proposal": _l("Đề nghị đưa vào diện theo dõi, chỉ đạo"),
}


def label(table: dict[str, Any], code: str | None) -> str:
    if code is None:
        return ""
    return str(table.get(code, code))


def agency_names(session: Session) -> dict[str, str]:
    """Every body's name by code (facets, mentions, saved-search filters)."""
    return dict(session.execute(select(Agency.code, Agency.name)).all())


def role_label(code: str) -> str:
    return label(ROLE_LABELS, code)


def level_label(code: str) -> str:
    return label(CONFIDENTIALITY, code)


def message(err: RuleError) -> str:
    """The translated message of a refusal, its parameters filled in: a case or request
    status by its label, a refusal by its message, a list joined, a msgid (a step's or a
    field's label) translated."""
    template = MESSAGES.get(err.code)
    if template is None:
        return _("Thao tác không hợp lệ (%(code)s).", code=err.code)
    params = {key: _param(key, value) for key, value in err.params.items()}
    return fill(gettext(template), params)


def _param(key: str, value: Any) -> Any:
    if key in ("current", "target"):
        return label(CASE_STATUSES, value)
    if key == "status":
        return label(REQUEST_STATUSES, value)
    if isinstance(value, RuleError):
        return message(value)
    if isinstance(value, list | tuple):
        if value and all(isinstance(item, RuleError) for item in value):
            return "; ".join(message(item) for item in value)
        return ", ".join(str(_param("", item)) for item in value)
    return gettext(value) if isinstance(value, str) and value else value
