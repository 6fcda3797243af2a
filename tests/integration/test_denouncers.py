"""Protecting denouncers end to end (real PostgreSQL and search node): a denunciation's
letter is re-indexed when its handler changes, so the new handler finds it by the
denouncer's name and the former one no longer does; a redacted copy made from the web page
holds no text of what was hidden, keeps the rest, and is what another body receives."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pdfminer.high_level import extract_text
from sqlalchemy import select

from indexer import pipeline
from indexer.engine import SearchEngine
from indexer.search import search
from records.config import Settings
from records.db import Database
from records.intake import receive
from records.models import AuditEvent, Document, DocumentRedaction, Petition, User
from records.petitions.documents import attach
from records.petitions.machine import perform
from records.storage import open_store
from tests.support.pdfs import lines_pdf
from tests.support.people import make_user
from tests.support.petitions import context, petition
from tests.support.web import Browser

pytestmark = pytest.mark.services

NAME = "Nguyễn Văn An"  # the petitioner of tests.support.petitions.registration
LETTER = lines_pdf(
    [
        [(60, b"Nguoi to cao: Nguyen Van An, CCCD 001080012345"), (400, b"Noi dung: sai pham")],
        [(60, b"Tai lieu kem theo: bien ban kiem tra dat dai")],
    ]
)


def _letter(session, settings: Settings, user: User) -> Document:
    received = receive(
        session,
        open_store(settings),
        io.BytesIO(LETTER),
        "don-to-cao.pdf",
        user=user,
        agency=user.agency,
        channel="web",
        confidentiality="mat",
    )
    return received.document


def _hits(session, engine: SearchEngine, settings: Settings, user: User, text: str) -> list[int]:
    result = search(session, engine, settings.index_alias, user, text, facets=False)
    return [hit.id for hit in result.hits]


def test_a_new_handler_finds_the_letter_by_name_and_the_former_one_does_not(
    db: Database, hoso_settings: Settings, search_engine: SearchEngine
) -> None:
    with db.session() as session:
        leader = make_user(session, "lanhdao", "noi_chinh", ("leader",))
        first = make_user(session, "canbo1", "noi_chinh")
        second = make_user(session, "canbo2", "noi_chinh")
        ctx = context(session, date(2026, 11, 26))
        denunciation = petition(session, leader, ctx, kind="to_cao")
        letter = _letter(session, hoso_settings, leader)
        attach(session, leader, denunciation, letter, "letter")
        perform(session, leader, denunciation, "assign", {"handler": first.id}, ctx)
        session.commit()
        ids = (letter.id, denunciation.id, first.id, second.id, leader.id)
    assert pipeline.parse(ids[0])
    pipeline.index([ids[0]])
    search_engine.refresh(hoso_settings.index_alias)
    with db.session() as session:
        letter_id, petition_id, first, second, leader = (
            ids[0],
            ids[1],
            *(session.get(User, i) for i in ids[2:]),
        )
        assert _hits(session, search_engine, hoso_settings, first, NAME) == [letter_id]
        assert _hits(session, search_engine, hoso_settings, leader, NAME) == [letter_id]
        assert _hits(session, search_engine, hoso_settings, second, NAME) == []
        # Not a name: both officers find the letter by what it is about.
        assert letter_id in _hits(session, search_engine, hoso_settings, second, "sai pham")

        denunciation = session.get(Petition, petition_id)
        ctx = context(session, date(2026, 11, 26))
        perform(session, leader, denunciation, "assign", {"handler": second.id}, ctx)
        session.commit()
        stale = session.get(Document, letter_id)
        assert stale.indexed_at < stale.changed_at  # what the sweep re-indexes
    pipeline.index([letter_id])
    search_engine.refresh(hoso_settings.index_alias)
    with db.session() as session:
        first, second = session.get(User, ids[2]), session.get(User, ids[3])
        assert _hits(session, search_engine, hoso_settings, second, NAME) == [letter_id]
        assert _hits(session, search_engine, hoso_settings, first, NAME) == []


def test_redacted_copy_from_the_web_page(app, db: Database, hoso_settings: Settings) -> None:
    with db.session() as session:
        leader = make_user(session, "lanhdao", "noi_chinh", ("leader",))
        make_user(session, "vanthu", "noi_chinh", ("clerk",))
        make_user(session, "thanhtra", "thanh_tra", ("leader",))
        ctx = context(session, date(2026, 11, 26))
        denunciation = petition(session, leader, ctx, kind="to_cao")
        letter = _letter(session, hoso_settings, leader)
        letter.kind, letter.page_count = "pdf", 2
        attach(session, leader, denunciation, letter, "letter")
        session.commit()
        letter_id = letter.id
    url = f"/documents/{letter_id}/redact"

    clerk = Browser(app, "vanthu")
    assert clerk.get(url).status_code == 403  # not handling the denunciation
    assert clerk.get(f"/documents/{letter_id}/download").status_code == 403

    client = Browser(app, "lanhdao")
    page = client.get(f"/documents/{letter_id}").get_data(as_text=True)
    assert url in page  # "Tạo bản che" is offered to a leader of the receiving body
    form = client.get(url).get_data(as_text=True)
    suggested = re.search(r'<textarea id="regions"[^>]*>([^<]*)</textarea>', form).group(1)
    assert [line.split()[0] for line in suggested.splitlines()] == ["1", "1"]  # name, ID
    refused = client.post(url, {"regions": "3 0 0 10 10"})
    assert refused.status_code == 400 and "không có trang 3" in refused.get_data(as_text=True)
    made = client.post(
        url,
        {
            "regions": suggested,
            "shared_with": ["thanh_tra"],
            "reason": "Gửi Thanh tra tỉnh xác minh",
        },
    )
    assert made.status_code == 303

    with db.session() as session:
        link = session.scalar(
            select(DocumentRedaction).where(DocumentRedaction.original_id == letter_id)
        )
        assert link is not None and [r["page"] for r in link.plan["regions"]] == [1, 1]
        copy = session.get(Document, link.copy_id)
        assert made.headers["Location"].endswith(f"/documents/{copy.id}")
        assert [a.code for a in copy.shared_with] == ["thanh_tra"]
        assert copy.confidentiality == "mat" and "don-to-cao" not in copy.filename
        with open_store(hoso_settings).local_path(copy.sha256) as path:
            text = extract_text(path)
        assert "Nguyen Van An" not in text and "001080012345" not in text
        assert "Tai lieu kem theo: bien ban kiem tra dat dai" in text  # page 2 kept as it was
        assert session.scalar(
            select(AuditEvent).where(
                AuditEvent.action == "document.redact", AuditEvent.object_id == str(letter_id)
            )
        )
        copy_id = copy.id

    other = Browser(app, "thanhtra")
    assert other.get(f"/documents/{letter_id}").status_code == 404  # the original: not shared
    assert other.get(f"/documents/{copy_id}/download").status_code == 200  # the copy is
    original = client.get(f"/documents/{letter_id}").get_data(as_text=True)
    assert f"/documents/{copy_id}" in original  # the original lists its copies
