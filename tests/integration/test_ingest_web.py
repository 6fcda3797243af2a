"""The web upload flow: several files, live status, duplicates, the size limit, refusals,
the list page, re-run and corrections — with a real worker and the live search node."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from records.config import Settings
from records.db import Database
from records.models import AuditEvent, Document, Upload
from tests.support.ingest import signed_in, wait_for

pytestmark = pytest.mark.services

JSON = {"Accept": "application/json"}
LETTER = (
    "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH\nSố: 77/UBND-NC\nThái Bình, ngày 05 tháng 3 năm 2024\n"
    "V/v phối hợp xác minh đơn tố cáo\nKính gửi: Thanh tra tỉnh\n"
    "Đề nghị Thanh tra tỉnh phối hợp xác minh nội dung đơn.\n"
)


def _post(client, token: str, files: list[tuple[bytes, str]], **fields: object):
    data = {"csrf_token": token, **fields}
    data["files"] = [(io.BytesIO(content), name) for content, name in files]
    return client.post(
        "/documents/upload", data=data, headers=JSON, content_type="multipart/form-data"
    )


def _poll(client, ids: list[int], timeout_s: float = 120) -> dict[int, dict]:
    """Follow the status endpoint as the page's script does, until every file is final."""
    deadline = time.monotonic() + timeout_s
    seen: dict[int, list[str]] = {i: [] for i in ids}
    while True:
        answer = client.get(f"/documents/status?ids={','.join(map(str, ids))}", headers=JSON)
        assert answer.status_code == 200
        documents = {d["id"]: d for d in answer.json["documents"]}
        for document_id, row in documents.items():
            if not seen[document_id] or seen[document_id][-1] != row["status"]:
                seen[document_id].append(row["status"])
        if all(documents[i]["final"] for i in ids):
            return {i: {**documents[i], "seen": seen[i]} for i in ids}
        assert time.monotonic() < deadline, f"still pending: {documents}"
        time.sleep(0.3)


def test_upload_several_files_and_follow_their_status(
    app, db: Database, worker, corpus: Path, tmp_path: Path
) -> None:
    client, token = signed_in(app, db, "vanthu", roles=("clerk",))
    page = client.get("/documents/upload").get_data(as_text=True)
    assert 'id="upload-form"' in page and "upload.js" in page and "<script>" not in page

    docx = (corpus / "files" / "vn-r006.docx").read_bytes()
    secret = LETTER.replace("Số: 77", "MẬT\nSố: 78").encode()
    answer = _post(
        client,
        token,
        [
            (docx, "ke-hoach.docx"),
            (LETTER.encode(), "cong-van.txt"),
            (b"", "rong.txt"),
            (secret, "mat.txt"),
        ],
        confidentiality="thuong",
    )
    assert answer.status_code == 201
    files = answer.json["files"]
    assert [f["status"] for f in files] == ["received"] * 4
    assert all(f["url"].endswith("/edit") for f in files)
    ids = [f["id"] for f in files[:3]]
    secret_id = files[3]["id"]

    final = _poll(client, ids)
    assert [final[i]["status"] for i in ids] == ["indexed", "indexed", "failed"]
    assert final[ids[0]]["label"] == "Đã lập chỉ mục"
    with db.session() as session:
        assert session.get(Document, ids[0]).doc_type == "ke_hoach"
        assert session.get(Document, ids[1]).number == "77/UBND-NC"
    assert final[ids[2]]["error"] == "Tệp rỗng (0 byte)."  # the reason, in Vietnamese
    assert final[ids[0]]["seen"][-1] == "indexed"
    # The printed mark raised the level above the clerk's clearance: the page is told.
    assert wait_for(db, [secret_id])[secret_id].confidentiality == "mat"
    hidden = client.get(f"/documents/status?ids={secret_id}", headers=JSON).json
    assert hidden == {"documents": [], "withdrawn": [secret_id]}

    # The same file again is a duplicate of the document already held, not parsed twice.
    again = _post(client, token, [(docx, "ban-sao.docx")])
    assert again.status_code == 200
    assert again.json["files"][0]["status"] == "duplicate"
    assert again.json["files"][0]["id"] == ids[0]
    with db.session() as session:
        assert session.scalar(select(Document).where(Document.id == ids[0])).filename == (
            "ke-hoach.docx"
        )
        uploads = session.scalars(select(Upload).where(Upload.document_id == ids[0])).all()
        assert [u.duplicate for u in uploads] == [False, True]

    listing = client.get("/documents?status=failed").get_data(as_text=True)
    assert "rong.txt" in listing and "ke-hoach.docx" not in listing
    assert "Tệp rỗng (0 byte)." in listing
    assert "ke-hoach.docx" in client.get("/documents?status=indexed").get_data(as_text=True)


def test_a_file_over_the_limit_gets_413_and_loses_nothing_else(
    hoso_settings: Settings, db: Database
) -> None:
    from webapp import create_app

    app = create_app(hoso_settings.with_overrides(max_upload_mb=1))
    client, token = signed_in(app, db, "vanthu", roles=("clerk",))
    just_over = b"x" * (1024 * 1024 + 10)
    # One file just over the limit: refused by the file store, nothing kept.
    alone = _post(client, token, [(just_over, "lon.txt")])
    assert alone.status_code == 413
    assert alone.json["message"] == "Tệp lớn hơn giới hạn 1 MB; tệp này không được lưu."
    assert alone.json["files"][0]["status"] == "failed"
    # A request far larger is refused before it is read.
    huge = _post(client, token, [(b"x" * (2 * 1024 * 1024), "rat-lon.txt")])
    assert huge.status_code == 413 and "quá lớn" in huge.json["message"]
    # With a small file in the same form, the small one is kept.
    mixed = _post(client, token, [(b"Van ban nho", "nho.txt"), (just_over[:-20_000], "lon2.txt")])
    assert mixed.status_code == 201
    small_and_big = _post(client, token, [(b"Van ban khac", "khac.txt"), (just_over, "lon3.txt")])
    assert small_and_big.status_code == 413
    assert [f["status"] for f in small_and_big.json["files"]] == ["received", "failed"]
    with db.session() as session:
        names = set(session.scalars(select(Document.filename)))
    assert names == {"nho.txt", "lon2.txt", "khac.txt"}
    app.extensions["hoso"].db.dispose()


def test_upload_options_are_checked_by_the_policy(app, db: Database) -> None:
    client, token = signed_in(app, db, "canbo", roles=("officer",), clearance="mat")
    refused = _post(client, token, [(b"abc", "a.txt")], confidentiality="toi_mat")
    assert refused.status_code == 400
    assert refused.json["error"] == "confidentiality_above_clearance"
    other_body = _post(client, token, [(b"abc", "a.txt")], agency="cong_an")
    assert other_body.status_code == 400 and other_body.json["error"] == "upload.agency_forbidden"
    no_case = _post(client, token, [(b"abc", "a.txt")], case="VV-KHONG-CO")
    assert no_case.status_code == 400 and no_case.json["error"] == "upload.unknown_case"
    assert no_case.json["message"] == "Không tìm thấy vụ việc có mã VV-KHONG-CO."
    # Sharing a secret document is for leaders; an officer shares ordinary ones.
    secret_shared = _post(
        client, token, [(b"Noi dung mat", "mat.txt")], confidentiality="mat", share="all"
    )
    assert secret_shared.status_code == 400
    assert secret_shared.json["error"] == "upload.share_forbidden"
    secret = _post(client, token, [(b"Noi dung mat", "mat.txt")], confidentiality="mat")
    shared = _post(
        client,
        token,
        [(b"Noi dung thuong", "thuong-chia-se.txt")],
        share="chosen",
        share_agency=["thanh_tra", "cong_an"],
    )
    assert (secret.status_code, shared.status_code) == (201, 201)
    with db.session() as session:
        document = session.get(Document, secret.json["files"][0]["id"])
        assert (document.confidentiality, document.owner_agency.code) == ("mat", "noi_chinh")
        document = session.get(Document, shared.json["files"][0]["id"])
        assert sorted(a.code for a in document.shared_with) == ["cong_an", "thanh_tra"]

    # Without the page's script the form posts every file at once and gets the page back.
    plain = client.post(
        "/documents/upload",
        data={"csrf_token": token, "files": [(io.BytesIO(b"Van ban thuong"), "thuong.txt")]},
        content_type="multipart/form-data",
    )
    assert plain.status_code == 201
    html = plain.get_data(as_text=True)
    assert "thuong.txt" in html and "Đã nhận" in html and 'data-state="received"' in html

    viewer, _ = signed_in(app, db, "nguoixem", roles=("viewer",))
    assert viewer.get("/documents/upload").status_code == 403


def test_rerun_and_corrections_survive_and_are_audited(
    app, db: Database, worker, hoso_settings: Settings, search_engine
) -> None:
    client, token = signed_in(app, db, "canbo", roles=("officer",))
    document_id = _post(client, token, [(LETTER.encode(), "cv.txt")]).json["files"][0]["id"]
    assert _poll(client, [document_id])[document_id]["status"] == "indexed"

    edit = client.get(f"/documents/{document_id}/edit").get_data(as_text=True)
    assert "77/UBND-NC" in edit
    form = {
        "csrf_token": token,
        "doc_type": "cong_van",
        "number": "77/UBND-NC",
        "issued_date": "2024-03-05",
        "place": "Thái Bình",
        "issuer": "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH",
        "subject": "phối hợp xác minh đơn tố cáo (đã sửa)",
        "signer": "",
        "confidentiality": "thuong",
        "urgency": "khan",
        "shared_with": ["cong_an"],
    }
    saved = client.post(f"/documents/{document_id}/edit", data=form)
    assert saved.status_code == 302
    with db.session() as session:
        document = session.get(Document, document_id)
        assert document.corrections == {
            "subject": "phối hợp xác minh đơn tố cáo (đã sửa)",
            "urgency": "khan",
        }
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "document.correct")
        ).one()
        assert event.detail["changes"]["urgency"] == {"old": None, "new": "khan"}
        share = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "document.share")
        ).one()
        assert share.detail["new"]["agencies"] == ["cong_an"]

    rerun = client.post(
        f"/documents/{document_id}/rerun", data={"csrf_token": token, "next": "/documents"}
    )
    assert rerun.status_code == 302 and rerun.headers["Location"].endswith("/documents")
    final = _poll(client, [document_id])[document_id]
    assert final["status"] == "indexed"
    with db.session() as session:
        document = session.get(Document, document_id)
        assert document.attempts == 2 and document.urgency == "khan"
        assert document.subject == "phối hợp xác minh đơn tố cáo (đã sửa)"
    search_engine.refresh(hoso_settings.index_alias)
    source = search_engine.get(hoso_settings.index_alias, str(document_id))["_source"]
    assert source["subject"] == "phối hợp xác minh đơn tố cáo (đã sửa)"
    assert source["shared_agencies"] == ["cong_an"]

    # The police officer now sees it but may not change or re-run it; others never see it.
    police, police_token = signed_in(app, db, "congan", agency="cong_an", roles=("officer",))
    assert police.get(f"/documents/{document_id}/edit").status_code == 200
    edit_url, rerun_url = f"/documents/{document_id}/edit", f"/documents/{document_id}/rerun"
    assert police.post(edit_url, data={**form, "csrf_token": police_token}).status_code == 403
    assert police.post(rerun_url, data={"csrf_token": police_token}).status_code == 403
    court, _ = signed_in(app, db, "toaan", agency="toa_an", roles=("officer",))
    assert court.get(f"/documents/{document_id}/edit").status_code == 404
    assert court.get(f"/documents/status?ids={document_id}").json["documents"] == []
    assert "cv.txt" not in court.get("/documents").get_data(as_text=True)
