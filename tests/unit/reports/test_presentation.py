"""The presentation of reports without a database: CSV and XLSX writers, redaction of
subjects a reader may not copy, chart geometry, the letterhead's lines."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
from flask import Flask
from flask_babel import Babel

from records.models import Agency
from webapp.reporting.charts import WIDTH, columns, horizontal
from webapp.reporting.exports import redacted, to_csv, to_xlsx
from webapp.reporting.summary import date_line, issuer_of, number_line
from webapp.reporting.tables import Column, Row, Table

TABLE = Table(
    "sample",
    "Danh sách mẫu: vụ việc [thử]",
    [Column("Mã"), Column("Tên vụ việc"), Column("Số ngày", numeric=True), Column("Ngày")],
    [
        Row(["VV-1", "Đất đai xã Đông Hòa", 3, date(2026, 5, 2)]),
        Row(["VV-2", "Tham nhũng dự án", 12, None], level="mat"),
        Row(["Tổng cộng", "", 15, None], total=True),
    ],
    subject_column=1,
)


def _mark(level: str) -> str:
    return f"[{level}]"


def test_subjects_a_reader_may_not_copy_are_replaced_by_their_level() -> None:
    rows = redacted(TABLE, lambda level: level == "thuong", _mark)
    assert [row[1] for row in rows] == ["Đất đai xã Đông Hòa", "[mat]", ""]
    assert redacted(TABLE, lambda level: True, _mark)[1][1] == "Tham nhũng dự án"


def test_csv_has_a_byte_order_mark_and_day_month_year_dates() -> None:
    raw = to_csv(TABLE, redacted(TABLE, lambda level: True, _mark))
    assert raw[:3] == b"\xef\xbb\xbf"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Mã", "Tên vụ việc", "Số ngày", "Ngày"]
    assert rows[1] == ["VV-1", "Đất đai xã Đông Hòa", "3", "02/05/2026"]
    assert rows[3] == ["Tổng cộng", "", "15", ""]


def test_xlsx_sheets_titles_scope_headers_and_typed_cells() -> None:
    other = Table("other", TABLE.title, TABLE.columns, TABLE.rows[:1])
    body = to_xlsx(
        [(TABLE, redacted(TABLE, lambda level: False, _mark)), (other, [TABLE.rows[0].cells])],
        "Kỳ: quý II năm 2026",
    )
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    # Sheet names lose the characters Excel forbids, keep 31 characters, never repeat.
    assert workbook.sheetnames == ["Danh sách mẫu  vụ việc  thử", "Danh sách mẫu  vụ việc  thử (2)"]
    sheet = workbook.worksheets[0]
    assert (sheet["A1"].value, sheet["A2"].value) == (TABLE.title, "Kỳ: quý II năm 2026")
    assert [c.value for c in sheet[3]] == ["Mã", "Tên vụ việc", "Số ngày", "Ngày"]
    assert sheet["B4"].value == "[thuong]"
    assert sheet["C4"].value == 3 and sheet["D4"].value.date() == date(2026, 5, 2)
    assert sheet["D4"].number_format == "DD/MM/YYYY"
    assert sheet["A6"].font.bold and not sheet["A4"].font.bold
    assert sheet.freeze_panes == "A4"


def _in_app(function):
    app = Flask(__name__)
    Babel(app)
    with app.app_context():
        return function()


def test_horizontal_bars_are_proportional_and_leave_out_total_rows() -> None:
    chart = _in_app(lambda: horizontal(TABLE, [2], "c"))
    widths = [bar.width for bar in chart.bars]
    assert len(widths) == 2 and widths[1] == WIDTH - 60 and widths[0] == widths[1] * 3 / 12
    assert chart.bars[1].title == "VV-2 — Số ngày: 12"  # the first column names the bar
    assert chart.height > 2 * 16 and not chart.empty
    zero = Table("z", "z", TABLE.columns, [Row(["VV-3", "x", 0, None])])
    assert _in_app(lambda: horizontal(zero, [2], "z")).empty


def test_columns_over_time_share_one_scale() -> None:
    series = Table(
        "t",
        "Theo thời gian",
        [Column("Kỳ"), Column("A", numeric=True), Column("B", numeric=True)],
        [Row(["01/2026", 4, 2]), Row(["02/2026", 0, 1])],
    )
    chart = _in_app(lambda: columns(series, [1, 2], "t"))
    heights = [round(bar.height, 3) for bar in chart.bars]
    assert heights[0] == 2 * heights[1] == 4 * heights[3] and heights[2] == 0
    assert [text.text for text in chart.texts] == ["01/2026", "02/2026"]


def test_letterhead_lines() -> None:
    commission = Agency(code="noi_chinh", name="Ban Nội chính Tỉnh ủy", abbreviation="BNCTU")
    inspectorate = Agency(code="thanh_tra", name="Thanh tra tỉnh", abbreviation="TTr")
    assert number_line(issuer_of(commission), commission, "12") == "Số 12-BC/BNCTU"
    assert number_line(issuer_of(inspectorate), inspectorate, "5") == "Số: 5/BC-TTr"
    assert number_line(issuer_of(commission), commission, "").startswith("Số       -BC")
    # ND 30/2020: days below 10 and months 1 and 2 take a leading zero.
    assert date_line("Thái Bình", date(2026, 2, 5)) == "Thái Bình, ngày 05 tháng 02 năm 2026"
    assert date_line("Thái Bình", date(2026, 11, 26)) == "Thái Bình, ngày 26 tháng 11 năm 2026"
    newcomer = Agency(code="so_tu_phap", name="Sở Tư pháp", abbreviation="STP")
    assert issuer_of(newcomer).lines == ("SỞ TƯ PHÁP",) and not issuer_of(newcomer).party
