"""The one catalogue of refusals: the code of every rule that refuses a user's action, and
its message.

A refusal is ``records.errors.RuleError(code, **params)``; the message names the parameters
as ``%(name)s``. The messages are Vietnamese msgids marked with :func:`N_` (extracted
through ``webapp/babel.cfg``, translated in ``webapp/translations``): the web pages, the API
and the CLI show them translated (``webapp.labels.message``), ``RuleError.message`` in
Vietnamese (logs, import reports).
"""

from __future__ import annotations

from records.messages import N_

MESSAGES: dict[str, str] = {
    "retention.years_invalid": N_(
        "Thời hạn bảo quản phải từ 1 đến %(maximum)s năm, hoặc vĩnh viễn."
    ),
    "retention.type_unknown": N_("Loại văn bản không hợp lệ."),
    "retention.reason_required": N_("Cần nêu lý do."),
    "retention.hold_released": N_("Lệnh tạm giữ này đã được gỡ."),
    "case_code.pattern_too_long": N_("Mẫu mã quá dài (tối đa %(limit)s ký tự)."),
    "case_code.pattern_token": N_(
        "Ô {%(token)s} không có; chỉ dùng {kind}, {body}, {year} và {serial}."
    ),
    "case_code.pattern_serial": N_("Mẫu mã phải có ô {serial} đúng một lần."),
    "case_code.pattern_chars": N_(
        "Mẫu mã chỉ gồm chữ không dấu, số và các dấu . _ / -, bắt đầu bằng chữ, số hoặc một ô."
    ),
    "retention.start_invalid": N_("Ngày bắt đầu không hợp lệ."),
    "retention.start_out_of_range": N_(
        "Ngày bắt đầu tính thời hạn phải từ năm %(earliest)s đến ngày 01/01 năm sau."
    ),
    "retention.case_open": N_(
        "Tài liệu thuộc vụ việc chưa kết thúc: chưa thể xác nhận ngày bắt đầu tính thời hạn."
    ),
    "retention.grace_over": N_(
        "Đã quá %(days)s ngày kể từ khi xóa; tài liệu chờ hội đồng duyệt danh sách hủy."
    ),
    "disposal.not_draft": N_("Danh sách này đã được duyệt, không sửa được nữa."),
    "disposal.item_unknown": N_("Tài liệu không có trong danh sách đề nghị hủy."),
    "disposal.empty": N_("Danh sách không còn tài liệu nào để hủy."),
    "disposal.not_approved": N_("Danh sách chưa được duyệt."),
    "not_allowed": N_("Bạn không có quyền thực hiện thao tác này."),
    "text_too_long": N_("Nội dung quá dài (tối đa %(limit)s ký tự)."),
    "invalid_confidentiality": N_("Độ mật không hợp lệ."),
    "confidentiality_above_clearance": N_("Không thể chọn độ mật cao hơn mức bạn được tiếp cận."),
    "date_in_future": N_("Ngày %(value)s ở tương lai."),
    "invalid_input": N_("Dữ liệu không hợp lệ: %(field)s."),
    "case.code_required": N_("Cần nhập mã vụ việc."),
    "case.code_invalid": N_(
        "Mã vụ việc chỉ gồm chữ, số và các dấu . _ / - (2 đến 64 ký tự), không có khoảng trắng."
    ),
    "case.code_taken": N_("Mã vụ việc %(code)s đã được dùng."),
    "case.kind_invalid": N_("Loại vụ việc không hợp lệ."),
    "case.title_required": N_("Cần nhập tên vụ việc."),
    "case.not_found": N_("Không tìm thấy vụ việc."),
    "case.handler_not_in_lead_body": N_("Người thụ lý phải thuộc cơ quan chủ trì."),
    "case.handler_cannot_see": N_("Người thụ lý không được tiếp cận vụ việc này (độ mật)."),
    "case.status_not_allowed": N_(
        "Không thể chuyển từ trạng thái «%(current)s» sang «%(target)s»."
    ),
    "case.monitoring_invalid": N_("Diện theo dõi không hợp lệ."),
    "case.monitoring_unchanged": N_("Vụ việc đã ở diện theo dõi này."),
    "case.monitoring_reason_required": N_("Cần ghi lý do thay đổi diện theo dõi."),
    "case.party_kind_invalid": N_("Loại đối tượng không hợp lệ."),
    "case.party_name_required": N_("Cần nhập tên người hoặc tổ chức."),
    "case.party_not_found": N_("Không tìm thấy người, tổ chức này trong vụ việc."),
    "case.already_attached": N_("Văn bản đã được gắn vào vụ việc %(case)s."),
    "case.not_attached": N_("Văn bản không được gắn vào vụ việc %(case)s."),
    "case.not_suggested": N_("Văn bản không nằm trong danh sách gợi ý."),
    "case.widen_forbidden": N_(
        "Không thêm được cơ quan: văn bản số %(document)s gắn với vụ việc %(case)s sẽ đến cơ "
        "quan mới, việc này thuộc cơ quan sở hữu văn bản."
    ),
    "case.detach_reason_required": N_("Cần ghi lý do gỡ văn bản."),
    "case.not_flagged": N_("Vụ việc chưa được đánh dấu có dấu hiệu tội phạm."),
    "case.unflag_reason_required": N_("Cần ghi lý do bỏ đánh dấu."),
    "document.not_found": N_(
        "Không tìm thấy văn bản «%(reference)s» trong số văn bản bạn được xem."
    ),
    "document.cannot_share": N_(
        "Văn bản số %(document)s không thuộc cơ quan bạn nên không thể chia sẻ tiếp."
    ),
    "document.letter_kept": N_(
        "Văn bản số %(document)s là đơn tố cáo chưa vào sổ đơn thư nên chỉ ở lại cơ quan đang "
        "giữ; hãy vào sổ đơn trước."
    ),
    "document.file_required": N_("Cần chọn tệp để tải lên."),
    "upload.forbidden": N_("Tài khoản của bạn không được tải tệp lên."),
    "upload.unknown_agency": N_("Không có cơ quan với mã %(agency)s."),
    "upload.agency_forbidden": N_("Bạn không được đăng ký tài liệu cho cơ quan %(agency)s."),
    "upload.unknown_case": N_("Không tìm thấy vụ việc có mã %(case)s."),
    "upload.case_forbidden": N_("Bạn không được đính kèm tài liệu vào vụ việc %(case)s."),
    "upload.share_forbidden": N_("Bạn không được chia sẻ tài liệu này với cơ quan khác."),
    "version.reason_required": N_("Cần ghi lý do tải lên phiên bản mới."),
    "version.reason_too_long": N_("Lý do dài quá %(limit)s ký tự."),
    "version.same_file": N_("Tệp này giống hệt phiên bản %(number)s của tài liệu."),
    "version.other_document": N_(
        "Tệp này đã có trong hệ thống là tài liệu số %(document)s; không thể làm phiên bản mới."
    ),
    "page.not_settled": N_("Tài liệu đang được xử lý; hãy sửa trang khi xử lý xong."),
    "page.not_found": N_("Tài liệu không có trang %(page)s."),
    "page.too_long": N_("Nội dung trang dài quá %(limit)s ký tự."),
    "transfer.not_investigative": N_(
        "Chỉ chuyển hồ sơ cho cơ quan điều tra: Công an hoặc Viện kiểm sát."
    ),
    "transfer.basis_invalid": N_("Căn cứ pháp lý không hợp lệ."),
    "transfer.basis_text_required": N_("Cần ghi rõ căn cứ pháp lý khác."),
    "transfer.received_before_sent": N_("Ngày nhận không thể trước ngày gửi."),
    "transfer.outcome_invalid": N_("Kết quả xử lý không hợp lệ."),
    "transfer.already_answered": N_("Việc chuyển hồ sơ này đã có kết quả."),
    "transfer.outcome_before_sent": N_("Ngày có kết quả không thể trước ngày chuyển."),
    "transfer.extension_note_required": N_("Cần ghi quyết định, căn cứ gia hạn."),
    "transfer.extension_not_later": N_("Hạn mới phải sau hạn hiện tại (%(due)s)."),
    "transfer.extension_too_long": N_(
        "Theo Điều 147 BLTTHS, thời hạn giải quyết kể cả gia hạn "
        "không quá 04 tháng (đến %(limit)s)."
    ),
    "request.same_body": N_("Không gửi yêu cầu cho chính cơ quan mình."),
    "request.body_dissolved": N_("Cơ quan này đã hợp nhất hoặc giải thể."),
    "request.subject_required": N_("Cần nhập nội dung yêu cầu."),
    "request.due_not_future": N_("Hạn trả lời phải sau ngày hôm nay."),
    "request.below_case_level": N_("Độ mật của yêu cầu không thấp hơn độ mật của vụ việc."),
    "request.closed": N_("Yêu cầu đã kết thúc (%(status)s)."),
    "request.assignee_not_in_body": N_("Người được giao phải thuộc cơ quan được yêu cầu."),
    "request.assignee_cannot_answer": N_(
        "Người này không thể trả lời yêu cầu (vai trò hoặc độ mật)."
    ),
    "request.answer_empty": N_("Cần nhập nội dung trả lời hoặc gửi kèm văn bản."),
    "request.withdraw_reason_required": N_("Cần ghi lý do rút yêu cầu."),
    "request.due_reason_required": N_("Cần ghi lý do đổi hạn."),
    "report.period_invalid": N_(
        "Kỳ báo cáo «%(code)s» không hợp lệ (ví dụ: 2026-06, 2026-Q2, 2026-H1, 2026, 2021-2025)."
    ),
    "report.period_reversed": N_("Ngày bắt đầu kỳ báo cáo phải trước ngày kết thúc."),
    "report.agency_unknown": N_("Không có cơ quan mã «%(code)s»."),
    "report.kind_unknown": N_("Loại «%(code)s» không hợp lệ."),
    "report.province_required": N_(
        "Cần nhập tên tỉnh để ghi ở tiêu đề báo cáo (hoặc đặt biến HOSO_PROVINCE)."
    ),
    "meeting.period_reversed": N_("Ngày bắt đầu kỳ phải trước ngày kết thúc."),
    "meeting.bodies_required": N_("Cần mời ít nhất một cơ quan."),
    "meeting.title_required": N_("Cần nhập tên cuộc giao ban."),
    "meeting.agenda_required": N_("Cần nhập chương trình, nội dung giao ban."),
    "meeting.cancelled": N_("Cuộc giao ban đã hủy."),
    "meeting.not_yet_held": N_("Chưa đến ngày họp."),
    "meeting.not_held": N_("Cần ghi thành phần, xác nhận đã họp trước."),
    "meeting.minutes_not_own": N_("Biên bản phải là văn bản của cơ quan mình."),
    "meeting.minutes_required": N_("Cần tải tệp biên bản lên hoặc nhập số văn bản."),
    "meeting.body_not_invited": N_("Cơ quan %(agency)s không được mời dự cuộc giao ban này."),
    "meeting.working_days_invalid": N_("Thời hạn phải từ 1 đến 250 ngày làm việc."),
    "meeting.due_before_meeting": N_("Hạn thực hiện phải sau ngày họp."),
    "meeting.task_required": N_("Cần nhập nội dung nhiệm vụ."),
    "follow_up.closed": N_("Nhiệm vụ đã kết thúc."),
    "follow_up.note_required": N_("Cần ghi kết quả thực hiện."),
    "plan.unit_and_subject_required": N_("Cần nhập đơn vị được thanh tra và nội dung."),
    "plan.period_outside_year": N_("Thời gian thực hiện phải nằm trong năm %(year)s."),
    "plan.overlap_resolved": N_("Chồng chéo này đã được xử lý."),
    "plan.resolution_required": N_("Cần ghi hướng xử lý chồng chéo."),
    "plan.not_draft": N_("Nội dung kế hoạch đã được phê duyệt."),
    "plan.overlaps_open": N_(
        "Còn %(count)s chồng chéo chưa được Ban Nội chính xử lý; chưa thể phê duyệt."
    ),
    "proposal.already_monitored": N_("Vụ việc %(case)s đã thuộc diện theo dõi, chỉ đạo."),
    "proposal.reasons_required": N_("Cần nêu lý do đề nghị."),
    "proposal.note_required": N_("Cần ghi ý kiến thẩm định."),
    "proposal.not_pending": N_("Đề nghị đã được thẩm định."),
    "proposal.not_reviewed": N_("Đề nghị chưa được thẩm định hoặc đã có quyết định."),
    "proposal.decision_document_required": N_("Cần văn bản quyết định của Ban Thường vụ."),
    "vetting.name_required": N_("Cần nhập họ tên cán bộ."),
    "vetting.birth_date_required": N_("Cần nhập ngày sinh của cán bộ."),
    "vetting.birth_date_invalid": N_("Ngày sinh không hợp lệ."),
    "vetting.bodies_required": N_("Cần chọn ít nhất một cơ quan được hỏi ý kiến."),
    "vetting.own_body": N_("Không hỏi ý kiến chính cơ quan mình."),
    "vetting.level_too_low": N_("Đề nghị thẩm định cán bộ phải có độ mật từ Mật trở lên."),
    "vetting.document_not_own": N_("Văn bản đề nghị phải là văn bản của cơ quan mình."),
    "vetting.closed": N_("Đề nghị thẩm định đã kết thúc hoặc cơ quan đã trả lời."),
    "vetting.match_unknown": N_("Không có kết quả đối chiếu này."),
    "vetting.undecided": N_(
        "Còn %(count)s kết quả đối chiếu chưa xác nhận hoặc loại; cần xử lý hết trước khi trả lời."
    ),
    "vetting.answer_text_required": N_(
        "Có kết quả được xác nhận: cần ghi nội dung trả lời (vi phạm, đơn thư, vụ việc liên quan)."
    ),
    "petition.action_unknown": N_("Thao tác không tồn tại: %(action)s."),
    "petition.anonymous_with_petitioners": N_("Đơn nặc danh không ghi thông tin người gửi đơn."),
    "petition.basis_required": N_(
        "Việc xác định vùng sâu, vùng xa hoặc vụ việc phức tạp phải có căn cứ bằng văn bản (NĐ "
        "124/2020 Điều 3a(2)): hãy ghi căn cứ."
    ),
    "petition.channel_invalid": N_("Nguồn đơn không hợp lệ: %(value)s."),
    "petition.competent_body_required": N_(
        "Đơn không thuộc thẩm quyền: cần ghi cơ quan có thẩm quyền giải quyết."
    ),
    "petition.competent_not_forwarded": N_(
        "Đơn được xác định thuộc thẩm quyền của cơ quan tiếp nhận: hãy thụ lý hoặc xác định lại "
        "thẩm quyền, không chuyển hoặc hướng dẫn."
    ),
    "petition.complaint_final": N_(
        "Khiếu nại đã có quyết định giải quyết lần hai không được khiếu nại tiếp (LKN Điều 11(7))."
    ),
    "petition.complaint_unsigned": N_(
        "Đơn khiếu nại không có chữ ký hoặc điểm chỉ không được thụ lý (LKN Điều 11(5))."
    ),
    "petition.confidentiality_invalid": N_("Độ mật không hợp lệ: %(value)s."),
    "petition.denunciation_anonymous": N_(
        "Tố cáo nặc danh, mạo danh không được thụ lý giải quyết theo Luật Tố cáo (LTC Điều 23, "
        "25): hãy lưu đơn hoặc thanh tra, kiểm tra phục vụ quản lý."
    ),
    "petition.dialogue_before_notice": N_("Ngày đối thoại không được trước ngày thông báo."),
    "petition.dialogue_notice_late": N_(
        "Thông báo đối thoại phải gửi trước ngày đối thoại ít nhất %(days)s ngày (%(basis)s): với "
        "thông báo ngày %(notice)s, ngày đối thoại sớm nhất là %(earliest)s."
    ),
    "petition.dialogue_required": N_(
        "Giải quyết khiếu nại lần hai phải tổ chức đối thoại trước khi ra quyết định (LKN Điều "
        "39; NĐ 124/2020 Điều 28(2))."
    ),
    "petition.document_not_linkable": N_(
        "Không gắn được văn bản số hiệu %(id)s: chỉ gắn văn bản của cơ quan mình mà bạn được xem."
    ),
    "petition.document_required": N_("Cần kèm theo văn bản: %(role)s."),
    "petition.extension_after_due": N_(
        "Quyết định gia hạn phải ban hành trước khi hết thời hạn giải quyết (%(due)s)."
    ),
    "petition.extension_not_complex": N_(
        "Chỉ gia hạn giải quyết tố cáo với vụ việc phức tạp: hãy ghi nhận căn cứ xác định vụ việc "
        "phức tạp trước (LTC Điều 30(2); NĐ 31/2019 Điều 3)."
    ),
    "petition.extensions_exhausted": N_(
        "Đã gia hạn %(count)s lần, tối đa %(maximum)s lần (LTC Điều 30(3))."
    ),
    "petition.filing_reason_required": N_("Cần ghi rõ lý do lưu đơn."),
    "petition.forward_to_required": N_("Cần ghi cơ quan nhận đơn chuyển đến."),
    "petition.forward_to_self": N_("Không thể chuyển đơn cho chính cơ quan tiếp nhận."),
    "petition.forwarded_by_required": N_(
        "Đơn do cơ quan khác chuyển đến: cần ghi cơ quan, người chuyển."
    ),
    "petition.forwarded_once": N_(
        "Đơn tố cáo cùng nội dung đã được chuyển một lần (đơn số %(number)s): chỉ chuyển đơn một "
        "lần (TT 05/2021/TT-TTCP Điều 14(1)). Nếu không trùng nội dung, hãy bỏ gợi ý đơn trùng "
        "trước."
    ),
    "petition.guided_once": N_(
        "Người gửi đơn đã được hướng dẫn một lần với cùng nội dung (đơn số %(number)s): đơn lặp "
        "lại không đủ điều kiện xử lý, hãy lưu đơn (TT 07/2014/TT-TTCP Điều 6(2))."
    ),
    "petition.kind_invalid": N_("Loại đơn không hợp lệ: %(value)s."),
    "petition.kind_not_applicable": N_("Thao tác «%(action)s» không áp dụng cho đơn %(kind)s."),
    "petition.level_invalid": N_("Cấp nhận đơn không hợp lệ: %(value)s."),
    "petition.merge_other_kind": N_("Chỉ gộp đơn trùng cùng loại (cùng người gửi, cùng nội dung)."),
    "petition.merge_self": N_("Không thể gộp đơn vào chính nó."),
    "petition.not_competent": N_(
        "Đơn không thuộc thẩm quyền của cơ quan tiếp nhận nên không thể thụ lý: hãy chuyển đơn "
        "hoặc hướng dẫn người gửi đơn."
    ),
    "petition.not_suggested_duplicate": N_("Đơn số %(number)s không được gợi ý là đơn trùng."),
    "petition.parent_not_found": N_("Không tìm thấy đơn trước: %(value)s."),
    "petition.parent_other_kind": N_(
        "Đơn trước phải cùng loại đơn (khiếu nại lần hai, tố cáo tiếp)."
    ),
    "petition.petitioner_name_required": N_("Mỗi người gửi đơn cần có họ tên."),
    "petition.petitioner_required": N_(
        "Cần ít nhất một người gửi đơn (hoặc đánh dấu đơn nặc danh)."
    ),
    "petition.received_in_future": N_("Ngày nhận đơn không được sau hôm nay."),
    "petition.register_forbidden": N_("Bạn không được vào sổ đơn cho %(agency)s ở độ mật này."),
    "petition.register_no_taken": N_("Số vào sổ %(number)s đã có trong sổ của cơ quan."),
    "petition.register_no_unavailable": N_("Không cấp được số vào sổ, hãy thử lại."),
    "petition.registration_invalid": N_("%(errors)s"),
    "petition.representative_required": N_(
        "Khiếu nại nhiều người chỉ được thụ lý khi có văn bản cử người đại diện: hãy đánh dấu "
        "người đại diện (NĐ 124/2020 Điều 16(1), sửa đổi bởi NĐ 155/2026 Điều 10)."
    ),
    "petition.resumed_before_suspension": N_(
        "Ngày tiếp tục giải quyết không được trước ngày tạm đình chỉ."
    ),
    "petition.role_refused": N_(
        "Bạn không có quyền «%(action)s» đối với đơn này: cần là %(roles)s của cơ quan tiếp nhận "
        "đơn."
    ),
    "petition.second_complaint_early": N_(
        "Chỉ khi đã có quyết định giải quyết lần đầu hoặc đã hết thời hạn giải quyết (%(due)s) mà "
        "chưa được giải quyết (%(basis)s)."
    ),
    "petition.second_extension_not_special": N_(
        "Gia hạn lần hai chỉ áp dụng với vụ việc đặc biệt phức tạp (LTC Điều 30(3))."
    ),
    "petition.signatories_too_few": N_("Số người ký đơn nhỏ hơn số người gửi đơn đã ghi."),
    "petition.state_not_allowed": N_(
        "Không thể «%(action)s» khi đơn đang ở trạng thái «%(state)s». Thao tác này chỉ thực hiện "
        "được khi đơn ở trạng thái: %(allowed)s."
    ),
    "petition.summary_required": N_("Thiếu tóm tắt nội dung đơn."),
    "petition.summary_too_long": N_("Tóm tắt nội dung quá dài (tối đa %(max)s ký tự)."),
    "petition.suspension_before_law": N_(
        "Trước ngày 01/07/2026 pháp luật chưa quy định tạm đình chỉ giải quyết khiếu nại (LKN "
        "Điều 11a; NĐ 124/2020 Điều 28b, bổ sung bởi NĐ 155/2026)."
    ),
    "petition.transfer_basis_required": N_(
        "Căn cứ khác: cần ghi rõ căn cứ pháp lý của việc chuyển."
    ),
    "petition.transfer_outcome_forbidden": N_(
        "Bạn không có quyền ghi nhận kết quả của việc chuyển hồ sơ này."
    ),
    "petition.withdrawal_unconfirmed": N_(
        "Người giải quyết phải xác nhận hành vi bị tố cáo không có dấu hiệu vi phạm và việc rút "
        "tố cáo không do bị đe dọa, mua chuộc; nếu có, vẫn phải tiếp tục giải quyết (LTC Điều "
        "33(3))."
    ),
    "field.agency_not_found": N_("Không tìm thấy cơ quan ở mục %(field)s: %(value)s."),
    "field.agency_not_investigative": N_(
        "%(value)s không phải cơ quan điều tra, viện kiểm sát (LTC Điều 27(1))."
    ),
    "field.case_not_found": N_("Không tìm thấy vụ việc ở mục %(field)s: %(value)s."),
    "field.choice_invalid": N_("Giá trị không hợp lệ ở mục %(field)s: %(value)s."),
    "field.date_before_receipt": N_("Ngày ở mục %(field)s không được trước ngày nhận đơn."),
    "field.date_in_future": N_("Ngày ở mục %(field)s không được sau hôm nay."),
    "field.date_invalid": N_("Ngày không hợp lệ ở mục %(field)s: %(value)s."),
    "field.handler_not_in_owner": N_(
        "Người xử lý phải là cán bộ của cơ quan tiếp nhận đơn: %(value)s."
    ),
    "field.number_out_of_range": N_("Mục %(field)s phải trong khoảng %(low)s–%(high)s."),
    "field.number_required": N_("Cần nhập số ở mục %(field)s."),
    "field.petition_not_found": N_("Không tìm thấy đơn ở mục %(field)s: %(value)s."),
    "field.required": N_("Thiếu thông tin bắt buộc: %(field)s."),
    "import.anonymous_invalid": N_("Cột Nặc danh chỉ nhận Có hoặc Không: %(value)s."),
    "import.columns_missing": N_(
        "Thiếu cột bắt buộc: %(columns)s. Dòng đầu tiên phải là tiêu đề cột."
    ),
    "import.csv_not_utf8": N_("Tệp CSV phải được lưu với mã UTF-8."),
    "import.empty": N_("Tệp không có dữ liệu."),
    "import.excel_unreadable": N_("Không đọc được tệp Excel %(name)s: %(reason)s."),
    "import.file_type": N_("Chỉ nhận tệp .xlsx hoặc .csv (tệp đã gửi: %(name)s)."),
    "import.kind_invalid": N_(
        "Loại đơn không hợp lệ: %(value)s (khiếu nại, tố cáo, kiến nghị, phản ánh)."
    ),
    "import.no_rows": N_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."),
    "import.owner_not_found": N_("Không tìm thấy cơ quan tiếp nhận: %(value)s."),
    "import.received_on_invalid": N_("Ngày nhận không hợp lệ: %(value)s (dùng dd/mm/yyyy)."),
    "import.received_on_missing": N_("Thiếu ngày nhận đơn."),
    "import.register_no_missing": N_("Thiếu số vào sổ."),
    "import.register_no_repeated": N_("Số vào sổ %(number)s trùng với dòng %(row)s."),
    "import.signatory_count_invalid": N_("Số người ký không hợp lệ: %(value)s."),
    "import.too_many_rows": N_("Tệp có quá %(max)s dòng."),
    # -- accounts (the API answers these codes as they are) --
    "agency_unknown": N_("Cơ quan không tồn tại."),
    "roles_invalid": N_("Vai trò không hợp lệ; chọn ít nhất một vai trò."),
    "clearance_invalid": N_("Mức tiếp cận bí mật không hợp lệ."),
    "username_invalid": N_(
        "Tên đăng nhập gồm 2–64 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch ngang "
        "hoặc gạch dưới."
    ),
    "username_taken": N_("Tên đăng nhập đã được dùng."),
    "field_unknown": N_("Không thay đổi được: %(fields)s."),
    "self_demotion": N_("Quản trị viên không thể tự bỏ quyền quản trị của mình."),
    "password_unchanged": N_("Mật khẩu mới phải khác mật khẩu hiện tại."),
    "password.too_short": N_("Mật khẩu phải có ít nhất %(n)d ký tự."),
    "password.username": N_("Mật khẩu không được chứa tên đăng nhập."),
    "password.common": N_("Mật khẩu quá phổ biến hoặc quá đơn giản; hãy chọn mật khẩu khác."),
    "token.name_required": N_("Cần đặt tên cho mã truy cập và chọn phạm vi hợp lệ."),
    "token.scope_invalid": N_("Cần đặt tên cho mã truy cập và chọn phạm vi hợp lệ."),
    "token.second_factor_required": N_("Cần bật xác thực hai lớp trước khi tạo mã truy cập API."),
    "token.expiry_past": N_("Ngày hết hạn của mã truy cập phải ở tương lai."),
    # -- metadata corrections (the API answers these codes as they are) --
    "unknown_field": N_("Trường này không sửa được."),
    "not_text": N_("Giá trị phải là chữ."),
    "required": N_("Cần nhập giá trị."),
    "not_a_choice": N_("Giá trị không có trong danh mục."),
    "bad_date": N_("Ngày không hợp lệ (định dạng NNNN-TT-NN)."),
    "too_long": N_("Giá trị quá dài."),
    "level_too_high": N_("Độ mật cao hơn độ mật bạn được phép tiếp cận."),
    "lower_forbidden": N_("Chỉ lãnh đạo cơ quan sở hữu được hạ độ mật."),
    "reason_required": N_("Hạ độ mật cần ghi lý do."),
    "letter_unregistered": N_(
        "Đơn tố cáo chưa vào sổ đơn thư thì không đổi được loại văn bản; hãy vào sổ đơn trước."
    ),
}
