"""Casework through the real worker and search node: a file uploaded into a case is indexed
with the case's code and bodies; attaching and detaching re-index the document. And the
CLI a clerk scripts."""

from __future__ import annotations

import json
import time
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from records.accounts import ensure_admin
from records.models import CaseDocument, Document
from tests.support.ingest import upload, wait_for
from tests.support.people import make_user
from tests.support.web import Browser

pytestmark = pytest.mark.services

LETTER = (
    "THANH TRA TỈNH\nSố: 77/KL-TTr\nThái Bình, ngày 05 tháng 3 năm 2026\n"
    "KẾT LUẬN THANH TRA\nVề việc quản lý đất đai tại xã An Bình\n"
    "Phát hiện dấu hiệu vi phạm trong giao đất.\n"
)


def _source(engine, settings, document_id: int, want, timeout_s: float = 60) -> dict:
    """Poll the engine until the document's indexed body satisfies ``want``."""
    deadline = time.monotonic() + timeout_s
    while True:
        hit = engine.get(settings.index_alias, str(document_id))
        source = (hit or {}).get("_source", {})
        if source and want(source):
            return source
        if time.monotonic() > deadline:
            raise AssertionError(f"index entry of {document_id} never matched: {source}")
        time.sleep(0.3)


def test_upload_into_a_case_and_attach_detach_reindex(
    app, db, hoso_settings, search_engine, worker, tmp_path: Path
) -> None:
    with db.session() as s:
        make_user(s, "tt_officer", "thanh_tra", ("officer",))
    lead = Browser(app, "tt_officer")
    response = lead.post(
        "/cases/new",
        {
            "code": "VV-2026-IDX",
            "title": "Đất đai An Bình",
            "lead": "thanh_tra",
            "agencies": "uy_ban_kiem_tra",
        },
    )
    case_id = int(response.headers["Location"].split("/")[-1])

    uploaded = lead.client.post(
        f"/cases/{case_id}/upload",
        data={
            "csrf_token": lead.token,
            "files": (BytesIO(LETTER.encode()), "ket-luan-77.txt"),
            "confidentiality": "thuong",
        },
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 302
    with db.session() as s:
        document_id = s.scalar(select(Document.id).where(Document.filename == "ket-luan-77.txt"))
        assert s.get(CaseDocument, (case_id, document_id)).state == "attached"
    assert wait_for(db, [document_id])[document_id].status == "indexed"
    source = _source(search_engine, hoso_settings, document_id, lambda s: s["cases"])
    assert source["cases"] == ["VV-2026-IDX"]
    # Each body with the case level its staff need (the case is thường).
    assert source["case_agencies"] == ["thanh_tra@thuong", "uy_ban_kiem_tra@thuong"]
    assert source["number"] == "77/KL-TTr"

    # On the Steering Committee's list, the commission (its standing office) sees the file.
    lead.post(f"/cases/{case_id}/monitoring", {"level": "bcd_tinh", "reason": "Kết luận BCĐ"})
    monitored = _source(
        search_engine,
        hoso_settings,
        document_id,
        lambda s: "noi_chinh@thuong" in s["case_agencies"],
    )
    assert monitored["case_agencies"] == [
        "noi_chinh@thuong",
        "thanh_tra@thuong",
        "uy_ban_kiem_tra@thuong",
    ]
    lead.post(f"/cases/{case_id}/monitoring", {"level": "", "reason": "Đã kết thúc theo dõi"})
    _source(
        search_engine,
        hoso_settings,
        document_id,
        lambda s: "noi_chinh@thuong" not in s["case_agencies"],
    )

    # A document uploaded elsewhere, then attached from its page and detached again.
    other = tmp_path / "bao-cao.txt"
    other.write_text(
        "THANH TRA TỈNH\nSố: 78/BC-TTr\nBÁO CÁO\nVề tiến độ thanh tra\n", encoding="utf-8"
    )
    other_id = upload(db, hoso_settings, other, agency="thanh_tra")
    assert wait_for(db, [other_id])[other_id].status == "indexed"
    assert _source(search_engine, hoso_settings, other_id, lambda s: True)["cases"] == []
    lead.post(
        "/cases/attach", {"document_id": other_id, "case_id": case_id, "reason": "Báo cáo tiến độ"}
    )
    attached = _source(search_engine, hoso_settings, other_id, lambda s: s["cases"])
    assert attached["case_agencies"] == ["thanh_tra@thuong", "uy_ban_kiem_tra@thuong"]
    lead.post(f"/cases/{case_id}/documents/{other_id}/detach", {"reason": "Không thuộc vụ việc"})
    detached = _source(search_engine, hoso_settings, other_id, lambda s: not s["cases"])
    assert detached["case_agencies"] == []


def test_cli_case_and_request_commands(db, hoso_settings) -> None:
    from webapp.cli import main

    with db.session() as s:
        ensure_admin(s)
        make_user(s, "tt_officer", "thanh_tra", ("officer",))
        make_user(s, "ubkt_officer", "uy_ban_kiem_tra", ("officer",))
    runner = CliRunner()
    created = runner.invoke(
        main,
        [
            "--as",
            "tt_officer",
            "case",
            "create",
            "VV-CLI-1",
            "Vụ việc từ dòng lệnh",
            "--agency",
            "uy_ban_kiem_tra",
        ],
    )
    assert created.exit_code == 0, created.output
    assert json.loads(created.output)["agencies"] == ["uy_ban_kiem_tra"]
    refused = runner.invoke(main, ["case", "create", "VV-CLI-2", "Quản trị"])  # the administrator
    assert refused.exit_code != 0 and "không có quyền" in refused.output

    paper = Path(hoso_settings.data_dir) / "to-trinh.txt"
    paper.parent.mkdir(parents=True, exist_ok=True)
    paper.write_text("Tờ trình", encoding="utf-8")
    document_id = upload(db, hoso_settings, paper, agency="thanh_tra", queue=False)
    attached = runner.invoke(
        main,
        [
            "--as",
            "tt_officer",
            "case",
            "attach",
            "VV-CLI-1",
            str(document_id),
            "--reason",
            "Tờ trình",
        ],
    )
    assert attached.exit_code == 0, attached.output
    shown = json.loads(
        runner.invoke(main, ["--as", "ubkt_officer", "case", "show", "VV-CLI-1"]).output
    )
    assert [d["id"] for d in shown["documents"]] == [document_id]
    hidden = runner.invoke(main, ["--as", "ubkt_officer", "case", "show", "VV-NONE"])
    assert hidden.exit_code != 0

    bad = runner.invoke(main, ["--as", "tt_officer", "case", "status", "VV-CLI-1", "truy_to"])
    assert bad.exit_code != 0 and "Không thể chuyển" in bad.output

    asked = runner.invoke(
        main,
        [
            "--as",
            "tt_officer",
            "request",
            "create",
            "uy_ban_kiem_tra",
            "Hồ sơ đảng viên",
            "--case",
            "VV-CLI-1",
        ],
    )
    assert asked.exit_code == 0, asked.output
    listed = runner.invoke(main, ["--as", "ubkt_officer", "request", "list", "--json"])
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert [r["subject"] for r in rows] == ["Hồ sơ đảng viên"] and rows[0]["status"] == "open"
    overdue = runner.invoke(
        main, ["--as", "ubkt_officer", "request", "list", "--overdue", "--json"]
    )
    assert overdue.output.strip() == ""
    reminded = runner.invoke(main, ["remind"])
    assert reminded.exit_code == 0 and "notification" in reminded.output
