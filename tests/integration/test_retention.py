"""Trash, legal holds and disposal, end to end: web pages, a real worker, PostgreSQL, the
live search node and the file store."""

from __future__ import annotations

import io
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from indexer.engine import SearchEngine
from jobs.retention import enqueue_execution, propose_disposals
from records.config import Settings
from records.db import Database
from records.models import (
    Agency,
    AuditEvent,
    Case,
    CaseDocument,
    DisposalItem,
    DisposalList,
    Document,
    DocumentPage,
    DocumentVersion,
    RetentionStart,
    User,
)
from records.retention import disposal
from records.storage import open_store
from tests.support.auth import page_token
from tests.support.ingest import signed_in, upload, wait_for

pytestmark = pytest.mark.services


def _files(tmp_path: Path, words: list[str]) -> list[Path]:
    paths = []
    for word in words:
        path = tmp_path / f"{word}.txt"
        path.write_text(f"Công văn về việc {word}\nNội dung kiểm tra {word}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def _ingest(db: Database, settings: Settings, tmp_path: Path, words: list[str]) -> list[int]:
    ids = [upload(db, settings, path) for path in _files(tmp_path, words)]
    done = wait_for(db, ids)
    assert all(d.status == "indexed" for d in done.values()), done
    return ids


def _hits(client, word: str) -> set[int]:
    body = client.get(f"/api/v1/search?q={word}").get_json()
    return {int(hit["id"]) for hit in body["hits"]}


def _until(check, timeout_s: float = 60) -> None:
    """Poll ``check`` until it is true (the worker re-indexes after the request)."""
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.3)


def test_trash_hides_from_lists_and_search_and_restore_brings_back(
    app, db: Database, hoso_settings: Settings, search_engine: SearchEngine, worker, tmp_path: Path
) -> None:
    kept, trashed = _ingest(db, hoso_settings, tmp_path, ["omegalpha", "omegabeta"])
    search_engine.refresh(hoso_settings.index_alias)  # "indexed" is searchable after a refresh
    clerk, token = signed_in(app, db, "vanthu", roles=("clerk",))
    assert _hits(clerk, "omegabeta") == {trashed}

    assert 'id="trash-document"' in clerk.get(f"/documents/{trashed}").get_data(as_text=True)
    confirm = clerk.get(f"/retention/documents/{trashed}/trash")
    assert confirm.status_code == 200 and "confirm-trash" in confirm.get_data(as_text=True)
    answer = clerk.post(
        f"/retention/documents/{trashed}/trash", data={"csrf_token": token, "reason": "nhầm tệp"}
    )
    assert answer.status_code == 303
    _until(lambda: not _hits(clerk, "omegabeta"))
    assert _hits(clerk, "omegalpha") == {kept}
    listing = clerk.get("/documents").get_data(as_text=True)
    assert f'data-id="{kept}"' in listing and f'data-id="{trashed}"' not in listing
    assert clerk.get(f"/documents/{trashed}/edit").status_code == 404
    assert clerk.get(f"/documents/{trashed}").status_code == 404
    assert clerk.get(f"/documents/{trashed}/download").status_code == 404
    assert f'data-id="{trashed}"' in clerk.get("/retention/trash").get_data(as_text=True)

    # Neither a viewer of the body nor a clerk of another body may restore it.
    viewer, viewer_token = signed_in(app, db, "xem", roles=("viewer",))
    stranger, stranger_token = signed_in(app, db, "khac", roles=("clerk",), agency="thanh_tra")
    for other, other_token in ((viewer, viewer_token), (stranger, stranger_token)):
        assert f'data-id="{trashed}"' not in other.get("/retention/trash").get_data(as_text=True)
        refused = other.post(
            f"/retention/trash/{trashed}/restore", data={"csrf_token": other_token}
        )
        assert refused.status_code == 404
    with db.session() as session:
        assert session.get(Document, trashed).trashed_at is not None

    restored = clerk.post(f"/retention/trash/{trashed}/restore", data={"csrf_token": token})
    assert restored.status_code == 303
    _until(lambda: _hits(clerk, "omegabeta") == {trashed})
    assert f'data-id="{trashed}"' in clerk.get("/documents").get_data(as_text=True)
    with db.session() as session:
        actions = set(
            session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == str(trashed)))
        )
    assert {"document.trash", "document.restore"} <= actions


def test_trash_past_its_grace_period_waits_for_a_disposal_list(
    app, db: Database, hoso_settings: Settings, tmp_path: Path
) -> None:
    (document_id,) = [upload(db, hoso_settings, p, queue=False) for p in _files(tmp_path, ["x"])]
    clerk, token = signed_in(app, db, "vanthu", roles=("clerk",))
    with db.session() as session:
        document = session.get(Document, document_id)
        document.trashed_at = document.uploaded_at - timedelta(days=hoso_settings.trash_days + 1)
    answer = clerk.post(f"/retention/trash/{document_id}/restore", data={"csrf_token": token})
    assert answer.status_code == 303
    draft_id = propose_disposals()  # the daily job, as beat runs it
    with db.session() as session:
        assert session.get(Document, document_id).trashed_at is not None  # not restored
        draft = session.get(DisposalList, draft_id)
        assert draft is not None and draft.created_by_id is None
        assert [(i.document_id, i.ground) for i in draft.items] == [(document_id, "trash")]
        assert session.get(Document, document_id).status != "disposed"  # nothing without approval


def test_approved_disposal_removes_file_and_index_entry_keeps_record_and_audit_never_held(
    app, db: Database, hoso_settings: Settings, search_engine: SearchEngine, worker, tmp_path: Path
) -> None:
    due, held_before, held_after, permanent = _ingest(
        db, hoso_settings, tmp_path, ["omegadue", "omegaheld", "omegalate", "omegaperm"]
    )
    with db.session() as session:
        for document_id in (due, held_before, held_after):
            document = session.get(Document, document_id)
            document.doc_type, document.issued_date = "cong_van", date(2010, 1, 4)  # 10 years
            document.uploaded_at = datetime(2011, 1, 4, tzinfo=UTC)  # past the archive grace
            # The archivist confirmed the start: the file closed in 2010.
            session.add(RetentionStart(document_id=document_id, starts_on=date(2011, 1, 1)))
        document = session.get(Document, permanent)
        document.doc_type, document.issued_date = "quyet_dinh", date(2000, 1, 4)  # permanent
        # The due document also holds a signed copy: disposal must remove every version's file.
        signed = open_store(hoso_settings).put(io.BytesIO(b"omegadue signed copy"))
        session.add(
            DocumentVersion(
                document_id=due, number=2, sha256=signed.sha256, filename="omegadue-ky.txt",
                mime="text/plain", size=signed.size, reason="Bản có chữ ký",
            )
        )  # fmt: skip
        commission = session.scalar(select(Agency).where(Agency.code == "noi_chinh"))
        case = Case(
            code="VV-LUU-1", title="Vụ việc lưu trữ", lead_agency=commission, status="ket_thuc"
        )
        session.add(case)
        session.flush()
        session.add(CaseDocument(case_id=case.id, document_id=held_after))
    archivist, token = signed_in(app, db, "luutru", roles=("archivist",))
    officer, officer_token = signed_in(app, db, "chuyenvien", roles=("officer",))

    # Not authorised: an officer may not hold, propose, or see the lists.
    refused = officer.post(
        f"/retention/documents/{held_before}/hold",
        data={"csrf_token": officer_token, "reason": "x"},
    )
    assert refused.status_code == 404
    assert (
        officer.post("/retention/disposals/propose", data={"csrf_token": officer_token}).status_code
        == 403
    )

    held = archivist.post(
        f"/retention/documents/{held_before}/hold",
        data={"csrf_token": token, "reason": "Phục vụ thanh tra"},
    )
    assert held.status_code == 303
    proposed = archivist.post("/retention/disposals/propose", data={"csrf_token": token})
    assert proposed.status_code == 303
    with db.session() as session:
        draft = session.scalar(select(DisposalList))
        assert {i.document_id for i in draft.items} == {due, held_after}
        list_id = draft.id

    page = archivist.get(f"/retention/disposals/{list_id}").get_data(as_text=True)
    assert f'data-id="{due}"' in page and f'data-id="{held_before}"' not in page
    assert officer.get(f"/retention/disposals/{list_id}").status_code == 403
    refused = officer.post(
        f"/retention/disposals/{list_id}/approve", data={"csrf_token": officer_token}
    )
    assert refused.status_code == 403

    # Approved first; the case is put on hold afterwards, before the list is executed.
    with db.session() as session:
        approver = session.scalar(select(User).where(User.username == "luutru"))
        disposal.approve(session, approver, session.get(DisposalList, list_id))
    hold_case = archivist.post(
        "/retention/holds/case",
        data={"csrf_token": page_token(archivist, "/retention/holds"), "case": "VV-LUU-1",
              "reason": "Chuyển cơ quan điều tra"},
    )  # fmt: skip
    assert hold_case.status_code == 303
    holds_page = archivist.get("/retention/holds").get_data(as_text=True)
    assert "VV-LUU-1" in holds_page and f"/retention/documents/{held_before}/hold" in holds_page
    assert officer.get("/retention/holds").status_code == 403
    assert enqueue_execution(list_id)

    def executed() -> bool:
        with db.session() as session:
            return session.get(DisposalList, list_id).state == "executed"

    _until(executed)
    store = open_store(hoso_settings)
    alias = hoso_settings.index_alias
    with db.session() as session:
        gone = session.get(Document, due)
        assert gone.status == "disposed" and gone.disposal_list_id == list_id
        assert (gone.filename, gone.doc_type) == ("omegadue.txt", "cong_van")  # record stays
        assert not store.exists(gone.sha256) and not store.exists(signed.sha256)
        assert not session.scalars(
            select(DocumentPage).where(DocumentPage.document_id == due)
        ).all()
        trail = set(
            session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == str(due)))
        )
        assert {"document.dispose"} < trail  # earlier events of the document are kept
        item = session.get(DisposalItem, (list_id, held_after))
        assert (item.state, item.outcome) == ("kept", "held")
        for document_id in (held_before, held_after, permanent):
            document = session.get(Document, document_id)
            assert document.status == "indexed" and store.exists(document.sha256)
    assert search_engine.get(alias, str(due)) is None
    for document_id in (held_before, held_after, permanent):
        assert search_engine.get(alias, str(document_id)) is not None
    assert not _hits(archivist, "omegadue")
    shown = archivist.get(f"/retention/disposals/{list_id}").get_data(as_text=True)
    assert 'class="disposal-disposed"' in shown and 'class="disposal-kept"' in shown
