"""Vietnamese labels (translated through Flask-Babel) for codes — roles, confidentiality
levels, casework — and the messages of the rules the domain refuses
(``records.errors.RuleError``)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

# Lazy, and still found by pybabel's default keywords ("pgettext"): a context tells the
# document type "Thông báo" (a notice) from the menu's "Thông báo" (notifications).
from flask_babel import lazy_pgettext as pgettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from records import transfer_rules
from records.cases import LETTER_KEPT_HOME
from records.errors import RuleError
from records.models import Agency

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

_MESSAGES = {
    "retention.years_invalid": _l(
        "Thời hạn bảo quản phải từ 1 đến %(maximum)s năm, hoặc vĩnh viễn."
    ),
    "retention.type_unknown": _l("Loại văn bản không hợp lệ."),
    "retention.reason_required": _l("Cần nêu lý do."),
    "retention.hold_released": _l("Lệnh tạm giữ này đã được gỡ."),
    "case_code.pattern_too_long": _l("Mẫu mã quá dài (tối đa %(limit)s ký tự)."),
    "case_code.pattern_token": _l(
        "Ô {%(token)s} không có; chỉ dùng {kind}, {body}, {year} và {serial}."
    ),
    "case_code.pattern_serial": _l("Mẫu mã phải có ô {serial} đúng một lần."),
    "case_code.pattern_chars": _l(
        "Mẫu mã chỉ gồm chữ không dấu, số và các dấu . _ / -, bắt đầu bằng chữ, số hoặc một ô."
    ),
    "retention.start_invalid": _l("Ngày bắt đầu không hợp lệ."),
    "retention.start_out_of_range": _l(
        "Ngày bắt đầu tính thời hạn phải từ năm %(earliest)s đến ngày 01/01 năm sau."
    ),
    "retention.case_open": _l(
        "Tài liệu thuộc vụ việc chưa kết thúc: chưa thể xác nhận ngày bắt đầu tính thời hạn."
    ),
    "retention.grace_over": _l(
        "Đã quá %(days)s ngày kể từ khi xóa; tài liệu chờ hội đồng duyệt danh sách hủy."
    ),
    "disposal.not_draft": _l("Danh sách này đã được duyệt, không sửa được nữa."),
    "disposal.item_unknown": _l("Tài liệu không có trong danh sách đề nghị hủy."),
    "disposal.empty": _l("Danh sách không còn tài liệu nào để hủy."),
    "disposal.not_approved": _l("Danh sách chưa được duyệt."),
    "not_allowed": _l("Bạn không có quyền thực hiện thao tác này."),
    "text_too_long": _l("Nội dung quá dài (tối đa %(limit)s ký tự)."),
    "invalid_confidentiality": _l("Độ mật không hợp lệ."),
    "confidentiality_above_clearance": _l("Không thể chọn độ mật cao hơn mức bạn được tiếp cận."),
    "date_in_future": _l("Ngày %(value)s ở tương lai."),
    "invalid_input": _l("Dữ liệu không hợp lệ: %(field)s."),
    "case.code_required": _l("Cần nhập mã vụ việc."),
    "case.code_invalid": _l(
        "Mã vụ việc chỉ gồm chữ, số và các dấu . _ / - (2 đến 64 ký tự), không có khoảng trắng."
    ),
    "case.code_taken": _l("Mã vụ việc %(code)s đã được dùng."),
    "case.kind_invalid": _l("Loại vụ việc không hợp lệ."),
    "case.title_required": _l("Cần nhập tên vụ việc."),
    "case.not_found": _l("Không tìm thấy vụ việc."),
    "case.handler_not_in_lead_body": _l("Người thụ lý phải thuộc cơ quan chủ trì."),
    "case.handler_cannot_see": _l("Người thụ lý không được tiếp cận vụ việc này (độ mật)."),
    "case.status_not_allowed": _l(
        "Không thể chuyển từ trạng thái «%(current)s» sang «%(target)s»."
    ),
    "case.monitoring_invalid": _l("Diện theo dõi không hợp lệ."),
    "case.monitoring_unchanged": _l("Vụ việc đã ở diện theo dõi này."),
    "case.monitoring_reason_required": _l("Cần ghi lý do thay đổi diện theo dõi."),
    "case.party_kind_invalid": _l("Loại đối tượng không hợp lệ."),
    "case.party_name_required": _l("Cần nhập tên người hoặc tổ chức."),
    "case.party_not_found": _l("Không tìm thấy người, tổ chức này trong vụ việc."),
    "case.already_attached": _l("Văn bản đã được gắn vào vụ việc %(case)s."),
    "case.not_attached": _l("Văn bản không được gắn vào vụ việc %(case)s."),
    "case.not_suggested": _l("Văn bản không nằm trong danh sách gợi ý."),
    "case.widen_forbidden": _l(
        "Không thêm được cơ quan: văn bản số %(document)s gắn với vụ việc %(case)s sẽ đến cơ "
        "quan mới, việc này thuộc cơ quan sở hữu văn bản."
    ),
    "case.detach_reason_required": _l("Cần ghi lý do gỡ văn bản."),
    "case.not_flagged": _l("Vụ việc chưa được đánh dấu có dấu hiệu tội phạm."),
    "case.unflag_reason_required": _l("Cần ghi lý do bỏ đánh dấu."),
    "document.not_found": _l(
        "Không tìm thấy văn bản «%(reference)s» trong số văn bản bạn được xem."
    ),
    "document.cannot_share": _l(
        "Văn bản số %(document)s không thuộc cơ quan bạn nên không thể chia sẻ tiếp."
    ),
    "document.letter_kept": _l(
        "Văn bản số %(document)s là đơn tố cáo chưa vào sổ đơn thư nên chỉ ở lại cơ quan đang "
        "giữ; hãy vào sổ đơn trước."
    ),
    "document.file_required": _l("Cần chọn tệp để tải lên."),
    "upload.forbidden": _l("Tài khoản của bạn không được tải tệp lên."),
    "upload.unknown_agency": _l("Không có cơ quan với mã %(agency)s."),
    "upload.agency_forbidden": _l("Bạn không được đăng ký tài liệu cho cơ quan %(agency)s."),
    "upload.unknown_case": _l("Không tìm thấy vụ việc có mã %(case)s."),
    "upload.case_forbidden": _l("Bạn không được đính kèm tài liệu vào vụ việc %(case)s."),
    "upload.share_forbidden": _l("Bạn không được chia sẻ tài liệu này với cơ quan khác."),
    "version.reason_required": _l("Cần ghi lý do tải lên phiên bản mới."),
    "version.reason_too_long": _l("Lý do dài quá %(limit)s ký tự."),
    "version.same_file": _l("Tệp này giống hệt phiên bản %(number)s của tài liệu."),
    "version.other_document": _l(
        "Tệp này đã có trong hệ thống là tài liệu số %(document)s; không thể làm phiên bản mới."
    ),
    "page.not_settled": _l("Tài liệu đang được xử lý; hãy sửa trang khi xử lý xong."),
    "page.not_found": _l("Tài liệu không có trang %(page)s."),
    "page.too_long": _l("Nội dung trang dài quá %(limit)s ký tự."),
    "transfer.not_investigative": _l(
        "Chỉ chuyển hồ sơ cho cơ quan điều tra: Công an hoặc Viện kiểm sát."
    ),
    "transfer.basis_invalid": _l("Căn cứ pháp lý không hợp lệ."),
    "transfer.basis_text_required": _l("Cần ghi rõ căn cứ pháp lý khác."),
    "transfer.received_before_sent": _l("Ngày nhận không thể trước ngày gửi."),
    "transfer.outcome_invalid": _l("Kết quả xử lý không hợp lệ."),
    "transfer.already_answered": _l("Việc chuyển hồ sơ này đã có kết quả."),
    "transfer.outcome_before_sent": _l("Ngày có kết quả không thể trước ngày chuyển."),
    "transfer.extension_note_required": _l("Cần ghi quyết định, căn cứ gia hạn."),
    "transfer.extension_not_later": _l("Hạn mới phải sau hạn hiện tại (%(due)s)."),
    "transfer.extension_too_long": _l(
        "Theo Điều 147 BLTTHS, thời hạn giải quyết kể cả gia hạn "
        "không quá 04 tháng (đến %(limit)s)."
    ),
    "request.same_body": _l("Không gửi yêu cầu cho chính cơ quan mình."),
    "request.body_dissolved": _l("Cơ quan này đã hợp nhất hoặc giải thể."),
    "request.subject_required": _l("Cần nhập nội dung yêu cầu."),
    "request.due_not_future": _l("Hạn trả lời phải sau ngày hôm nay."),
    "request.below_case_level": _l("Độ mật của yêu cầu không thấp hơn độ mật của vụ việc."),
    "request.closed": _l("Yêu cầu đã kết thúc (%(status)s)."),
    "request.assignee_not_in_body": _l("Người được giao phải thuộc cơ quan được yêu cầu."),
    "request.assignee_cannot_answer": _l(
        "Người này không thể trả lời yêu cầu (vai trò hoặc độ mật)."
    ),
    "request.answer_empty": _l("Cần nhập nội dung trả lời hoặc gửi kèm văn bản."),
    "request.withdraw_reason_required": _l("Cần ghi lý do rút yêu cầu."),
    "request.due_reason_required": _l("Cần ghi lý do đổi hạn."),
    "report.period_invalid": _l(
        "Kỳ báo cáo «%(code)s» không hợp lệ (ví dụ: 2026-06, 2026-Q2, 2026-H1, 2026, 2021-2025)."
    ),
    "report.period_reversed": _l("Ngày bắt đầu kỳ báo cáo phải trước ngày kết thúc."),
    "report.agency_unknown": _l("Không có cơ quan mã «%(code)s»."),
    "report.kind_unknown": _l("Loại «%(code)s» không hợp lệ."),
    "report.province_required": _l(
        "Cần nhập tên tỉnh để ghi ở tiêu đề báo cáo (hoặc đặt biến HOSO_PROVINCE)."
    ),
    "meeting.period_reversed": _l("Ngày bắt đầu kỳ phải trước ngày kết thúc."),
    "meeting.bodies_required": _l("Cần mời ít nhất một cơ quan."),
    "meeting.title_required": _l("Cần nhập tên cuộc giao ban."),
    "meeting.agenda_required": _l("Cần nhập chương trình, nội dung giao ban."),
    "meeting.cancelled": _l("Cuộc giao ban đã hủy."),
    "meeting.not_yet_held": _l("Chưa đến ngày họp."),
    "meeting.not_held": _l("Cần ghi thành phần, xác nhận đã họp trước."),
    "meeting.minutes_not_own": _l("Biên bản phải là văn bản của cơ quan mình."),
    "meeting.minutes_required": _l("Cần tải tệp biên bản lên hoặc nhập số văn bản."),
    "meeting.body_not_invited": _l("Cơ quan %(agency)s không được mời dự cuộc giao ban này."),
    "meeting.working_days_invalid": _l("Thời hạn phải từ 1 đến 250 ngày làm việc."),
    "meeting.due_before_meeting": _l("Hạn thực hiện phải sau ngày họp."),
    "meeting.task_required": _l("Cần nhập nội dung nhiệm vụ."),
    "follow_up.closed": _l("Nhiệm vụ đã kết thúc."),
    "follow_up.note_required": _l("Cần ghi kết quả thực hiện."),
    "plan.unit_and_subject_required": _l("Cần nhập đơn vị được thanh tra và nội dung."),
    "plan.period_outside_year": _l("Thời gian thực hiện phải nằm trong năm %(year)s."),
    "plan.overlap_resolved": _l("Chồng chéo này đã được xử lý."),
    "plan.resolution_required": _l("Cần ghi hướng xử lý chồng chéo."),
    "plan.not_draft": _l("Nội dung kế hoạch đã được phê duyệt."),
    "plan.overlaps_open": _l(
        "Còn %(count)s chồng chéo chưa được Ban Nội chính xử lý; chưa thể phê duyệt."
    ),
    "proposal.already_monitored": _l("Vụ việc %(case)s đã thuộc diện theo dõi, chỉ đạo."),
    "proposal.reasons_required": _l("Cần nêu lý do đề nghị."),
    "proposal.note_required": _l("Cần ghi ý kiến thẩm định."),
    "proposal.not_pending": _l("Đề nghị đã được thẩm định."),
    "proposal.not_reviewed": _l("Đề nghị chưa được thẩm định hoặc đã có quyết định."),
    "proposal.decision_document_required": _l("Cần văn bản quyết định của Ban Thường vụ."),
    "vetting.name_required": _l("Cần nhập họ tên cán bộ."),
    "vetting.birth_date_required": _l("Cần nhập ngày sinh của cán bộ."),
    "vetting.birth_date_invalid": _l("Ngày sinh không hợp lệ."),
    "vetting.bodies_required": _l("Cần chọn ít nhất một cơ quan được hỏi ý kiến."),
    "vetting.own_body": _l("Không hỏi ý kiến chính cơ quan mình."),
    "vetting.level_too_low": _l("Đề nghị thẩm định cán bộ phải có độ mật từ Mật trở lên."),
    "vetting.document_not_own": _l("Văn bản đề nghị phải là văn bản của cơ quan mình."),
    "vetting.closed": _l("Đề nghị thẩm định đã kết thúc hoặc cơ quan đã trả lời."),
    "vetting.match_unknown": _l("Không có kết quả đối chiếu này."),
    "vetting.undecided": _l(
        "Còn %(count)s kết quả đối chiếu chưa xác nhận hoặc loại; cần xử lý hết trước khi trả lời."
    ),
    "vetting.answer_text_required": _l(
        "Có kết quả được xác nhận: cần ghi nội dung trả lời (vi phạm, đơn thư, vụ việc liên quan)."
    ),
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
    """The translated message of a refused rule, with its parameters filled in."""
    params = dict(err.params)
    for key in ("current", "target"):
        if key in params:
            params[key] = label(CASE_STATUSES, params[key])
    if "status" in params:
        params["status"] = label(REQUEST_STATUSES, params["status"])
    template = _MESSAGES.get(err.code)
    if template is None:
        return _("Thao tác không hợp lệ (%(code)s).", code=err.code)
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)
