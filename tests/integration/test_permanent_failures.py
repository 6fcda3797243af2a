"""A refusal that trying again cannot fix ends the document ``failed`` at once, with a
reason; ``hoso ingest --wait`` returns instead of waiting for retries that never succeed."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.text import WD_BREAK

from records.accounts import ensure_admin
from records.db import Database
from tests.support.ingest import wait_for
from webapp.cli import main

pytestmark = pytest.mark.services


def page_breaks_docx(path: Path, breaks: int) -> Path:
    """A small DOCX (about 60 KB) of ``breaks`` + 1 pages, one number on each."""
    document = docx.Document()
    run = document.add_paragraph("Trang 1").add_run()
    for n in range(breaks):
        run.add_break(WD_BREAK.PAGE)
        run.add_text(str(n + 2))
    document.save(str(path))
    return path


def test_a_docx_of_ten_thousand_page_breaks_fails_on_the_page_limit(
    db: Database, worker, tmp_path: Path
) -> None:
    with db.session() as session:
        ensure_admin(session)
    path = page_breaks_docx(tmp_path / "ngat-trang.docx", 10_000)
    result = CliRunner().invoke(
        main, ["ingest", str(path), "--wait", "--json"], catch_exceptions=False
    )
    (row,) = map(json.loads, result.stdout.splitlines())
    assert row["status"] == "failed", row
    assert "10001" in row["error"] or "2000" in row["error"], row
    document = wait_for(db, [row["id"]], timeout_s=5)[row["id"]]
    assert (document.status, document.error_code) == ("failed", "too_many_pages")
    assert document.error_params == {"pages": 10_001, "limit": 2000}
