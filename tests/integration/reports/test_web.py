"""The dashboard page, its exports (CSV opened with csv, XLSX with openpyxl), the summary
report (DOCX read back by hoso's own extractor), the REST API and the CLI, on the seeded
dataset of tests/support/reports.py."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from indexer.extract import ExtractLimits, extract
from indexer.metadata import extract_metadata
from records.models import AuditEvent, Case
from tests.support.people import make_user
from tests.support.reports import seed
from tests.support.web import Browser

pytestmark = pytest.mark.services

Q2 = "period=2026-Q2"
#: The generated reports are kept for people to look at.
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "reports"


@pytest.fixture
def world(db):
    with db.session() as s:
        found = seed(s)
        make_user(s, "nc_officer", "noi_chinh", ("officer",), "mat")
        # VV-01 is MẬT: its title may be copied into a file by a leader only.
        s.get(Case, found.cases["C1"]).confidentiality = "mat"
    return found


def _audit(db, action: str) -> list[AuditEvent]:
    with db.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_dashboard_page_shows_figures_tables_and_charts(app, db, world) -> None:
    page = Browser(app, "nc_leader").get(f"/reports?{Q2}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert re.search(r'id="kpi-received">5<', html)
    assert re.search(r'id="kpi-watch">2<', html)
    assert re.search(r'id="kpi-awaiting">2<', html)
    for title in ("Đơn thư theo loại", "Vụ việc, vụ án thuộc diện theo dõi, chỉ đạo",
                  "Vụ việc có dấu hiệu tội phạm chưa chuyển cơ quan điều tra"):  # fmt: skip
        assert title in html
    # Charts are inline SVG with a text equivalent (the table they describe); the CSP
    # forbids inline scripts and styles, and the page has none.
    assert html.count("<svg") == 6
    assert 'aria-describedby="table-petitions_by_kind"' in html
    assert "<script>" not in html and "style=" not in html
    assert "VV-04" not in html and "VV-05" not in html  # not the commission's to see
    assert 'href="/cases/' in html and "/reports/export/petitions_by_kind.csv" in html
    [event] = _audit(db, "report.dashboard")
    assert event.detail["period"] == "2026-Q2"


def test_english_page_and_unreadable_filters(app, world) -> None:
    browser = Browser(app, "nc_leader")
    browser.post("/locale/en")
    html = browser.get(f"/reports?{Q2}").get_data(as_text=True)
    assert "Petitions by kind" in html
    bad = browser.get("/reports?period=2026-Q9").get_data(as_text=True)
    assert "2026-Q9" in bad  # the refusal is explained, the current year is shown instead


def test_who_may_see_and_export(app, world) -> None:
    auditor = Browser(app, "nc_auditor")
    assert auditor.get("/reports").status_code == 403
    viewer = Browser(app, "nc_viewer")
    assert viewer.get(f"/reports?{Q2}").status_code == 200
    assert viewer.get(f"/reports/export/by_period.csv?{Q2}").status_code == 403
    assert viewer.get(f"/reports/export/all.csv?{Q2}").status_code == 404
    assert viewer.get(f"/reports/export/nothing.xlsx?{Q2}").status_code == 404


def test_csv_export_has_a_bom_vietnamese_headers_and_the_figures(app, db, world) -> None:
    browser = Browser(app, "nc_officer")
    browser.post("/locale/en")  # exports are in Vietnamese whatever the page's language
    response = browser.get(f"/reports/export/petitions_by_kind.csv?{Q2}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('petitions_by_kind_2026-Q2.csv"')
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Loại đơn", "Tiếp nhận trong kỳ", "Đã giải quyết trong kỳ"]
    by_kind = {row[0]: row[1:] for row in rows[1:]}
    assert by_kind["Khiếu nại"][:2] == ["2", "2"]
    assert by_kind["Tố cáo"][:2] == ["2", "1"]
    assert by_kind["Tổng cộng"][:2] == ["5", "3"]
    [event] = _audit(db, "report.export")
    assert (event.detail["table"], event.detail["format"], event.detail["rows"]) == (
        "petitions_by_kind",
        "csv",
        5,
    )


def test_xlsx_export_redacts_what_the_reader_may_not_copy(app, db, world) -> None:
    def watch_rows(username: str) -> list[tuple]:
        response = Browser(app, username).get(f"/reports/export/watch_list.xlsx?{Q2}")
        assert response.status_code == 200
        sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
        assert sheet["A1"].value == "Vụ việc, vụ án thuộc diện theo dõi, chỉ đạo"
        assert "Quý II/2026" in sheet["A2"].value
        assert [c.value for c in sheet[3]][:3] == ["Mã", "Tên vụ việc", "Loại"]
        return [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=4)]

    leader = watch_rows("nc_leader")
    assert [(row[0], row[1]) for row in leader] == [
        ("VA-02", "Vụ việc VA-02"),
        ("VV-01", "Vụ việc VV-01"),
    ]
    assert leader[1][6].date() == date(2026, 5, 2)  # a real date cell: the last activity
    officer = watch_rows("nc_officer")
    assert [(row[0], row[1]) for row in officer] == [("VA-02", "Vụ việc VA-02"), ("VV-01", "[Mật]")]
    levels = sorted(e.level for e in _audit(db, "report.export"))
    assert levels == ["mat", "mat"]  # audited with the highest level exported


def test_workbook_of_every_table(app, world) -> None:
    response = Browser(app, "nc_leader").get(f"/reports/export/all.xlsx?{Q2}&agency=thanh_tra")
    workbook = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    assert len(workbook.sheetnames) == 16
    [sheet] = [s for s in workbook if s["A1"].value == "Vụ việc, vụ án theo trạng thái (hiện tại)"]
    assert "Cơ quan: Thanh tra tỉnh" in sheet["A2"].value
    assert [c.value for c in sheet[4]] == ["Xác minh, thanh tra", 1, 0, 1]


def _docx_metadata(path: Path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / path.name).write_bytes(path.read_bytes())
    extracted = extract(path, limits=ExtractLimits())
    return extracted, extract_metadata(
        extracted.text, header_left=extracted.header_left, header_right=extracted.header_right
    )


def test_summary_report_in_party_format_round_trips_through_the_extractor(
    app, db, world, tmp_path
) -> None:
    browser = Browser(app, "nc_leader")
    form = browser.get("/reports/summary").get_data(as_text=True)
    assert "Hướng dẫn 36-HD/VPTW" in form and 'value="TRƯỞNG BAN"' in form
    response = browser.post(
        "/reports/summary",
        {
            "period": "2026-H1",
            "number": "07",
            "issued_on": "2026-07-06",
            "province": "Thái Bình",
            "signer_title": "Trưởng ban",
            "signer_name": "Nguyễn Văn Bình",
            "recipients": "Thường trực Tỉnh ủy (để báo cáo)\n- Lưu Văn phòng Ban",
        },
    )
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    path = tmp_path / "bao-cao-2026-H1-BNCTU.docx"
    path.write_bytes(response.get_data())
    extracted, meta = _docx_metadata(path)
    assert meta.doc_type == "bao_cao"
    assert meta.number == "07-BC/BNCTU"
    assert meta.issued_date == date(2026, 7, 6)
    assert meta.place == "Thái Bình"
    assert "BAN NỘI CHÍNH" in meta.issuer and "noi_chinh" in meta.agencies
    assert meta.subject.endswith("6 tháng đầu năm 2026")
    assert meta.signer == "Nguyễn Văn Bình"
    text = extracted.text
    assert "TỈNH ỦY THÁI BÌNH" in extracted.header_left and "*" in extracted.header_left
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in extracted.header_right
    # The figures of the first half-year: P8, P1, P2, P9, P3, P4 received (6), settled 3.
    assert "tiếp nhận 6 đơn (khiếu nại: 3; tố cáo: 2; kiến nghị: 1; phản ánh: 0)" in text
    assert "Đã giải quyết 3 đơn" in text
    assert "Hiện có 2 vụ việc, vụ án thuộc diện theo dõi" in text
    assert "đã chuyển 3 hồ sơ" in text
    assert "Nơi nhận:" in text and "- Lưu Văn phòng Ban." in text
    document = docx.Document(str(path))
    assert [t.rows[0].cells[0].text for t in document.tables[1:-1]] == [
        "Loại đơn",
        "Trạng thái",
        "Kết quả xử lý",
        "Cơ quan được yêu cầu",
        "Cơ quan",  # the coordination scorecard of every body (the Commission's report)
    ]
    [event] = _audit(db, "report.summary")
    assert event.detail["period"] == "2026-H1" and event.detail["number"] == "07"


def test_summary_report_of_a_state_body_and_a_missing_province(app, world, tmp_path) -> None:
    browser = Browser(app, "tt_officer")
    refused = browser.post("/reports/summary", {"period": "2026-Q2", "province": ""})
    assert "HOSO_PROVINCE" in refused.get_data(as_text=True)
    response = browser.post(
        "/reports/summary", {"period": "2026-Q2", "number": "15", "province": "Thái Bình"}
    )
    path = tmp_path / "bao-cao-2026-Q2-TTr.docx"
    path.write_bytes(response.get_data())
    extracted, meta = _docx_metadata(path)
    assert (meta.doc_type, meta.number) == ("bao_cao", "15/BC-TTr")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in extracted.header_right
    assert "UBND TỈNH THÁI BÌNH" in extracted.header_left
    assert "tiếp nhận 2 đơn" in extracted.text  # the inspectorate's own: P6, P7


def test_rest_api_figures_tables_and_openapi(app, world) -> None:
    browser = Browser(app, "nc_leader")
    data = browser.get(f"/api/v1/reports/dashboard?{Q2}&rows=5").get_json()
    assert data["scope"]["period"] == "2026-Q2"
    assert data["petitions"]["totals"]["received"] == 5
    assert data["petitions"]["by_kind"]["khieu_nai"]["time"]["average_working_days"] == 11.0
    assert data["cases"]["by_level"] == {"bcd_trung_uong": 1, "bcd_tinh": 1}
    assert data["transfers"]["awaiting_total"] == 2
    assert data["requests"]["totals"]["on_time"] == 1
    assert [row["period"] for row in data["by_period"]] == ["2026-04", "2026-05", "2026-06"]
    table = browser.get(f"/api/v1/reports/tables/transfers_by_outcome?{Q2}").get_json()
    assert table["columns"] == ["Kết quả", "Số hồ sơ"]
    assert table["rows"][-1] == {"cells": ["Tổng cộng", 3], "level": "thuong", "total": True}
    bad = browser.get("/api/v1/reports/dashboard?period=nonsense")
    assert bad.status_code == 422 and bad.get_json()["error"] == "report.period_invalid"
    paths = browser.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"/reports/dashboard", "/reports/tables/{name}", "/reports/summary.docx"} <= set(paths)
    assert Browser(app, "nc_auditor").get("/api/v1/reports/dashboard").status_code == 403


def test_cli_summary_dashboard_and_export(db, world, tmp_path) -> None:
    from webapp.cli import main

    runner = CliRunner()
    out = tmp_path / "bc.docx"
    result = runner.invoke(
        main,
        ["--as", "nc_leader", "report", "summary", "--from", "2026-04-01", "--to",
         "2026-06-30", "--out", str(out), "--province", "Thái Bình", "--number", "9"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "quý II năm 2026" in result.output
    _extracted, meta = _docx_metadata(out)
    assert (meta.doc_type, meta.number) == ("bao_cao", "9-BC/BNCTU")
    assert meta.subject.endswith("quý II năm 2026")
    result = runner.invoke(
        main, ["--as", "nc_leader", "report", "dashboard", "--period", "2026-Q2", "--json"]
    )
    assert json.loads(result.output)["petitions"]["totals"]["settled"] == 3
    sheet = tmp_path / "kinds.csv"
    result = runner.invoke(
        main,
        ["--as", "nc_viewer", "report", "export", "petitions_by_kind", "--format", "csv",
         "--out", str(sheet), "--period", "2026-Q2"],
    )  # fmt: skip
    assert result.exit_code != 0 and "may not export" in result.output
    result = runner.invoke(
        main,
        ["--as", "nc_officer", "report", "export", "petitions_by_kind", "--format", "csv",
         "--out", str(sheet), "--period", "2026-Q2"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbfLo")
    actions = [e.action for e in _audit(db, "report.summary") + _audit(db, "report.export")]
    assert actions == ["report.summary", "report.export"]
