"""Hostile uploads through the real worker: the sandbox's limits stop them, each ends
``failed`` with a reason a clerk can read, and the worker keeps serving."""

from __future__ import annotations

from pathlib import Path

import pytest

from records.config import Settings
from records.db import Database
from tests.support.ingest import upload, wait_for
from tests.support.worker import Worker
from tests.unit.extract.pdfgen import text_pdf
from tests.unit.extract.test_hostile import bomb_docx

pytestmark = pytest.mark.services


@pytest.fixture
def limited_worker(hoso_settings: Settings, tmp_path: Path):
    settings = hoso_settings.with_overrides(parse_memory_mb=128, parse_timeout_s=12)
    running = Worker(settings, tmp_path / "limited-worker.log").start()
    yield running
    running.stop()


def test_bombs_are_stopped_and_the_worker_keeps_serving(
    db: Database, hoso_settings: Settings, limited_worker: Worker, tmp_path: Path
) -> None:
    zip_bomb = bomb_docx(tmp_path / "bom-nen.docx", "word/document.xml", 300)
    memory_bomb = tmp_path / "bom-bo-nho.txt"
    memory_bomb.write_bytes("Cộng hòa xã hội chủ nghĩa Việt Nam. ".encode() * 600_000)
    cpu_bomb = tmp_path / "bom-cpu.pdf"
    # Under the page limit, but every page repeats 20,000 text operations.
    heavy_page = b"Trang) Tj " + b"(Trang) Tj " * 20_000 + b"(Trang"
    cpu_bomb.write_bytes(text_pdf(500, heavy_page))
    before = tmp_path / "truoc.txt"
    before.write_text(
        "Số: 12/BC-NC\nBáo cáo tình hình trước khi có tệp độc hại.\n", encoding="utf-8"
    )

    ids = {
        path.name: upload(db, hoso_settings, path)
        for path in (before, zip_bomb, memory_bomb, cpu_bomb)
    }
    done = wait_for(db, ids.values(), timeout_s=180)
    assert done[ids["truoc.txt"]].status == "indexed"
    assert done[ids["bom-nen.docx"]].status == "failed"
    assert (
        done[ids["bom-nen.docx"]].error == "archive unpacks to 300 MB, more than the 256 MB allowed"
    )
    assert done[ids["bom-bo-nho.txt"]].status == "failed"
    assert done[ids["bom-bo-nho.txt"]].error == "parsing needed more than 128 MB of memory"
    assert done[ids["bom-cpu.pdf"]].status == "failed"
    assert done[ids["bom-cpu.pdf"]].error in (
        "parsing used more than 12 s of CPU time",
        "parsing took longer than 12 s",
        "parsing needed more than 128 MB of memory",
    )

    after = tmp_path / "sau.txt"
    after.write_text("Số: 13/BC-NC\nBáo cáo sau khi các tệp độc hại bị chặn.\n", encoding="utf-8")
    later = upload(db, hoso_settings, after)
    assert wait_for(db, [later])[later].status == "indexed"
    assert limited_worker.process.poll() is None
