"""Importing a petition register: row-level reasons, nothing half-imported, CLI and page."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from sqlalchemy import func, select

from records.errors import RuleError
from records.models import AuditEvent, Petition, Petitioner
from records.petitions import importer
from tests.integration.petitions.conftest import World
from webapp.cli import main

pytestmark = pytest.mark.services

HEADER = [
    "Số vào sổ",
    "Ngày nhận",
    "Loại đơn",
    "Nội dung",
    "Nguồn đơn",
    "Người gửi đơn",
    "Địa chỉ",
    "Số CCCD",
    "Người bị khiếu nại, tố cáo",
    "Cơ quan tiếp nhận",
    "Ghi chú nội bộ",
]
GOOD = [
    [
        "12/2026",
        "03/11/2026",
        "Khiếu nại",
        "Khiếu nại quyết định thu hồi đất",
        "Bưu điện",
        "Nguyễn Văn An; Lê Thị Hoa",
        "Thôn 1; Thôn 2",
        "001080012345",
        "UBND xã A",
        "BNCTU",
        "x",
    ],
    [
        "13/2026",
        datetime(2026, 11, 4),
        "to cao",
        "Tố cáo cán bộ nhận hối lộ",
        "trực tiếp",
        "Phạm Văn Đức",
        "Tổ 3",
        "",
        "Ông Nguyễn B",
        "noi_chinh",
        "",
    ],
]
BAD = [
    ["14/2026", "31/02/2026", "Khiếu nại", "Ngày sai", "", "Trần C", "", "", "", "", ""],
    ["15/2026", "05/11/2026", "Đơn xin việc", "", "bồ câu", "Đỗ D", "", "", "", "Sở Kế hoạch", ""],
    ["12/2026", "05/11/2026", "Kiến nghị", "Số trùng dòng 2", "", "Vũ E", "", "", "", "", ""],
]


def _xlsx(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    sheet.append([None] * len(HEADER))  # blank rows are ignored
    book.save(path)
    return path


def _count(world: World) -> int:
    return world.session.scalar(select(func.count(Petition.id))) or 0


def test_bad_rows_are_rejected_with_reasons_and_nothing_is_imported(
    world: World, tmp_path: Path
) -> None:
    path = _xlsx(tmp_path / "so.xlsx", GOOD + BAD)
    report = importer.run(world.session, world.clerk, path, world.ctx)
    world.session.commit()
    assert _count(world) == 0 and report.imported == []
    reasons = {row.row: row.errors for row in report.rejected}
    assert set(reasons) == {4, 5, 6}
    assert reasons[4] == ["Ngày nhận không hợp lệ: 31/02/2026 (dùng dd/mm/yyyy)."]
    assert (
        "Loại đơn không hợp lệ: Đơn xin việc (khiếu nại, tố cáo, kiến nghị, phản ánh)."
        in reasons[5]
    )
    assert "Nguồn đơn không hợp lệ: bồ câu." in reasons[5]
    assert "Không tìm thấy cơ quan tiếp nhận: Sở Kế hoạch." in reasons[5]
    assert reasons[6] == ["Số vào sổ 12/2026 trùng với dòng 2."]
    assert report.ignored_columns == ["Ghi chú nội bộ"]


def test_skip_invalid_imports_the_good_rows_only(world: World, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "so.xlsx", GOOD + BAD)
    report = importer.run(world.session, world.clerk, path, world.ctx, skip_invalid=True)
    world.session.commit()
    assert [row.register_no for row in report.imported] == ["12/2026", "13/2026"]
    first = world.session.scalars(select(Petition).where(Petition.register_no == "12/2026")).one()
    assert (first.kind, first.channel, first.state, first.due_rule) == (
        "khieu_nai",
        "buu_chinh",
        "RECEIVED",
        "K2",
    )
    people = world.session.scalars(
        select(Petitioner).where(Petitioner.petition_id == first.id).order_by(Petitioner.position)
    ).all()
    assert [(p.name, p.address) for p in people] == [
        ("Nguyễn Văn An", "Thôn 1"),
        ("Lê Thị Hoa", "Thôn 2"),
    ]
    second = world.session.scalars(select(Petition).where(Petition.register_no == "13/2026")).one()
    assert (second.kind, second.channel, second.received_on.isoformat()) == (
        "to_cao",
        "truc_tiep",
        "2026-11-04",
    )
    # Importing the same file again: every row is now a number already in the register.
    again = importer.run(world.session, world.clerk, path, world.ctx)
    assert all(
        "đã có trong sổ" in " ".join(row.errors) for row in again.rejected if row.row in (2, 3)
    )


def test_dry_run_and_csv_with_plain_headers(world: World, tmp_path: Path) -> None:
    csv_path = tmp_path / "so.csv"
    csv_path.write_text(
        "so vao so;ngay nhan;loai don;noi dung;nguoi gui don;nac danh\n"
        "1/2026;46329;kien nghi;Kien nghi sua duong;Hoang Van G;khong\n"
        "2/2026;02/11/2026;phan anh;Phan anh tieng on;;co\n",
        encoding="utf-8",
    )
    report = importer.run(world.session, world.clerk, csv_path, world.ctx, dry_run=True)
    assert report.rejected == [] and report.imported == [] and _count(world) == 0
    report = importer.run(world.session, world.clerk, csv_path, world.ctx)
    world.session.commit()
    assert len(report.imported) == 2
    first = world.session.scalars(select(Petition).where(Petition.register_no == "1/2026")).one()
    assert first.received_on.isoformat() == "2026-11-03"  # an Excel serial day number
    second = world.session.scalars(select(Petition).where(Petition.register_no == "2/2026")).one()
    assert second.anonymous


def test_unreadable_files_say_why(world: World, tmp_path: Path) -> None:
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(RuleError, match="Không đọc được tệp Excel"):
        importer.run(world.session, world.clerk, broken, world.ctx)
    headless = tmp_path / "thieu.csv"
    headless.write_text("Số vào sổ,Nội dung\n1,abc\n", encoding="utf-8")
    with pytest.raises(RuleError, match="Thiếu cột bắt buộc: Ngày nhận, Loại đơn"):
        importer.run(world.session, world.clerk, headless, world.ctx)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Số vào sổ".encode("cp1258", errors="replace") + b"\xe0\xe1")
    with pytest.raises(RuleError, match="UTF-8"):
        importer.run(world.session, world.clerk, latin, world.ctx)
    with pytest.raises(RuleError, match=r"\.xlsx hoặc \.csv"):
        importer.run(world.session, world.clerk, tmp_path / "so.pdf", world.ctx)


def test_cli_import_reports_and_never_half_imports(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    path = _xlsx(tmp_path / "so.xlsx", GOOD + BAD)
    result = runner.invoke(main, ["--as", "vanthu", "petition", "import", str(path), "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert (report["rows"], report["valid"], report["imported"]) == (5, 2, 0)
    assert [r["row"] for r in report["rejected"]] == [4, 5, 6]
    world.session.expire_all()
    assert _count(world) == 0

    # A failure half-way (here: the database refuses the second row) leaves nothing behind.
    good = _xlsx(tmp_path / "tot.xlsx", GOOD)
    real_register = importer.register
    calls = []

    def failing_register(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("connection lost")
        return real_register(*args, **kwargs)

    monkeypatch.setattr(importer, "register", failing_register)
    result = runner.invoke(main, ["--as", "vanthu", "petition", "import", str(good)])
    assert result.exit_code != 0 and len(calls) == 2
    assert _count(world) == 0
    monkeypatch.setattr(importer, "register", real_register)

    result = runner.invoke(main, ["--as", "vanthu", "petition", "import", str(good)])
    assert result.exit_code == 0, result.output
    assert "2 dòng, 2 hợp lệ, 0 lỗi; đã nhập 2." in result.output
    assert _count(world) == 2
    audits = world.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "petition.import")
    ).all()
    assert [a.detail["imported"] for a in audits] == [0, 2]

    listed = runner.invoke(main, ["--as", "vanthu", "petition", "list", "--json"])
    assert json.loads(listed.output)["total"] == 2
    petition_id = json.loads(listed.output)["items"][0]["id"]
    shown = runner.invoke(main, ["--as", "vanthu", "petition", "show", str(petition_id), "--json"])
    detail = json.loads(shown.output)
    assert detail["history"][0]["action"] == "register" and detail["due"]["rule"] in ("K2", "T1")
    hidden = runner.invoke(main, ["--as", "congan", "petition", "show", str(petition_id)])
    assert hidden.exit_code != 0 and "that you may see" in hidden.output


def test_import_page(client, world: World, tmp_path: Path) -> None:
    from tests.integration.petitions.test_web import _login

    token = _login(client, "vanthu")
    path = _xlsx(tmp_path / "so.xlsx", GOOD + BAD)
    with path.open("rb") as handle:
        response = client.post(
            "/petitions/import",
            data={"csrf_token": token, "file": (handle, "so.xlsx")},
            content_type="multipart/form-data",
        )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert (
        "Có dòng lỗi nên không nhập dòng nào" in html
        and "Ngày nhận không hợp lệ: 31/02/2026" in html
    )
    template = client.get("/petitions/import/template.xlsx")
    assert template.status_code == 200 and template.data[:2] == b"PK"
    assert _count(world) == 0
