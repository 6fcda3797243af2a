"""The transition table of a petition's handling: every step, the states it may start
from for each kind of petition, the state it leads to, the fields and the document it
needs, and the function in :mod:`records.petitions.steps` that applies it."""

from __future__ import annotations

from collections.abc import Mapping

from records.messages import N_
from records.models import Petition
from records.petitions import steps
from records.petitions import transfer as petition_transfer
from records.petitions.codes import (
    FILE_REASONS,
    LEVEL_LABELS,
    OPEN_STATES,
    REJECT_REASONS,
    SUSPEND_REASONS,
    TERMINATE_REASONS,
    DocumentRole,
    Kind,
    State,
)
from records.petitions.fields import Field
from records.petitions.step import Transition

ALL_KINDS = tuple(Kind)
K, T, P, F = Kind.COMPLAINT, Kind.DENUNCIATION, Kind.PROPOSAL, Kind.FEEDBACK
S = State


def _states(*states: str) -> frozenset[str]:
    return frozenset(states)


def _for(kinds: tuple[str, ...], *states: str) -> dict[str, frozenset[str]]:
    return {kind: _states(*states) for kind in kinds}


ON = Field("on", N_("Ngày"), "date", default="today")


def _level_choices(_petition: Petition) -> Mapping[str, str]:
    return LEVEL_LABELS


def _reject_choices(petition: Petition) -> Mapping[str, str]:
    return REJECT_REASONS.get(Kind(petition.kind), {})


def _basis_choices(_petition: Petition) -> Mapping[str, str]:
    return petition_transfer.BASES


def _basis(petition: Petition) -> str:
    """A denunciation goes under LTC Art. 27(1); other letters as crime reports (BLTTHS 145)."""
    return "ltc_27_1" if petition.kind == Kind.DENUNCIATION else "blths_145"


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "triage",
        N_("Xử lý đơn: xác định thẩm quyền"),
        _for(ALL_KINDS, S.RECEIVED),
        S.TRIAGE,
        steps.triage,
        (
            Field(
                "competent_level",
                N_("Cấp có thẩm quyền giải quyết"),
                "level",
                choices=_level_choices,
                default="tinh",
            ),
            Field("competent_self", N_("Thuộc thẩm quyền của cơ quan tiếp nhận"), "bool"),
            Field(
                "competent_agency",
                N_("Cơ quan có thẩm quyền (trong danh mục)"),
                "agency",
                required=False,
            ),
            Field("competent_name", N_("Cơ quan có thẩm quyền (ghi tên)"), "text", required=False),
        ),
        basis="TT 05/2021/TT-TTCP; LTC Điều 24(1)",
    ),
    Transition(
        "accept",
        N_("Thụ lý"),
        _for(ALL_KINDS, S.TRIAGE),
        S.ACCEPTED,
        steps.accept,
        (ON,),
        DocumentRole.NOTICE,
        basis="LKN Điều 27, 36; LTC Điều 29",
    ),
    Transition(
        "reject",
        N_("Không thụ lý"),
        _for((K, T), S.TRIAGE),
        S.REJECTED,
        steps.reject,
        (Field("reason", N_("Lý do không thụ lý"), "choice", choices=_reject_choices), ON),
        DocumentRole.NOTICE,
        basis="LKN Điều 11; LTC Điều 29(1)",
    ),
    Transition(
        "forward",
        N_("Chuyển đơn"),
        _for((T, P, F), S.TRIAGE),
        S.FORWARDED,
        steps.forward,
        (
            Field(
                "to_agency",
                N_("Chuyển đến cơ quan (trong danh mục)"),
                "agency",
                required=False,
                default="=competent_agency_id",
            ),
            Field(
                "to_name",
                N_("Chuyển đến cơ quan (ghi tên)"),
                "text",
                required=False,
                default="=competent_name",
            ),
            ON,
        ),
        DocumentRole.FORWARDING,
        document_required=True,
        basis="LTC Điều 24(2); TT 05/2021/TT-TTCP Điều 14(1); LTCD Điều 26(2)(b)",
    ),
    Transition(
        "guide",
        N_("Hướng dẫn người gửi đơn"),
        _for(ALL_KINDS, S.TRIAGE),
        S.GUIDED,
        steps.guide,
        (Field("to_name", N_("Hướng dẫn gửi đến"), "text", default="=competent_name"), ON),
        DocumentRole.NOTICE,
        basis="LTCD Điều 26(1)(b); LTC Điều 24(2)",
    ),
    Transition(
        "file",
        N_("Lưu đơn"),
        _for(ALL_KINDS, S.TRIAGE),
        S.FILED,
        steps.file,
        (
            Field("reason", N_("Lý do lưu đơn"), "choice", choices=FILE_REASONS),
            Field("note", N_("Ghi chú"), "text", required=False),
            ON,
        ),
        basis="LTC Điều 24(3), 25; TT 07/2014/TT-TTCP Điều 6(2)",
    ),
    Transition(
        "merge",
        N_("Gộp vào đơn trùng"),
        _for(ALL_KINDS, S.RECEIVED, S.TRIAGE),
        S.MERGED,
        steps.merge,
        (Field("duplicate_of", N_("Đơn đang giải quyết (số hiệu trong hệ thống)"), "petition"), ON),
    ),
    Transition(
        "to_party",
        N_("Chuyển Ủy ban Kiểm tra"),
        _for((T,), S.TRIAGE),
        S.TO_PARTY,
        steps.to_party,
        (Field("to_agency", N_("Cơ quan nhận"), "agency", default="uy_ban_kiem_tra"), ON),
        DocumentRole.FORWARDING,
        document_required=True,
        basis="TT 05/2021/TT-TTCP Điều 15",
    ),
    Transition(
        "to_investigation",
        N_("Chuyển hồ sơ cho cơ quan điều tra"),
        {
            K: _states(S.TRIAGE, S.ACCEPTED, S.VERIFYING, S.DIALOGUE),
            T: _states(S.TRIAGE, S.ACCEPTED, S.VERIFYING, S.EXTENDED),
            P: _states(S.TRIAGE, S.ACCEPTED, S.VERIFYING),
            F: _states(S.TRIAGE, S.ACCEPTED, S.VERIFYING),
        },
        S.TO_INVESTIGATION,
        steps.to_investigation,
        (
            Field(
                "to_agency",
                N_("Cơ quan điều tra, viện kiểm sát"),
                "agency",
                default="cong_an",
                investigative=True,
            ),
            Field("basis", N_("Căn cứ pháp lý"), "choice", choices=_basis_choices, default=_basis),
            Field("basis_text", N_("Căn cứ khác (ghi rõ)"), "text", required=False),
            Field("reference", N_("Số, ký hiệu văn bản chuyển"), "text", required=False),
            ON,
        ),
        DocumentRole.TRANSFER,
        document_required=True,
        basis="LTC Điều 27(1); BLTTHS Điều 144–147",
    ),
    Transition(
        "record_outcome",
        N_("Ghi nhận kết quả của cơ quan điều tra"),
        _for(ALL_KINDS, S.TO_INVESTIGATION),
        None,
        steps.record_outcome,
        (
            Field("outcome", N_("Kết quả"), "choice", choices=petition_transfer.ANSWERS),
            Field("note", N_("Ghi chú"), "text", required=False),
            ON,
        ),
        DocumentRole.RESPONSE,
        basis="BLTTHS Điều 147",
    ),
    Transition(
        "verify",
        N_("Xác minh"),
        _for(ALL_KINDS, S.ACCEPTED),
        S.VERIFYING,
        steps.verify,
        (Field("handler", N_("Người xác minh"), "user", required=False), ON),
        basis="LKN Điều 29; LTC Điều 31",
    ),
    Transition(
        "dialogue",
        N_("Tổ chức đối thoại"),
        _for((K,), S.VERIFYING),
        S.DIALOGUE,
        steps.dialogue,
        (
            Field("dialogue_on", N_("Ngày đối thoại"), "date", future=True),
            Field("on", N_("Ngày gửi thông báo"), "date", default="today"),
        ),
        DocumentRole.NOTICE,
        basis="LKN Điều 30, 39; NĐ 124/2020 Điều 28",
    ),
    Transition(
        "decide",
        N_("Ra quyết định giải quyết"),
        _for((K,), S.VERIFYING, S.DIALOGUE),
        S.DECIDED,
        steps.decide,
        (ON,),
        DocumentRole.DECISION,
        document_required=True,
        basis="LKN Điều 31, 40",
    ),
    Transition(
        "close",
        N_("Kết thúc"),
        {
            K: _states(S.DECIDED),
            P: _states(S.ACCEPTED, S.VERIFYING),
            F: _states(S.ACCEPTED, S.VERIFYING),
        },
        S.CLOSED,
        steps.close_step,
        (Field("note", N_("Ghi chú"), "text", required=False), ON),
        DocumentRole.RESPONSE,
    ),
    Transition(
        "second_complaint",
        N_("Khiếu nại lần hai"),
        _for((K,), S.DECIDED, S.ACCEPTED, S.VERIFYING, S.DIALOGUE),
        S.SECOND_COMPLAINT,
        steps.second_complaint,
        (
            Field("received_on", N_("Ngày nhận khiếu nại lần hai"), "date", default="today"),
            Field(
                "to_agency", N_("Cơ quan giải quyết lần hai"), "agency", default="=owner_agency_id"
            ),
            Field("register_no", N_("Số vào sổ của đơn lần hai"), "text", required=False),
        ),
        basis="LKN Điều 33(1)",
        offered=steps.first_round_offered,
    ),
    Transition(
        "lawsuit",
        N_("Khởi kiện vụ án hành chính"),
        _for((K,), S.DECIDED, S.ACCEPTED, S.VERIFYING, S.DIALOGUE),
        S.LAWSUIT,
        steps.lawsuit,
        (Field("note", N_("Tòa án thụ lý"), "text", required=False), ON),
        basis="LKN Điều 33(2)",
        offered=steps.first_round_offered,
    ),
    Transition(
        "extend",
        N_("Gia hạn thời hạn giải quyết"),
        _for((T,), S.VERIFYING, S.EXTENDED),
        S.EXTENDED,
        steps.extend,
        (
            Field("days", N_("Số ngày gia hạn"), "int", default="30", minimum=1, maximum=30),
            Field("especially_complex", N_("Vụ việc đặc biệt phức tạp"), "bool"),
            ON,
        ),
        DocumentRole.DECISION,
        document_required=True,
        basis="LTC Điều 30(2)–(4)",
    ),
    Transition(
        "conclude",
        N_("Kết luận nội dung tố cáo"),
        _for((T,), S.VERIFYING, S.EXTENDED),
        S.CONCLUDED,
        steps.conclude,
        (ON,),
        DocumentRole.CONCLUSION,
        document_required=True,
        basis="LTC Điều 35",
    ),
    Transition(
        "handle",
        N_("Xử lý kết luận"),
        _for((T,), S.CONCLUDED),
        S.HANDLED,
        steps.handle,
        (Field("note", N_("Biện pháp xử lý"), "longtext"), ON),
        DocumentRole.DECISION,
        basis="LTC Điều 36",
    ),
    Transition(
        "publish",
        N_("Công khai kết luận"),
        _for((T,), S.HANDLED),
        S.PUBLISHED,
        steps.publish,
        (Field("note", N_("Hình thức công khai"), "text", required=False), ON),
        basis="LTC Điều 40",
    ),
    Transition(
        "suspend",
        N_("Tạm đình chỉ"),
        {
            K: _states(S.ACCEPTED, S.VERIFYING, S.DIALOGUE),
            T: _states(S.ACCEPTED, S.VERIFYING, S.EXTENDED),
        },
        S.SUSPENDED,
        steps.suspend,
        (Field("reason", N_("Căn cứ tạm đình chỉ"), "choice", choices=SUSPEND_REASONS), ON),
        DocumentRole.DECISION,
        document_required=True,
        basis="LKN Điều 11a; LTC Điều 34(1)",
    ),
    Transition(
        "resume",
        N_("Tiếp tục giải quyết"),
        _for((K, T), S.SUSPENDED),
        S.VERIFYING,  # the state it was suspended in; set by the step
        steps.resume,
        (ON,),
        DocumentRole.DECISION,
        document_required=True,
        basis="NĐ 124/2020 Điều 28b(2); LTC Điều 34(2)",
    ),
    Transition(
        "terminate",
        N_("Đình chỉ giải quyết"),
        {
            K: _states(S.ACCEPTED, S.VERIFYING, S.DIALOGUE, S.SUSPENDED),
            T: _states(S.ACCEPTED, S.VERIFYING, S.EXTENDED, S.SUSPENDED),
        },
        S.TERMINATED,
        steps.terminate,
        (Field("reason", N_("Căn cứ đình chỉ"), "choice", choices=TERMINATE_REASONS), ON),
        DocumentRole.DECISION,
        document_required=True,
        basis="LKN Điều 10, 11a(2); LTC Điều 34(3)",
    ),
    Transition(
        "withdraw",
        N_("Rút đơn"),
        {
            K: _states(S.RECEIVED, S.TRIAGE, S.ACCEPTED, S.VERIFYING, S.DIALOGUE, S.SUSPENDED),
            T: _states(S.RECEIVED, S.TRIAGE, S.ACCEPTED, S.VERIFYING, S.EXTENDED, S.SUSPENDED),
            P: _states(S.RECEIVED, S.TRIAGE, S.ACCEPTED, S.VERIFYING),
            F: _states(S.RECEIVED, S.TRIAGE, S.ACCEPTED, S.VERIFYING),
        },
        S.WITHDRAWN,
        steps.withdraw,
        (
            Field(
                "no_grounds",
                N_("Không có căn cứ phải tiếp tục giải quyết (LTC Điều 33(3))"),
                "bool",
            ),
            ON,
        ),
        DocumentRole.WITHDRAWAL,
        document_required=lambda petition: petition.kind in (Kind.COMPLAINT, Kind.DENUNCIATION),
        basis="LKN Điều 10; LTC Điều 33",
    ),
    Transition(
        "set_flags",
        N_("Vùng sâu, vùng xa; vụ việc phức tạp"),
        _for(ALL_KINDS, *OPEN_STATES),
        None,
        steps.set_flags,
        (
            Field("is_remote", N_("Vùng sâu, vùng xa đi lại khó khăn"), "bool"),
            Field(
                "remote_basis",
                N_("Căn cứ xác định vùng sâu, vùng xa"),
                "text",
                required=False,
                default="=remote_basis",
            ),
            Field("is_complex", N_("Vụ việc phức tạp"), "bool"),
            Field(
                "complex_basis",
                N_("Căn cứ xác định vụ việc phức tạp"),
                "text",
                required=False,
                default="=complex_basis",
            ),
        ),
        basis="LKN Điều 28, 37; NĐ 124/2020 Điều 3a",
    ),
    Transition(
        "assign",
        N_("Giao người xử lý"),
        _for(ALL_KINDS, *OPEN_STATES),
        None,
        steps.assign,
        (Field("handler", N_("Người xử lý"), "user"),),
    ),
    Transition(
        "link_case",
        N_("Gắn với vụ việc"),
        _for(ALL_KINDS, *State),
        None,
        steps.link_case,
        (Field("case", N_("Vụ việc (mã hoặc số hiệu)"), "case"),),
    ),
    Transition(
        "dismiss_repeat",
        N_("Không phải đơn trùng"),
        _for(ALL_KINDS, *State),
        None,
        steps.dismiss_repeat,
        (Field("other", N_("Đơn được gợi ý"), "petition"),),
    ),
)
BY_ACTION = {transition.action: transition for transition in TRANSITIONS}
#: History lines that are not steps of a user.
EVENT_LABELS = {
    "register": N_("Vào sổ"),
    "overdue": N_("Quá hạn"),
    "recompute": N_("Tính lại thời hạn theo lịch làm việc mới"),
    "transfer_answered": N_("Cơ quan điều tra đã trả lời"),
    "transfer_extended": N_("Gia hạn thời hạn trả lời của cơ quan điều tra"),
}
#: Steps offered as buttons on the petition page only in some situations.
HIDDEN_ACTIONS = frozenset({"dismiss_repeat"})
