"""The report of a coordination meeting to the Standing Committee (báo cáo kết quả giao ban),
in the administrative format of the periodic summary report (``webapp.reporting.summary``),
laid out by ``webapp.reporting.docx_report``. Always in Vietnamese."""

from __future__ import annotations

from datetime import date

from records.models import Agency, FollowUp, Meeting
from webapp.reporting.summary import (
    Letterhead,
    ReportTable,
    Section,
    Signature,
    SummaryReport,
    date_line,
    issuer_of,
    number_line,
)

TASK_STATES = {"open": "Đang thực hiện", "done": "Đã thực hiện", "cancelled": "Đã hủy"}


def _attendance(meeting: Meeting) -> Section:
    present = [b for b in meeting.bodies if b.attended]
    absent = [b for b in meeting.bodies if not b.attended]
    lines = [
        f"Hội nghị giao ban do {meeting.chair_agency.name} chủ trì, tổ chức ngày "
        f"{meeting.held_on:%d/%m/%Y}" + (f" tại {meeting.place}." if meeting.place else ".")
    ]
    if present:
        lines.append(
            "Tham dự: "
            + "; ".join(b.agency.name + (f" ({b.attendee})" if b.attendee else "") for b in present)
            + "."
        )
    if absent:
        lines.append("Vắng: " + "; ".join(b.agency.name for b in absent) + ".")
    return Section("I. THÀNH PHẦN", lines)


def _content(meeting: Meeting) -> Section:
    lines = [line.strip() for line in meeting.agenda.splitlines() if line.strip()]
    return Section("II. NỘI DUNG GIAO BAN", lines or ["Không có nội dung được ghi nhận."])


def _conclusions(tasks: list[FollowUp], today: date) -> Section:
    if not tasks:
        return Section("III. KẾT LUẬN, PHÂN CÔNG THỰC HIỆN", ["Không có nhiệm vụ được giao."])
    rows = [
        [
            str(number),
            task.task,
            task.agency.name,
            f"{task.due_date:%d/%m/%Y}",
            "Quá hạn" if task.overdue_on(today) else TASK_STATES[task.status],
        ]
        for number, task in enumerate(tasks, start=1)
    ]
    done = sum(task.status == "done" for task in tasks)
    overdue = sum(task.overdue_on(today) for task in tasks)
    return Section(
        "III. KẾT LUẬN, PHÂN CÔNG THỰC HIỆN",
        [
            f"Hội nghị kết luận, giao {len(tasks)} nhiệm vụ; đến ngày {today:%d/%m/%Y} đã "
            f"thực hiện {done}, quá hạn {overdue}."
        ],
        ReportTable(["TT", "Nhiệm vụ", "Cơ quan thực hiện", "Hạn", "Tình trạng"], rows),
    )


def compose(
    meeting: Meeting, agency: Agency, tasks: list[FollowUp], province: str, today: date
) -> SummaryReport:
    """The Commission's report on ``meeting`` with the follow-up ``tasks`` its author sees."""
    issuer = issuer_of(agency)
    province = province.strip()
    superior = f"TỈNH ỦY {province.upper()}" if issuer.party else issuer.superior
    letterhead = Letterhead(
        party=issuer.party,
        superior=superior.format(p=province.upper()),
        issuer=[line.format(p=province.upper()) for line in issuer.lines],
        number=number_line(issuer, agency, ""),
        place_date=date_line(province, today),
    )
    return SummaryReport(
        letterhead=letterhead,
        subject=f"Kết quả hội nghị giao ban công tác phối hợp ngày {meeting.held_on:%d/%m/%Y}",
        intro=(
            f"Thực hiện Quy chế phối hợp, {agency.name} báo cáo Ban Thường vụ Tỉnh ủy kết quả "
            f"hội nghị giao ban «{meeting.title}» về tình hình từ ngày "
            f"{meeting.period_start:%d/%m/%Y} đến ngày {meeting.period_end:%d/%m/%Y} như sau."
        ),
        sections=[_attendance(meeting), _content(meeting), _conclusions(tasks, today)],
        recipients=[
            "Thường trực Tỉnh ủy (để báo cáo)",
            "Ban Thường vụ Tỉnh ủy (để báo cáo)",
            *(f"{b.agency.name} (để thực hiện)" for b in meeting.bodies),
            "Lưu Văn phòng Ban",
        ],
        signature=Signature(issuer.authority.upper(), issuer.head.upper(), ""),
    )
