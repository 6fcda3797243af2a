"""The coordination scorecard as a table (page, XLSX), as charts and as a section of the
periodic summary report."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from records.calendar import local_today
from records.coordination.scorecard import BodyScore, scorecard
from records.models import Agency, User
from records.policy import scorecard_agency_ids
from records.reports import Period
from webapp.features.casework import working_calendar
from webapp.reporting.summary import ReportTable, Section, SummaryReport
from webapp.reporting.tables import Column, Row, Table

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
#: Columns of the table: (header, attribute of BodyScore).
_FIELDS = (
    (_l("Yêu cầu nhận"), "requests_received"),
    (_l("Trả lời đúng hạn"), "requests_on_time"),
    (_l("Trả lời trễ hạn"), "requests_late"),
    (_l("Chưa trả lời"), "requests_open"),
    (_l("Trong đó quá hạn"), "requests_overdue"),
    (_l("Trung vị thời gian trả lời (ngày làm việc)"), "median_answer_days"),
    (_l("Nhiệm vụ sau giao ban"), "tasks_given"),
    (_l("Hoàn thành đúng hạn"), "tasks_on_time"),
    (_l("Hoàn thành trễ hạn"), "tasks_late"),
    (_l("Chưa hoàn thành"), "tasks_open"),
    (_l("Nhiệm vụ quá hạn"), "tasks_overdue"),
    (_l("Đề nghị đưa vào diện theo dõi"), "proposals_made"),
    (_l("Được Ban Thường vụ đồng ý"), "proposals_approved"),
    (_l("Chuyển cơ quan điều tra"), "transfers_sent"),
    (_l("Đã khởi tố"), "khoi_to"),
    (_l("Không khởi tố"), "khong_khoi_to"),
    (_l("Chưa có kết quả"), "dang_xu_ly"),
    (_l("Quá hạn trả lời kết quả"), "transfers_overdue"),
    (_l("Đơn chuyển đi"), "petitions_forwarded"),
    (_l("Chuyển đúng hạn"), "forwarded_on_time"),
    (_l("Chuyển trễ hạn"), "forwarded_late"),
)
OUTCOME_FIELDS = {"khoi_to", "khong_khoi_to", "dang_xu_ly"}


def scores_for(
    session: Session, user: User, period: Period
) -> tuple[list[BodyScore], dict[int, Agency]]:
    agencies = {a.id: a for a in session.scalars(select(Agency).order_by(Agency.id))}
    allowed = scorecard_agency_ids(user, list(agencies.values()))
    scores = scorecard(session, user, period, working_calendar(session), local_today(), allowed)
    return scores, agencies


def _value(score: BodyScore, name: str) -> int | float | None:
    if name in OUTCOME_FIELDS:
        return score.transfer_outcomes.get(name, 0)
    return getattr(score, name)


def scorecard_table(scores: list[BodyScore], agencies: dict[int, Agency]) -> Table:
    """One row per body; headers translated for the page (the report writes Vietnamese)."""
    table = Table(
        "scorecard",
        _("Kết quả thực hiện quy chế phối hợp theo cơ quan"),
        [Column(_("Cơ quan")), *(Column(str(header), numeric=True) for header, _n in _FIELDS)],
    )
    for score in scores:
        name = agencies[score.agency_id].name
        table.rows.append(Row([name, *(_value(score, field) for _h, field in _FIELDS)]))
    return table


def _number(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",").replace(",0", "")
    return str(value)


def report_section(scores: list[BodyScore], agencies: dict[int, Agency]) -> Section:
    """The summary report's section (Vietnamese, counts only)."""
    received = sum(s.requests_received for s in scores)
    on_time = sum(s.requests_on_time for s in scores)
    tasks = sum(s.tasks_given for s in scores)
    tasks_on_time = sum(s.tasks_on_time for s in scores)
    paragraphs = [
        f"Các cơ quan nhận {received} yêu cầu cung cấp thông tin, trả lời đúng hạn {on_time}; "
        f"được giao {tasks} nhiệm vụ sau giao ban, hoàn thành đúng hạn {tasks_on_time}."
    ]
    headers = ["Cơ quan", "Yêu cầu nhận", "Đúng hạn", "Trễ hạn", "Chưa trả lời",
               "Trung vị (ngày LV)", "Nhiệm vụ", "Đúng hạn", "Quá hạn", "Đề nghị theo dõi",
               "Chuyển CQĐT",
               "Đơn chuyển (đúng hạn)"]  # fmt: skip
    rows = [
        [
            agencies[s.agency_id].name,
            _number(s.requests_received),
            _number(s.requests_on_time),
            _number(s.requests_late),
            _number(s.requests_open),
            _number(s.median_answer_days),
            _number(s.tasks_given),
            _number(s.tasks_on_time),
            _number(s.tasks_overdue),
            _number(s.proposals_made),
            _number(s.transfers_sent),
            f"{s.petitions_forwarded} ({s.forwarded_on_time})",
        ]
        for s in scores
    ]
    return Section("KẾT QUẢ THỰC HIỆN QUY CHẾ PHỐI HỢP", paragraphs, ReportTable(headers, rows))


def with_section(sections: list[Section], section: Section) -> list[Section]:
    """``section`` inserted before the closing assessment, every heading renumbered."""
    merged = [*sections[:-1], section, sections[-1]]
    renumbered = []
    for number, item in enumerate(merged):
        heading = item.heading.split(". ", 1)[-1] if ". " in item.heading[:6] else item.heading
        renumbered.append(Section(f"{ROMAN[number]}. {heading}", item.paragraphs, item.table))
    return renumbered


def with_scorecard(
    session: Session, user: User, report: SummaryReport, period: Period
) -> SummaryReport:
    """The summary report of ``period`` with the scorecard section of the bodies ``user``
    may see (none added when they may see no body's scorecard)."""
    scores, agencies = scores_for(session, user, period)
    if scores:
        report.sections = with_section(report.sections, report_section(scores, agencies))
    return report
