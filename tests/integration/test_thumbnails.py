"""First-page thumbnails are rendered once at ingest and kept beside the stored file (PDF,
photos, and Word files through their PDF rendering, which also gives them a page preview);
lists and search results show them to those who may see the document."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import redis
from PIL import Image
from sqlalchemy import select

from indexer.thumbnails import PDF_RENDERING, THUMBNAIL
from records.db import Database
from records.models import Document
from records.storage import FileStore, open_store
from tests.support.ingest import signed_in, upload, wait_for
from tests.unit.extract.pdfgen import text_pdf

pytestmark = [pytest.mark.services, pytest.mark.slow]


def _wait_for_thumbnail(store: FileStore, sha256: str, timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while not store.has_derived(sha256, THUMBNAIL):
        assert time.monotonic() < deadline, f"no thumbnail of {sha256} was made"
        time.sleep(0.3)


def test_thumbnails_and_word_previews_are_made_at_ingest(
    app, db: Database, hoso_settings, worker, corpus: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(text_pdf(2, b"Bao cao so lieu"))
    photo = tmp_path / "anh.png"
    Image.new("RGB", (600, 800), "white").save(photo)
    files = {"pdf": pdf, "photo": photo, "docx": corpus / "files" / "vn-r010.docx"}
    ids = {name: upload(db, hoso_settings, path) for name, path in files.items()}
    wait_for(db, ids.values(), ("indexed", "failed"), timeout_s=240)
    store = open_store(hoso_settings)
    with db.session() as session:
        sha = dict(session.execute(select(Document.id, Document.sha256)).all())
    for document_id in ids.values():
        _wait_for_thumbnail(store, sha[document_id])
    assert store.has_derived(sha[ids["docx"]], PDF_RENDERING)
    assert sorted(store.iter_digests()) == sorted(sha.values())

    officer, _ = signed_in(app, db, "chuyen-vien", roles=("officer",))
    for document_id in ids.values():
        image = officer.get(f"/documents/{document_id}/thumbnail.png")
        assert image.status_code == 200 and image.mimetype == "image/png"
        assert image.headers["Cache-Control"] == "private, no-store"
    listing = officer.get("/documents").get_data(as_text=True)
    assert listing.count('class="thumb"') == 3

    page = officer.get(f"/documents/{ids['docx']}").get_data(as_text=True)
    assert 'id="rendered-preview"' in page
    preview = officer.get(f"/documents/{ids['docx']}/pages/1.png?w=480")
    assert preview.status_code == 200 and preview.mimetype == "image/png"

    stranger, _ = signed_in(app, db, "toa-an", agency="toa_an", roles=("officer",))
    assert stranger.get(f"/documents/{ids['pdf']}/thumbnail.png").status_code == 404


def test_a_thumbnail_waits_behind_the_rest_of_the_queue(db: Database, hoso_settings, tmp_path):
    """Indexing queues the thumbnail at the lowest priority instead of drawing it at once, so
    in a burst of uploads every document is searchable before LibreOffice renders any."""
    from indexer import tasks

    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(text_pdf(1, b"Bao cao so lieu"))
    document_id = upload(db, hoso_settings, pdf, queue=False)
    broker = redis.Redis.from_url(hoso_settings.broker_url)
    lowest = f"{hoso_settings.queue}\x06\x16{tasks.THUMBNAIL_PRIORITY}"
    try:
        assert tasks.ingest.apply(args=[document_id]).get() == "indexed"
        queued = [json.loads(message) for message in broker.lrange(lowest, 0, -1)]
        assert [message["headers"]["task"] for message in queued] == [
            "indexer.tasks.make_thumbnail"
        ]
        assert broker.llen(hoso_settings.queue) == 0
        store = open_store(hoso_settings)
        with db.session() as session:
            sha256 = session.get(Document, document_id).sha256
        assert not store.has_derived(sha256, THUMBNAIL)

        assert tasks.make_thumbnail.apply(args=[document_id]).get() is True
        assert store.has_derived(sha256, THUMBNAIL)
    finally:
        broker.delete(lowest, hoso_settings.queue)
