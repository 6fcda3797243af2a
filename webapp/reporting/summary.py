"""The periodic summary report (báo cáo định kỳ) as content: letterhead, title, subject,
sections with the figures of the period in sentences and tables, recipients and
signature — always in Vietnamese, laid out by :mod:`webapp.reporting.docx_report`.

Party bodies write in the format of Hướng dẫn 36-HD/VPTW (the commission among them:
"TỈNH ỦY …" / "BAN NỘI CHÍNH" / "*", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số …-BC/BNCTU"); state
bodies in that of Nghị định 30/2020/NĐ-CP (national title and motto, "Số: …/BC-…").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from babel.numbers import format_decimal

from records.models import Agency
from records.petitions.codes import KIND_LABELS
from records.reports import Dashboard, Period
from records.transfer_rules import OUTCOMES
from webapp.labels import MONITORING_LEVELS, label
from webapp.labels import OUTCOMES as TRANSFER_OUTCOMES
from webapp.reporting.labels import AgencyNames
from webapp.reporting.tables import Table, cases_by_status, requests_by_agency


@dataclass(frozen=True)
class Issuer:
    """How a body heads its documents."""

    party: bool
    #: The issuing body's name as printed, one item per line; ``{p}`` is the province.
    lines: tuple[str, ...]
    #: The head who signs, and the line above the title when signing for a collective.
    head: str
    authority: str = ""
    #: The superior body's line (state format), e.g. "UBND TỈNH {p}".
    superior: str = ""


ISSUERS = {
    "noi_chinh": Issuer(True, ("BAN NỘI CHÍNH",), "TRƯỞNG BAN"),
    "to_chuc": Issuer(True, ("BAN TỔ CHỨC",), "TRƯỞNG BAN"),
    "tuyen_giao": Issuer(True, ("BAN TUYÊN GIÁO VÀ DÂN VẬN",), "TRƯỞNG BAN"),
    "dan_van": Issuer(True, ("BAN DÂN VẬN",), "TRƯỞNG BAN"),
    "van_phong": Issuer(True, ("VĂN PHÒNG",), "CHÁNH VĂN PHÒNG"),
    "uy_ban_kiem_tra": Issuer(True, ("ỦY BAN KIỂM TRA",), "CHỦ NHIỆM", "T/M ỦY BAN KIỂM TRA"),
    "thanh_tra": Issuer(False, ("THANH TRA TỈNH",), "CHÁNH THANH TRA", superior="UBND TỈNH {p}"),
    "vien_kiem_sat": Issuer(False, ("VIỆN KIỂM SÁT NHÂN DÂN", "TỈNH {p}"), "VIỆN TRƯỞNG"),
    "toa_an": Issuer(False, ("TÒA ÁN NHÂN DÂN", "TỈNH {p}"), "CHÁNH ÁN"),
    "cong_an": Issuer(False, ("CÔNG AN TỈNH {p}",), "GIÁM ĐỐC"),
}

COMMISSION_RECIPIENTS = (
    "Thường trực Tỉnh ủy (để báo cáo)",
    "Ban Nội chính Trung ương (để báo cáo)",
    "Ban Chỉ đạo phòng, chống tham nhũng, lãng phí, tiêu cực tỉnh",
    "Lưu Văn phòng Ban",
)
PARTY_RECIPIENTS = (
    "Thường trực Tỉnh ủy (để báo cáo)",
    "Ban Nội chính Tỉnh ủy (để tổng hợp)",
    "Lưu Văn phòng",
)
STATE_RECIPIENTS = ("Ban Nội chính Tỉnh ủy (để tổng hợp)", "Lưu: VT")


def issuer_of(agency: Agency) -> Issuer:
    """The body's letterhead; a body added later heads as a state body, by its name."""
    return ISSUERS.get(agency.code) or Issuer(False, (agency.name.upper(),), "THỦ TRƯỞNG")


def default_recipients(agency: Agency) -> list[str]:
    if agency.code == "noi_chinh":
        return list(COMMISSION_RECIPIENTS)
    return list(PARTY_RECIPIENTS if issuer_of(agency).party else STATE_RECIPIENTS)


def default_subject(agency: Agency, period: Period) -> str:
    if agency.code == "noi_chinh":
        return (
            "Kết quả công tác nội chính và phòng, chống tham nhũng, lãng phí, tiêu cực "
            f"{period.label}"
        )
    return (
        "Kết quả công tác phối hợp về nội chính và phòng, chống tham nhũng, lãng phí, "
        f"tiêu cực {period.label}"
    )


def date_line(place: str, day: date) -> str:
    """ "Thái Bình, ngày 05 tháng 02 năm 2026": days below 10 and months 1–2 with a leading
    zero (ND 30/2020 Appendix I; HD 36 the same)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number_line(issuer: Issuer, agency: Agency, number: str) -> str:
    """ "Số 12-BC/BNCTU" (Party, no colon) or "Số: 12/BC-TTr" (state); blank for the
    records office to fill in when no number is given."""
    blank = " " * 6
    if issuer.party:
        return f"Số {number or blank}-BC/{agency.abbreviation}"
    return f"Số: {number or blank}/BC-{agency.abbreviation}"


@dataclass
class Letterhead:
    party: bool
    superior: str
    issuer: list[str]
    number: str
    place_date: str


@dataclass
class ReportTable:
    headers: list[str]
    rows: list[list[str]]
    #: Index of the total row, printed bold.
    total_row: int | None = None


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    table: ReportTable | None = None


@dataclass
class Signature:
    authority: str
    title: str
    name: str


@dataclass
class SummaryReport:
    letterhead: Letterhead
    subject: str
    intro: str
    sections: list[Section]
    recipients: list[str]
    signature: Signature

    @property
    def title(self) -> str:
        return "BÁO CÁO"


@dataclass
class Particulars:
    """What the person generating the report fills in."""

    province: str
    number: str = ""
    issued_on: date | None = None
    place: str = ""
    subject: str = ""
    signer_authority: str | None = None
    signer_title: str | None = None
    signer_name: str = ""
    recipients: list[str] | None = None


def _n(value: float | None) -> str:
    return format_decimal(value or 0, format="#,##0.#", locale="vi")


def _share(part: int, whole: int) -> str:
    return f"{_n(round(part * 100 / whole, 1))}%" if whole else "—"


def _table_of(table: Table) -> ReportTable:
    totals = [n for n, row in enumerate(table.rows) if row.total]
    return ReportTable(
        [column.header for column in table.columns],
        [[_cell(cell) for cell in row.cells] for row in table.rows],
        totals[0] if totals else None,
    )


def _cell(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, int | float):
        return _n(cell)
    if isinstance(cell, date):
        return f"{cell:%d/%m/%Y}"
    return str(cell)


def _petitions(d: Dashboard) -> Section:
    figures = d.petitions
    totals = figures.totals
    kinds = "; ".join(
        f"{str(KIND_LABELS.get(kind, kind)).lower()}: {_n(row.received)}"
        for kind, row in figures.by_kind.items()
    )
    paragraphs = [
        f"Trong kỳ, tiếp nhận {_n(totals.received)} đơn ({kinds}). Đã giải quyết "
        f"{_n(totals.settled)} đơn; thời gian giải quyết bình quân "
        f"{_n(totals.time.average)} ngày làm việc.",
        f"Tính đến ngày {d.scope.today:%d/%m/%Y}, còn {_n(totals.open)} đơn đang giải quyết, "
        f"trong đó {_n(totals.overdue)} đơn đã quá hạn giải quyết.",
    ]
    rows = [
        [
            str(KIND_LABELS.get(kind, kind)),
            _n(row.received),
            _n(row.settled),
            _n(row.open),
            _n(row.overdue),
            _n(row.time.average) if row.time.count else "",
        ]
        for kind, row in figures.by_kind.items()
    ]
    rows.append(
        [
            "Tổng cộng",
            _n(totals.received),
            _n(totals.settled),
            _n(totals.open),
            _n(totals.overdue),
            _n(totals.time.average) if totals.time.count else "",
        ]
    )
    headers = [
        "Loại đơn",
        "Tiếp nhận",
        "Đã giải quyết",
        "Đang giải quyết",
        "Quá hạn",
        "Bình quân (ngày làm việc)",
    ]
    return Section(
        "I. CÔNG TÁC TIẾP NHẬN, XỬ LÝ ĐƠN THƯ",
        paragraphs,
        ReportTable(headers, rows, len(rows) - 1),
    )


def _cases(d: Dashboard, names: AgencyNames) -> Section:
    figures = d.cases
    monitored = sum(figures.by_level.values())
    levels = "; ".join(
        f"{label(MONITORING_LEVELS, level)!s}: {_n(count)}"
        for level, count in figures.by_level.items()
    )
    opened = sum(figures.opened_by_bucket.values())
    flagged = sum(row.flagged for row in figures.by_agency.values())
    paragraphs = [
        f"Hiện có {_n(monitored)} vụ việc, vụ án thuộc diện theo dõi, chỉ đạo"
        + (f" ({levels})." if levels else "."),
        f"Trong kỳ có {_n(opened)} vụ việc, vụ án mới; hiện có {_n(flagged)} vụ việc được "
        "xác định có dấu hiệu tội phạm.",
    ]
    return Section(
        "II. THEO DÕI VỤ VIỆC, VỤ ÁN",
        paragraphs,
        _table_of(cases_by_status(d, names)),
    )


def _transfers(d: Dashboard) -> Section:
    figures = d.transfers
    outcomes = "; ".join(
        f"{label(TRANSFER_OUTCOMES, outcome).lower()}: {_n(figures.by_outcome.get(outcome, 0))}"
        for outcome in OUTCOMES
    )
    paragraphs = [
        f"Trong kỳ đã chuyển {_n(figures.total)} hồ sơ vụ việc, đơn thư có dấu hiệu tội phạm "
        f"cho cơ quan điều tra ({outcomes}). Thời gian bình quân từ khi chuyển đến khi có "
        f"kết quả: {_n(figures.time.average)} ngày làm việc.",
        f"Tính đến ngày {d.scope.today:%d/%m/%Y}, có {_n(figures.overdue_now)} hồ sơ đã quá "
        "hạn trả lời kết quả; còn "
        f"{_n(figures.awaiting_total)} vụ việc có dấu hiệu tội phạm chưa chuyển cơ quan điều "
        f"tra, trong đó {_n(figures.awaiting_overdue)} vụ việc đã quá thời hạn chuyển.",
    ]
    rows = [
        [str(label(TRANSFER_OUTCOMES, outcome)), _n(figures.by_outcome.get(outcome, 0))]
        for outcome in OUTCOMES
    ]
    rows.append(["Tổng cộng", _n(figures.total)])
    return Section(
        "III. CHUYỂN HỒ SƠ CÓ DẤU HIỆU TỘI PHẠM CHO CƠ QUAN ĐIỀU TRA",
        paragraphs,
        ReportTable(["Kết quả xử lý", "Số hồ sơ"], rows, len(rows) - 1),
    )


def _requests(d: Dashboard, names: AgencyNames) -> Section:
    totals = d.requests.totals
    paragraphs = [
        f"Trong kỳ, các cơ quan đã gửi {_n(totals.sent)} yêu cầu cung cấp thông tin, tài liệu; "
        f"đã được trả lời {_n(totals.answered)} yêu cầu, trong đó {_n(totals.on_time)} yêu cầu "
        f"trả lời đúng hạn (đạt {_share(totals.on_time, totals.answered)}), "
        f"{_n(totals.late)} yêu cầu trả lời trễ hạn; còn {_n(totals.open)} yêu cầu chưa trả "
        f"lời, trong đó {_n(totals.overdue)} yêu cầu đã quá hạn. Thời gian trả lời bình quân "
        f"{_n(d.requests.time.average)} ngày làm việc.",
    ]
    return Section(
        "IV. PHỐI HỢP CUNG CẤP THÔNG TIN",
        paragraphs,
        _table_of(requests_by_agency(d, names)),
    )


def _assessment(d: Dashboard) -> Section:
    petitions, requests, transfers = d.petitions.totals, d.requests.totals, d.transfers
    points = [
        f"Tỷ lệ đơn thư đã giải quyết trên số đơn tiếp nhận trong kỳ: "
        f"{_share(petitions.settled, petitions.received)}.",
        f"Tỷ lệ yêu cầu cung cấp thông tin được trả lời đúng hạn: "
        f"{_share(requests.on_time, requests.answered)}.",
    ]
    if petitions.overdue:
        points.append(
            f"Còn {_n(petitions.overdue)} đơn quá hạn giải quyết cần được đôn đốc xử lý dứt điểm."
        )
    if transfers.awaiting_overdue:
        points.append(
            f"Còn {_n(transfers.awaiting_overdue)} vụ việc có dấu hiệu tội phạm đã quá thời hạn "
            "mà chưa chuyển cơ quan điều tra; đề nghị cơ quan chủ trì chuyển ngay theo quy định."
        )
    if requests.overdue:
        points.append(
            f"Còn {_n(requests.overdue)} yêu cầu cung cấp thông tin quá hạn chưa được trả lời."
        )
    return Section("V. NHẬN XÉT, ĐÁNH GIÁ", points)


def compose(
    dashboard: Dashboard, agency: Agency, names: AgencyNames, particulars: Particulars
) -> SummaryReport:
    """The report of ``dashboard``'s period for ``agency`` (the figures are those its
    author may see)."""
    issuer = issuer_of(agency)
    province = particulars.province.strip()
    issued_on = particulars.issued_on or dashboard.scope.today
    period = dashboard.scope.period
    superior = f"TỈNH ỦY {province.upper()}" if issuer.party else issuer.superior
    letterhead = Letterhead(
        party=issuer.party,
        superior=superior.format(p=province.upper()),
        issuer=[line.format(p=province.upper()) for line in issuer.lines],
        number=number_line(issuer, agency, particulars.number.strip()),
        place_date=date_line(particulars.place.strip() or province, issued_on),
    )
    intro = (
        f"Thực hiện chế độ báo cáo định kỳ, {agency.name} báo cáo kết quả công tác "
        f"{period.label} (từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}) "
        f"như sau. Số liệu tổng hợp từ hệ thống quản lý hồ sơ, tính đến ngày "
        f"{dashboard.scope.today:%d/%m/%Y}; thời gian tính theo ngày làm việc."
    )
    authority = particulars.signer_authority
    title = particulars.signer_title
    return SummaryReport(
        letterhead=letterhead,
        subject=particulars.subject.strip() or default_subject(agency, period),
        intro=intro,
        sections=[
            _petitions(dashboard),
            _cases(dashboard, names),
            _transfers(dashboard),
            _requests(dashboard, names),
            _assessment(dashboard),
        ],
        recipients=particulars.recipients or default_recipients(agency),
        signature=Signature(
            authority=(issuer.authority if authority is None else authority).strip().upper(),
            title=(issuer.head if title is None else title).strip().upper(),
            name=particulars.signer_name.strip(),
        ),
    )
