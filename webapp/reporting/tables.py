"""The dashboard's tables, labelled: what the page shows (with links), what the exports
write (CSV, XLSX) and what the API returns. Titles, headers and code labels follow the
active locale; exports build them under the Vietnamese one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import has_request_context, url_for
from flask_babel import gettext as _

from records.calendar import local_date
from records.case_status import KINDS as CASE_KIND_CODES
from records.case_status import STATUSES as CASE_STATUS_CODES
from records.petitions.codes import State
from records.reports import Dashboard, Duration
from records.transfer_rules import OUTCOMES
from webapp.labels import CASE_KINDS, EVENTS, LEGAL_BASES, MONITORING_LEVELS, label
from webapp.labels import OUTCOMES as TRANSFER_OUTCOMES
from webapp.reporting.labels import AgencyNames, case_status, petition_kind, petition_state

Cell = str | int | float | date | None


@dataclass(frozen=True)
class Column:
    header: str
    numeric: bool = False


@dataclass
class Row:
    cells: list[Cell]
    #: Where the row's first cell links to on the page (None outside a request).
    link: str | None = None
    #: The confidentiality level of the object the row is about.
    level: str = "thuong"
    #: A total row (shown bold).
    total: bool = False


@dataclass
class Table:
    name: str
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    #: How many items the list holds when ``rows`` shows only the first ones.
    count: int | None = None
    #: The column holding the subject or title of a classified object (redacted in
    #: exports for those who may not copy it).
    subject_column: int | None = None
    note: str = ""


def _link(endpoint: str, **values: Any) -> str | None:
    return url_for(endpoint, **values) if has_request_context() else None


def _yes(flag: bool) -> str:
    return _("Có") if flag else ""


# -- lists ------------------------------------------------------------------------------------
def petitions_due(d: Dashboard, names: AgencyNames) -> Table:
    figures = d.petitions
    return Table(
        "petitions_due",
        _("Đơn thư quá hạn và sắp đến hạn (3 ngày làm việc)"),
        [
            Column(_("Số vào sổ")),
            Column(_("Loại đơn")),
            Column(_("Cơ quan tiếp nhận")),
            Column(_("Trạng thái")),
            Column(_("Ngày nhận")),
            Column(_("Hạn giải quyết")),
            Column(_("Quá hạn (ngày làm việc)"), numeric=True),
            Column(_("Còn lại (ngày làm việc)"), numeric=True),
        ],
        [
            Row(
                [
                    item.register_no,
                    petition_kind(item.kind),
                    names(item.agency),
                    petition_state(item.state),
                    item.received_on,
                    item.due_on,
                    item.working_days if item.overdue else None,
                    None if item.overdue else item.working_days,
                ],
                _link("petitions.show", petition_id=item.id),
                item.confidentiality,
            )
            for item in figures.due
        ],
        count=figures.overdue_total + figures.near_total,
        note=_(
            "%(overdue)s đơn quá hạn, %(near)s đơn sắp đến hạn; đơn quá hạn lâu nhất ở trên.",
            overdue=figures.overdue_total,
            near=figures.near_total,
        ),
    )


def requests_due(d: Dashboard, names: AgencyNames) -> Table:
    figures = d.requests
    return Table(
        "requests_due",
        _("Yêu cầu cung cấp thông tin quá hạn và sắp đến hạn"),
        [
            Column(_("Số")),
            Column(_("Nội dung yêu cầu")),
            Column(_("Cơ quan yêu cầu")),
            Column(_("Cơ quan được yêu cầu")),
            Column(_("Hạn trả lời")),
            Column(_("Quá hạn (ngày làm việc)"), numeric=True),
            Column(_("Còn lại (ngày làm việc)"), numeric=True),
        ],
        [
            Row(
                [
                    f"#{item.id}",
                    item.subject,
                    names(item.from_agency),
                    names(item.to_agency),
                    item.due_date,
                    item.working_days if item.overdue else None,
                    None if item.overdue else item.working_days,
                ],
                _link("requests.show", request_id=item.id),
                item.confidentiality,
            )
            for item in figures.due
        ],
        count=figures.overdue_total + figures.near_total,
        subject_column=1,
        note=_(
            "%(overdue)s yêu cầu quá hạn, %(near)s yêu cầu sắp đến hạn.",
            overdue=figures.overdue_total,
            near=figures.near_total,
        ),
    )


def watch_list(d: Dashboard, names: AgencyNames) -> Table:
    figures = d.cases
    return Table(
        "watch_list",
        _("Vụ việc, vụ án thuộc diện theo dõi, chỉ đạo"),
        [
            Column(_("Mã")),
            Column(_("Tên vụ việc")),
            Column(_("Loại")),
            Column(_("Diện theo dõi")),
            Column(_("Cơ quan chủ trì")),
            Column(_("Trạng thái")),
            Column(_("Hoạt động gần nhất")),
            Column(_("Nội dung")),
            Column(_("Số ngày không có hoạt động"), numeric=True),
            Column(_("Dấu hiệu tội phạm")),
        ],
        [
            Row(
                [
                    item.code,
                    item.title,
                    label(CASE_KINDS, item.kind),
                    label(MONITORING_LEVELS, item.monitoring_level),
                    names(item.agency),
                    case_status(item.status),
                    local_date(item.last_activity) if item.last_activity else None,
                    label(EVENTS, item.last_event) if item.last_event else "",
                    item.idle_days,
                    _yes(item.crime_signs),
                ],
                _link("cases.show", case_id=item.id),
                item.confidentiality,
            )
            for item in figures.watch
        ],
        count=figures.watch_total,
        subject_column=1,
        note=_(
            "Diện theo dõi cao nhất ở trên; trong mỗi diện, vụ việc lâu không có hoạt động ở trên."
        ),
    )


def transfers(d: Dashboard, names: AgencyNames) -> Table:
    figures = d.transfers
    return Table(
        "transfers",
        _("Hồ sơ chuyển cơ quan điều tra trong kỳ"),
        [
            Column(_("Số văn bản")),
            Column(_("Vụ việc")),
            Column(_("Cơ quan chuyển")),
            Column(_("Cơ quan điều tra")),
            Column(_("Ngày chuyển")),
            Column(_("Hạn trả lời")),
            Column(_("Kết quả")),
            Column(_("Ngày có kết quả")),
            Column(_("Thời gian (ngày làm việc)"), numeric=True),
            Column(_("Quá hạn trả lời")),
        ],
        [
            Row(
                [
                    item.reference or f"#{item.id}",
                    item.case_code or (_("Đơn thư") if item.petition_id else ""),
                    names(item.from_agency),
                    names(item.to_agency),
                    item.sent_date,
                    item.due_date,
                    label(TRANSFER_OUTCOMES, item.outcome),
                    item.outcome_date,
                    item.working_days,
                    _yes(item.overdue),
                ],
                _link("cases.transfer_show", transfer_id=item.id),
                item.confidentiality,
            )
            for item in figures.rows
        ],
        count=figures.total,
        note=_("Mới nhất ở trên."),
    )


def awaiting_transfer(d: Dashboard, names: AgencyNames) -> Table:
    figures = d.transfers
    return Table(
        "awaiting_transfer",
        _("Vụ việc có dấu hiệu tội phạm chưa chuyển cơ quan điều tra"),
        [
            Column(_("Mã")),
            Column(_("Tên vụ việc")),
            Column(_("Cơ quan chủ trì")),
            Column(_("Căn cứ")),
            Column(_("Phát hiện từ ngày")),
            Column(_("Số ngày chưa chuyển"), numeric=True),
            Column(_("Hạn chuyển")),
            Column(_("Quá hạn chuyển")),
        ],
        [
            Row(
                [
                    item.code,
                    item.title,
                    names(item.agency),
                    label(LEGAL_BASES, item.basis),
                    item.since,
                    item.days,
                    item.due,
                    _yes(item.overdue),
                ],
                _link("cases.show", case_id=item.id),
                item.confidentiality,
            )
            for item in figures.awaiting
        ],
        count=figures.awaiting_total,
        subject_column=1,
        note=_(
            "%(total)s vụ việc, trong đó %(overdue)s vụ việc quá hạn chuyển; chờ lâu nhất ở trên.",
            total=figures.awaiting_total,
            overdue=figures.awaiting_overdue,
        ),
    )


# -- counts -----------------------------------------------------------------------------------
def petitions_by_kind(d: Dashboard, names: AgencyNames) -> Table:
    figures = d.petitions

    def cells(name: str, row: Any) -> list[Cell]:
        return [name, row.received, row.settled, row.open, row.overdue, row.time.average]

    rows = [Row(cells(petition_kind(kind), row)) for kind, row in figures.by_kind.items()]
    rows.append(Row(cells(_("Tổng cộng"), figures.totals), total=True))
    return Table(
        "petitions_by_kind",
        _("Đơn thư theo loại"),
        [
            Column(_("Loại đơn")),
            Column(_("Tiếp nhận trong kỳ"), numeric=True),
            Column(_("Đã giải quyết trong kỳ"), numeric=True),
            Column(_("Đang giải quyết"), numeric=True),
            Column(_("Quá hạn"), numeric=True),
            Column(_("Thời gian giải quyết bình quân (ngày làm việc)"), numeric=True),
        ],
        rows,
        note=_("Đang giải quyết, quá hạn: tính đến ngày xem báo cáo."),
    )


def petitions_by_agency(d: Dashboard, names: AgencyNames) -> Table:
    rows = [
        Row([names(code), row.received, row.settled, row.open, row.overdue])
        for code, row in d.petitions.by_agency.items()
    ]
    return Table(
        "petitions_by_agency",
        _("Đơn thư theo cơ quan tiếp nhận"),
        [
            Column(_("Cơ quan")),
            Column(_("Tiếp nhận trong kỳ"), numeric=True),
            Column(_("Đã giải quyết trong kỳ"), numeric=True),
            Column(_("Đang giải quyết"), numeric=True),
            Column(_("Quá hạn"), numeric=True),
        ],
        rows,
    )


def petitions_by_state(d: Dashboard, names: AgencyNames) -> Table:
    order = {state.value: position for position, state in enumerate(State)}
    rows = [
        Row([petition_state(state), count])
        for state, count in sorted(d.petitions.by_state.items(), key=lambda i: order.get(i[0], 99))
    ]
    return Table(
        "petitions_by_state",
        _("Đơn thư tiếp nhận trong kỳ theo trạng thái"),
        [Column(_("Trạng thái")), Column(_("Số đơn"), numeric=True)],
        rows,
    )


def cases_by_status(d: Dashboard, names: AgencyNames) -> Table:
    by_status = d.cases.by_status
    rows = []
    totals = dict.fromkeys(CASE_KIND_CODES, 0)
    for status in CASE_STATUS_CODES:
        if status not in by_status:
            continue
        counts = [by_status[status].get(kind, 0) for kind in CASE_KIND_CODES]
        for kind, count in zip(CASE_KIND_CODES, counts, strict=True):
            totals[kind] += count
        rows.append(Row([case_status(status), *counts, sum(counts)]))
    rows.append(Row([_("Tổng cộng"), *totals.values(), sum(totals.values())], total=True))
    return Table(
        "cases_by_status",
        _("Vụ việc, vụ án theo trạng thái (hiện tại)"),
        [
            Column(_("Trạng thái")),
            *(Column(label(CASE_KINDS, kind), numeric=True) for kind in CASE_KIND_CODES),
            Column(_("Cộng"), numeric=True),
        ],
        rows,
    )


def cases_by_agency(d: Dashboard, names: AgencyNames) -> Table:
    rows = [
        Row([names(code), row.total, row.monitored, row.flagged, row.opened])
        for code, row in d.cases.by_agency.items()
    ]
    return Table(
        "cases_by_agency",
        _("Vụ việc, vụ án theo cơ quan chủ trì"),
        [
            Column(_("Cơ quan")),
            Column(_("Tổng số"), numeric=True),
            Column(_("Thuộc diện theo dõi"), numeric=True),
            Column(_("Có dấu hiệu tội phạm"), numeric=True),
            Column(_("Mới trong kỳ"), numeric=True),
        ],
        rows,
    )


def cases_by_level(d: Dashboard, names: AgencyNames) -> Table:
    return Table(
        "cases_by_level",
        _("Vụ việc, vụ án theo diện theo dõi"),
        [Column(_("Diện theo dõi")), Column(_("Số vụ việc"), numeric=True)],
        [Row([label(MONITORING_LEVELS, level), n]) for level, n in d.cases.by_level.items()],
    )


def transfers_by_outcome(d: Dashboard, names: AgencyNames) -> Table:
    rows = [
        Row([label(TRANSFER_OUTCOMES, outcome), d.transfers.by_outcome.get(outcome, 0)])
        for outcome in OUTCOMES
    ]
    rows.append(Row([_("Tổng cộng"), d.transfers.total], total=True))
    return Table(
        "transfers_by_outcome",
        _("Kết quả xử lý của cơ quan điều tra (hồ sơ chuyển trong kỳ)"),
        [Column(_("Kết quả")), Column(_("Số hồ sơ"), numeric=True)],
        rows,
    )


def transfers_by_agency(d: Dashboard, names: AgencyNames) -> Table:
    rows = [
        Row([names(code), row.sent, row.answered, row.pending, row.overdue])
        for code, row in d.transfers.by_agency.items()
    ]
    return Table(
        "transfers_by_agency",
        _("Hồ sơ chuyển theo cơ quan điều tra"),
        [
            Column(_("Cơ quan điều tra")),
            Column(_("Đã chuyển"), numeric=True),
            Column(_("Đã có kết quả"), numeric=True),
            Column(_("Đang xử lý"), numeric=True),
            Column(_("Quá hạn trả lời"), numeric=True),
        ],
        rows,
    )


def requests_by_agency(d: Dashboard, names: AgencyNames) -> Table:
    def cells(name: str, row: Any) -> list[Cell]:
        return [
            name,
            row.sent,
            row.answered,
            row.on_time,
            row.late,
            row.open,
            row.overdue,
            row.withdrawn,
        ]

    rows = [Row(cells(names(code), row)) for code, row in d.requests.by_agency.items()]
    rows.append(Row(cells(_("Tổng cộng"), d.requests.totals), total=True))
    return Table(
        "requests_by_agency",
        _("Yêu cầu cung cấp thông tin gửi trong kỳ, theo cơ quan được yêu cầu"),
        [
            Column(_("Cơ quan được yêu cầu")),
            Column(_("Đã gửi"), numeric=True),
            Column(_("Đã trả lời"), numeric=True),
            Column(_("Trả lời đúng hạn"), numeric=True),
            Column(_("Trả lời trễ hạn"), numeric=True),
            Column(_("Chưa trả lời"), numeric=True),
            Column(_("Quá hạn chưa trả lời"), numeric=True),
            Column(_("Đã rút"), numeric=True),
        ],
        rows,
    )


def handling_time(d: Dashboard, names: AgencyNames) -> Table:
    def cells(name: str, duration: Duration) -> list[Cell]:
        return [
            name,
            duration.count,
            duration.average,
            duration.longest if duration.count else None,
        ]

    rows = [
        Row(cells(_("Đơn %(kind)s", kind=petition_kind(kind).lower()), row.time))
        for kind, row in d.petitions.by_kind.items()
    ]
    rows.append(Row(cells(_("Yêu cầu cung cấp thông tin (đến khi trả lời)"), d.requests.time)))
    rows.append(Row(cells(_("Chuyển cơ quan điều tra (đến khi có kết quả)"), d.transfers.time)))
    return Table(
        "handling_time",
        _("Thời gian xử lý (ngày làm việc)"),
        [
            Column(_("Nội dung")),
            Column(_("Số đã xử lý"), numeric=True),
            Column(_("Bình quân"), numeric=True),
            Column(_("Dài nhất"), numeric=True),
        ],
        rows,
        note=_(
            "Đơn: từ ngày nhận đến ngày có quyết định, kết luận hoặc kết thúc xử lý; "
            "tính theo lịch làm việc (trừ ngày nghỉ, ngày lễ, có ngày làm bù)."
        ),
    )


def by_period(d: Dashboard, names: AgencyNames) -> Table:
    return Table(
        "by_period",
        _("Theo thời gian"),
        [
            Column(_("Kỳ")),
            Column(_("Đơn tiếp nhận"), numeric=True),
            Column(_("Đơn đã giải quyết"), numeric=True),
            Column(_("Vụ việc mới"), numeric=True),
            Column(_("Chuyển cơ quan điều tra"), numeric=True),
            Column(_("Yêu cầu thông tin"), numeric=True),
        ],
        [
            Row(
                [
                    row.bucket.label,
                    row.petitions_received,
                    row.petitions_settled,
                    row.cases_opened,
                    row.transfers_sent,
                    row.requests_sent,
                ]
            )
            for row in d.by_bucket
        ],
    )


#: Every table, in the order of the page and of the workbook.
BUILDERS: dict[str, Callable[[Dashboard, AgencyNames], Table]] = {
    "petitions_due": petitions_due,
    "requests_due": requests_due,
    "watch_list": watch_list,
    "awaiting_transfer": awaiting_transfer,
    "transfers": transfers,
    "by_period": by_period,
    "petitions_by_kind": petitions_by_kind,
    "petitions_by_agency": petitions_by_agency,
    "petitions_by_state": petitions_by_state,
    "handling_time": handling_time,
    "cases_by_status": cases_by_status,
    "cases_by_level": cases_by_level,
    "cases_by_agency": cases_by_agency,
    "transfers_by_outcome": transfers_by_outcome,
    "transfers_by_agency": transfers_by_agency,
    "requests_by_agency": requests_by_agency,
}
#: The tables that list objects (the rest count them).
LISTS = ("petitions_due", "requests_due", "watch_list", "awaiting_transfer", "transfers")


def build_tables(dashboard: Dashboard, names: AgencyNames) -> dict[str, Table]:
    return {name: builder(dashboard, names) for name, builder in BUILDERS.items()}
