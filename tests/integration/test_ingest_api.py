"""The documents REST API: upload, list, show, text, re-run and corrections, all through
the access policy, and declared in the OpenAPI document."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from records.db import Database
from tests.support.ingest import signed_in, wait_for

pytestmark = pytest.mark.services


def _upload(client, token: str, content: bytes, name: str, **fields: str):
    return client.post(
        "/api/v1/documents",
        data={"file": (io.BytesIO(content), name), **fields},
        headers={"X-CSRFToken": token},
        content_type="multipart/form-data",
    )


def test_documents_api(app, db: Database, worker, corpus: Path) -> None:
    # A leader: sharing a secret document is theirs to decide.
    client, token = signed_in(app, db, "lanhdao", roles=("leader",), clearance="mat")
    docx = (corpus / "files" / "vn-r048.docx").read_bytes()

    created = _upload(client, token, docx, "qd.docx", confidentiality="mat", share="thanh_tra")
    assert created.status_code == 201
    assert created.json["status"] == "received" and created.json["duplicate"] is False
    document_id = created.json["id"]
    assert wait_for(db, [document_id])[document_id].status == "indexed"
    again = _upload(client, token, docx, "ban-sao.docx")
    assert again.status_code == 200
    assert again.json == {
        "id": document_id,
        "filename": "qd.docx",
        "status": "indexed",
        "duplicate": True,
        "queued": True,
        "message": None,
    }
    assert _upload(client, token, docx, "x.docx", confidentiality="toi_mat").status_code == 403
    missing = client.post("/api/v1/documents", headers={"X-CSRFToken": token})
    assert missing.status_code == 400 and missing.json["error"] == "no_file"

    shown = client.get(f"/api/v1/documents/{document_id}").json
    assert shown["status"] == "indexed" and shown["confidentiality"] == "mat"
    assert shown["shared_with"] == ["thanh_tra"] and shown["doc_type"] == "quyet_dinh"
    text = client.get(f"/api/v1/documents/{document_id}/text").json
    assert text["pages"][0]["no"] == 1 and shown["number"].split("/")[0] in text["text"]

    listing = client.get("/api/v1/documents?status=indexed").json
    assert listing["total"] == 1 and listing["documents"][0]["id"] == document_id
    assert client.get("/api/v1/documents?status=failed").json["total"] == 0
    assert client.get("/api/v1/documents?status=nonsense").status_code == 400

    patch = client.patch(
        f"/api/v1/documents/{document_id}",
        json={"subject": "Trích yếu đã sửa", "issued_date": "2019-02-03", "shared_all": True},
        headers={"X-CSRFToken": token},
    )
    assert patch.status_code == 200
    assert patch.json["subject"] == "Trích yếu đã sửa" and patch.json["shared_all"] is True
    assert patch.json["corrected"] == ["issued_date", "subject"]
    bad = client.patch(
        f"/api/v1/documents/{document_id}",
        json={"issued_date": "03/02/2019"},
        headers={"X-CSRFToken": token},
    )
    assert bad.status_code == 422 and bad.json["error"] == "bad_date"
    unknown = client.patch(
        f"/api/v1/documents/{document_id}", json={"sha256": "x"}, headers={"X-CSRFToken": token}
    )
    assert unknown.status_code == 400 and unknown.json["error"] == "unknown_field"

    rerun = client.post(f"/api/v1/documents/{document_id}/rerun", headers={"X-CSRFToken": token})
    assert rerun.status_code == 202 and rerun.json["queued"] is True
    document = wait_for(db, [document_id])[document_id]
    assert document.subject == "Trích yếu đã sửa" and document.issued_date.isoformat() == (
        "2019-02-03"
    )

    # Another body sees it once shared with all, within clearance; nobody else may change it.
    court, court_token = signed_in(
        app, db, "toaan", agency="toa_an", roles=("officer",), clearance="mat"
    )
    assert court.get(f"/api/v1/documents/{document_id}").status_code == 200
    refused = court.patch(
        f"/api/v1/documents/{document_id}",
        json={"subject": "x"},
        headers={"X-CSRFToken": court_token},
    )
    assert refused.status_code == 403
    cleared_low, _ = signed_in(app, db, "toaan2", agency="toa_an", roles=("officer",))
    assert cleared_low.get(f"/api/v1/documents/{document_id}").status_code == 404
    assert cleared_low.get(f"/api/v1/documents/{document_id}/text").status_code == 404
    assert cleared_low.get("/api/v1/documents").json["total"] == 0


def test_openapi_declares_the_document_operations(client) -> None:
    spec = client.get("/api/v1/openapi.json").json
    paths = spec["paths"]
    assert set(paths["/documents"]) == {"get", "post"}
    assert set(paths["/documents/{document_id}"]) == {"get", "patch"}
    assert "post" in paths["/documents/{document_id}/rerun"]
    assert "get" in paths["/documents/{document_id}/text"]
    assert "Document" in spec["components"]["schemas"]
