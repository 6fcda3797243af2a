"""Controlled vocabularies of petitions, with their Vietnamese labels (translated by the web)."""

from __future__ import annotations

from enum import StrEnum

from records.messages import N_


class Kind(StrEnum):
    COMPLAINT = "khieu_nai"
    DENUNCIATION = "to_cao"
    PROPOSAL = "kien_nghi"
    FEEDBACK = "phan_anh"


KIND_LABELS = {
    Kind.COMPLAINT: N_("Khiếu nại"),
    Kind.DENUNCIATION: N_("Tố cáo"),
    Kind.PROPOSAL: N_("Kiến nghị"),
    Kind.FEEDBACK: N_("Phản ánh"),
}


class Channel(StrEnum):
    IN_PERSON = "truc_tiep"
    POST = "buu_chinh"
    MAILBOX = "hop_thu"
    ONLINE = "dien_tu"
    AUTHORITY = "chuyen_den"  # forwarded by a body (T8)
    PRESS = "bao_chi"  # forwarded by the press (T8)
    DEPUTY = "dai_bieu"  # forwarded by a National Assembly body, deputy, reception board (R2)


CHANNEL_LABELS = {
    Channel.IN_PERSON: N_("Trực tiếp"),
    Channel.POST: N_("Bưu chính"),
    Channel.MAILBOX: N_("Hộp thư góp ý"),
    Channel.ONLINE: N_("Thư điện tử, cổng thông tin"),
    Channel.AUTHORITY: N_("Cơ quan, tổ chức chuyển đến"),
    Channel.PRESS: N_("Cơ quan báo chí chuyển đến"),
    Channel.DEPUTY: N_("Đại biểu, cơ quan dân cử, Ban tiếp công dân chuyển đến"),
}
#: Channels through which another body forwarded the petition ("forwarded by whom").
FORWARDED_CHANNELS = (Channel.AUTHORITY, Channel.PRESS, Channel.DEPUTY)


class State(StrEnum):
    RECEIVED = "RECEIVED"
    TRIAGE = "TRIAGE"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    FORWARDED = "FORWARDED"
    GUIDED = "GUIDED"
    FILED = "FILED"
    MERGED = "MERGED"
    TO_PARTY = "TO_PARTY"
    TO_INVESTIGATION = "TO_INVESTIGATION"
    VERIFYING = "VERIFYING"
    DIALOGUE = "DIALOGUE"
    DECIDED = "DECIDED"
    CLOSED = "CLOSED"
    SECOND_COMPLAINT = "SECOND_COMPLAINT"
    LAWSUIT = "LAWSUIT"
    EXTENDED = "EXTENDED"
    CONCLUDED = "CONCLUDED"
    HANDLED = "HANDLED"
    PUBLISHED = "PUBLISHED"
    WITHDRAWN = "WITHDRAWN"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"


STATE_LABELS = {
    State.RECEIVED: N_("Đã vào sổ"),
    State.TRIAGE: N_("Đang xử lý đơn"),
    State.ACCEPTED: N_("Đã thụ lý"),
    State.REJECTED: N_("Không thụ lý"),
    State.FORWARDED: N_("Đã chuyển đơn"),
    State.GUIDED: N_("Đã hướng dẫn"),
    State.FILED: N_("Lưu đơn"),
    State.MERGED: N_("Đơn trùng, đã gộp"),
    State.TO_PARTY: N_("Chuyển Ủy ban Kiểm tra"),
    State.TO_INVESTIGATION: N_("Đã chuyển cơ quan điều tra"),
    State.VERIFYING: N_("Đang xác minh"),
    State.DIALOGUE: N_("Đối thoại"),
    State.DECIDED: N_("Đã có quyết định giải quyết"),
    State.CLOSED: N_("Kết thúc"),
    State.SECOND_COMPLAINT: N_("Khiếu nại lần hai"),
    State.LAWSUIT: N_("Khởi kiện"),
    State.EXTENDED: N_("Đã gia hạn"),
    State.CONCLUDED: N_("Đã kết luận"),
    State.HANDLED: N_("Đã xử lý kết luận"),
    State.PUBLISHED: N_("Đã công khai"),
    State.WITHDRAWN: N_("Đã rút đơn"),
    State.SUSPENDED: N_("Tạm đình chỉ"),
    State.TERMINATED: N_("Đình chỉ"),
}

#: States in which the body still has work to do on the petition.
OPEN_STATES = frozenset(
    {
        State.RECEIVED,
        State.TRIAGE,
        State.ACCEPTED,
        State.VERIFYING,
        State.DIALOGUE,
        State.DECIDED,
        State.EXTENDED,
        State.CONCLUDED,
        State.HANDLED,
        State.SUSPENDED,
        State.TO_INVESTIGATION,  # waiting for the investigators' answer
    }
)


class Level(StrEnum):
    """Levels of government after the 2025 reform (docs/domain.md §0.2): commune, province,
    centre."""

    COMMUNE = "xa"
    PROVINCE = "tinh"
    CENTRAL = "trung_uong"


LEVEL_LABELS = {
    Level.COMMUNE: N_("Cấp xã"),
    Level.PROVINCE: N_("Cấp tỉnh"),
    Level.CENTRAL: N_("Trung ương"),
}
LEVEL_ORDER = (Level.COMMUNE, Level.PROVINCE, Level.CENTRAL)


def level_rank(level: str) -> int:
    return LEVEL_ORDER.index(Level(level))


#: Why a complaint is not accepted (LKN Art. 11) or a denunciation not accepted (LTC Art. 29(1)).
REJECT_REASONS = {
    Kind.COMPLAINT: {
        "lkn11_1": N_("Quyết định, hành vi nội bộ hoặc chứa quy phạm pháp luật (LKN Điều 11(1))"),
        "lkn11_2": N_(
            "Không liên quan trực tiếp đến quyền, lợi ích của người khiếu nại (LKN Điều 11(2))"
        ),
        "lkn11_3": N_("Người khiếu nại không có năng lực hành vi dân sự đầy đủ (LKN Điều 11(3))"),
        "lkn11_4": N_("Người đại diện không hợp pháp (LKN Điều 11(4))"),
        "lkn11_5": N_("Đơn không có chữ ký hoặc điểm chỉ (LKN Điều 11(5))"),
        "lkn11_6": N_("Hết thời hiệu, thời hạn khiếu nại (LKN Điều 11(6))"),
        "lkn11_7": N_("Đã có quyết định giải quyết khiếu nại lần hai (LKN Điều 11(7))"),
        "lkn11_8": N_("Đã đình chỉ, quá 30 ngày không tiếp tục khiếu nại (LKN Điều 11(8))"),
        "lkn11_9": N_("Tòa án đã thụ lý hoặc đã giải quyết (LKN Điều 11(9))"),
    },
    Kind.DENUNCIATION: {
        "ltc29_1a": N_("Tố cáo không đúng hình thức (LTC Điều 29(1)(a), Điều 23)"),
        "ltc29_1b": N_("Người tố cáo không có năng lực hành vi dân sự (LTC Điều 29(1)(b))"),
        "ltc29_1c": N_("Không thuộc thẩm quyền giải quyết (LTC Điều 29(1)(c))"),
        "ltc29_1d": N_(
            "Không có cơ sở xác định người vi phạm, hành vi vi phạm (LTC Điều 29(1)(d))"
        ),
        "ltc29_1_kn": N_(
            "Khiếu nại đã giải quyết đúng chuyển sang tố cáo, không có bằng chứng (LTC Điều 29(1))"
        ),
    },
}

#: Why a petition is filed without action (LTC Art. 24(3), 25; TT 07/2014 Art. 6(2), 28).
FILE_REASONS = {
    "nac_danh": N_("Đơn nặc danh, mạo danh (LTC Điều 25)"),
    "gui_nhieu_noi": N_("Gửi nhiều nơi, trong đó có cơ quan có thẩm quyền (LTC Điều 24(3))"),
    "da_huong_dan": N_("Đã hướng dẫn một lần, đơn lặp lại cùng nội dung (TT 07/2014 Điều 6(2))"),
    "da_giai_quyet": N_("Đã được giải quyết, không có tình tiết mới"),
    "khong_ro": N_("Nội dung không rõ ràng, không đọc được"),
    "khac": N_("Lý do khác"),
}

#: Grounds to suspend: complaints (LKN Art. 11a(1), from 01/07/2026) and denunciations
#: (LTC Art. 34(1)).
SUSPEND_REASONS = {
    "cho_ket_qua": N_("Chờ kết quả giải quyết của cơ quan khác, vụ việc khác có liên quan"),
    "cho_giam_dinh": N_("Chờ kết quả giám định bổ sung, giám định lại"),
    "bat_kha_khang": N_("Sự kiện bất khả kháng, trở ngại khách quan (NĐ 124/2020 Điều 28a)"),
}

#: Grounds to terminate (LKN Art. 10, 11a(2); LTC Art. 34(3)).
TERMINATE_REASONS = {
    "rut_don": N_("Người gửi đơn rút toàn bộ nội dung"),
    "chet_giai_the": N_("Người bị tố cáo chết, tổ chức giải thể (LTC Điều 34(3)(b))"),
    "da_co_ban_an": N_("Đã giải quyết bằng bản án, quyết định có hiệu lực (LTC Điều 34(3)(c))"),
    "khac": N_("Căn cứ khác theo quy định"),
}


#: Labels of the confidentiality levels of ``records.codes.CONFIDENTIALITY``.
CONFIDENTIALITY_LABELS = {
    "thuong": N_("Thường"),
    "mat": N_("Mật"),
    "toi_mat": N_("Tối mật"),
    "tuyet_mat": N_("Tuyệt mật"),
}


class DocumentRole(StrEnum):
    LETTER = "letter"
    ATTACHMENT = "attachment"
    DECISION = "decision"
    FORWARDING = "forwarding"
    CONCLUSION = "conclusion"
    WITHDRAWAL = "withdrawal"
    TRANSFER = "transfer"
    NOTICE = "notice"
    RESPONSE = "response"


DOCUMENT_ROLE_LABELS = {
    DocumentRole.LETTER: N_("Đơn (bản quét)"),
    DocumentRole.ATTACHMENT: N_("Tài liệu kèm theo"),
    DocumentRole.DECISION: N_("Quyết định"),
    DocumentRole.FORWARDING: N_("Phiếu chuyển đơn"),
    DocumentRole.CONCLUSION: N_("Kết luận nội dung tố cáo"),
    DocumentRole.WITHDRAWAL: N_("Đơn, biên bản rút đơn"),
    DocumentRole.TRANSFER: N_("Văn bản chuyển cơ quan điều tra"),
    DocumentRole.NOTICE: N_("Văn bản thông báo"),
    DocumentRole.RESPONSE: N_("Văn bản trả lời"),
}

#: A mass petition has five or more signatories (TT 07/2014 Art. 6(4)(b)).
MASS_PETITION_MIN = 5
