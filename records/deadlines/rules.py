"""The legal time limits of petition handling, as data versioned by effective date.

Each :class:`Rule` is one version of one limit of docs/domain.md §2.3, keyed by
``(id, effective_from, effective_to)``, with its legal basis cited. A petition follows the
version in force on the day it was received, except where a transitional article applies the
new text to matters already under way (``applies_by="event"``: the version in force on the
day of the step).

Why a Python module and not a table users edit: a legal limit changes only with the law,
and such a change must come with its worked examples in ``tests/unit/petitions`` and a
review, exactly like code; a database row anyone could edit would change deadlines already
running without either. Each petition stores the rule id and version it was computed with,
so older petitions stay explainable after a new version is added.

Law 136/2025/QH15 amended the Laws on Complaints, Denunciations and Citizen Reception from
01/07/2026; its consolidated text was not available when these rows were written, so only
the changes made by ND 155/2026 and ND 156/2026 are encoded. Verify every row against the
consolidated text (VBHN) before go-live (docs/domain.md §0).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from records.calendar import Unit
from records.messages import N_

WD = Unit.WORKING_DAYS
DAYS = Unit.DAYS

LAW_2026 = date(2026, 7, 1)  # Law 136/2025/QH15, ND 155/2026, ND 156/2026 take effect


@dataclass(frozen=True)
class Rule:
    id: str
    title: str  # Vietnamese msgid
    limit: int
    unit: Unit
    basis: str  # the articles, cited
    effective_from: date
    effective_to: date | None = None  # exclusive
    complex_limit: int | None = None  # vụ việc phức tạp
    remote_limit: int | None = None  # vùng sâu, vùng xa đi lại khó khăn
    remote_complex_limit: int | None = None
    max_extensions: int = 0
    extension_limit: int = 0  # units per extension
    applies_by: str = "received"  # "received" | "event"

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)

    def limit_for(self, *, remote: bool = False, complex_: bool = False) -> int:
        """The limit of the variant that applies (a missing variant falls back to the base)."""
        if remote and complex_ and self.remote_complex_limit:
            return self.remote_complex_limit
        if remote and self.remote_limit:
            return self.remote_limit
        if complex_ and self.complex_limit:
            return self.complex_limit
        return self.limit


RULES: tuple[Rule, ...] = (
    # -- Complaints (Luật Khiếu nại 02/2011/QH13, in force 01/07/2012) ----------------------
    Rule(
        "K1",
        N_("Thời hiệu khiếu nại"),
        90,
        DAYS,
        "LKN Điều 9",
        date(2012, 7, 1),
    ),
    Rule(
        "K2",
        N_("Thụ lý giải quyết khiếu nại"),
        10,
        WD,
        "LKN Điều 27, 36; TT 07/2013/TT-TTCP Điều 5(1), sửa đổi bởi TT 02/2016/TT-TTCP",
        date(2012, 7, 1),
        LAW_2026,
    ),
    Rule(
        "K2",
        N_("Thụ lý giải quyết khiếu nại"),
        7,
        WD,
        "NĐ 124/2020 Điều 16(1), sửa đổi bởi NĐ 155/2026 Điều 10",
        LAW_2026,
    ),
    Rule(
        "K3",
        N_("Giải quyết khiếu nại lần đầu"),
        30,
        DAYS,
        "LKN Điều 28",
        date(2012, 7, 1),
        complex_limit=45,
        remote_limit=45,
        remote_complex_limit=60,
    ),
    Rule(
        "K4",
        N_("Thời hạn khiếu nại lần hai hoặc khởi kiện"),
        30,
        DAYS,
        "LKN Điều 33(1)",
        date(2012, 7, 1),
        remote_limit=45,
    ),
    Rule(
        "K5",
        N_("Giải quyết khiếu nại lần hai"),
        45,
        DAYS,
        "LKN Điều 37",
        date(2012, 7, 1),
        complex_limit=60,
        remote_limit=60,
        remote_complex_limit=70,
    ),
    Rule(
        "K6",
        N_("Thông báo đối thoại trước ngày đối thoại"),
        5,
        DAYS,
        "NĐ 124/2020 Điều 28(1), sửa đổi bởi NĐ 155/2026 Điều 11; chuyển tiếp NĐ 155/2026 "
        "Điều 22(1)",
        LAW_2026,
        applies_by="event",
    ),
    Rule(
        "K7",
        N_("Gửi quyết định tạm đình chỉ, đình chỉ, tiếp tục giải quyết khiếu nại"),
        3,
        WD,
        "LKN Điều 11a; NĐ 124/2020 Điều 28b, bổ sung bởi NĐ 155/2026 Điều 12; chuyển tiếp "
        "NĐ 155/2026 Điều 22(1)",
        LAW_2026,
        applies_by="event",
    ),
    # -- Denunciations (Luật Tố cáo 25/2018/QH14, in force 01/01/2019) ----------------------
    Rule(
        "T1",
        N_("Xử lý ban đầu thông tin tố cáo"),
        7,
        WD,
        "LTC Điều 24(1)",
        date(2019, 1, 1),
        complex_limit=10,  # several sites to check, or a delegation needed
    ),
    Rule(
        "T2",
        N_("Chuyển tố cáo không thuộc thẩm quyền"),
        5,
        WD,
        "LTC Điều 24(2)",
        date(2019, 1, 1),
    ),
    Rule(
        "T3",
        N_("Thông báo thụ lý cho người tố cáo và người bị tố cáo"),
        5,
        WD,
        "LTC Điều 29(3); NĐ 31/2019 Điều 9(2)",
        date(2019, 1, 1),
    ),
    Rule(
        "T4",
        N_("Giải quyết tố cáo"),
        30,
        DAYS,
        "LTC Điều 30",
        date(2019, 1, 1),
        max_extensions=2,  # complex: one; especially complex: two (Art. 30(2), (3))
        extension_limit=30,
    ),
    Rule(
        "T5",
        N_("Gửi kết luận nội dung tố cáo"),
        5,
        WD,
        "LTC Điều 35(3)",
        date(2019, 1, 1),
    ),
    Rule(
        "T6",
        N_("Xem xét tố cáo tiếp"),
        20,
        DAYS,
        "LTC Điều 37(2)",
        date(2019, 1, 1),
    ),
    Rule(
        "T7",
        N_("Yêu cầu báo cáo tố cáo quá hạn"),
        5,
        WD,
        "LTC Điều 38(2), (3)",
        date(2019, 1, 1),
    ),
    Rule(
        "T8",
        N_("Thông báo kết quả cho cơ quan báo chí, cơ quan đã chuyển tố cáo"),
        20,
        DAYS,
        "LTC Điều 26(2)",
        date(2019, 1, 1),
    ),
    Rule(
        "TS",
        N_("Gửi quyết định tạm đình chỉ, đình chỉ giải quyết tố cáo"),
        5,
        WD,
        "LTC Điều 34(4); thời gian tạm đình chỉ không tính vào thời hạn: LTC Điều 34(2)",
        date(2019, 1, 1),
    ),
    # -- Citizen reception (Luật Tiếp công dân 42/2013/QH13, in force 01/07/2014) -----------
    Rule(
        "R1",
        N_("Trả lời người đến khiếu nại, tố cáo, kiến nghị, phản ánh trực tiếp"),
        10,
        WD,
        "LTCD Điều 28(1)",
        date(2014, 7, 1),
    ),
    Rule(
        "R2",
        N_("Thông báo kết quả cho cơ quan của Quốc hội, đại biểu, Ban tiếp công dân đã chuyển đơn"),
        7,
        WD,
        "LTCD Điều 27(2)",
        date(2014, 7, 1),
    ),
    # -- Transfer to investigators (BLTTHS 101/2015/QH13, in force 01/01/2018) --------------
    Rule(
        "H1",
        N_("Cơ quan điều tra giải quyết tố giác, tin báo, kiến nghị khởi tố"),
        20,
        DAYS,
        "BLTTHS Điều 147(1); chuyển hồ sơ: LTC Điều 27(1)",
        date(2018, 1, 1),
        applies_by="event",
    ),
)


class NoRuleInForce(LookupError):
    pass


def versions(rule_id: str) -> list[Rule]:
    return [rule for rule in RULES if rule.id == rule_id]


def rule_for(rule_id: str, on: date) -> Rule:
    """The version of ``rule_id`` in force on ``on``; NoRuleInForce when there is none."""
    for rule in versions(rule_id):
        if rule.in_force(on):
            return rule
    raise NoRuleInForce(f"no version of rule {rule_id} in force on {on.isoformat()}")


def rule_for_petition(rule_id: str, received_on: date, event_on: date) -> Rule:
    """The version that governs a petition received on ``received_on`` at a step on ``event_on``."""
    first = versions(rule_id)
    if not first:
        raise NoRuleInForce(f"unknown rule {rule_id}")
    on = event_on if first[0].applies_by == "event" else received_on
    return rule_for(rule_id, on)
