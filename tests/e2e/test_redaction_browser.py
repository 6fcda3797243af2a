"""In a real browser: the leader handling a denunciation opens its letter, finds the
suggested region over the denouncer's name, draws one more box with the mouse and makes the
redacted copy. Screenshots are kept in test-artifacts/redaction/."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pdfminer.high_level import extract_text
from sqlalchemy import select

from records.db import Database
from records.intake import receive
from records.models import Document, DocumentRedaction
from records.petitions.documents import attach
from records.storage import open_store
from tests.support.pdfs import lines_pdf
from tests.support.people import PASSWORD, make_user
from tests.support.petitions import context, petition
from tests.support.server import serving

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "redaction"
LETTER = lines_pdf(
    [[(60, b"Nguoi to cao: Nguyen Van An"), (200, b"Dia chi nguoi to cao: Thon 3, xa Tan Phong")]]
)


def test_draw_a_box_and_make_the_redacted_copy(app, db: Database, hoso_settings, browser_page):
    with db.session() as session:
        leader = make_user(session, "lanhdao", "noi_chinh", ("leader",))
        denunciation = petition(
            session, leader, context(session, date(2026, 11, 26)), kind="to_cao"
        )
        letter = receive(
            session, open_store(hoso_settings), io.BytesIO(LETTER), "don.pdf",
            user=leader, agency=leader.agency, channel="web", confidentiality="mat",
        ).document  # fmt: skip
        letter.kind, letter.page_count = "pdf", 1
        attach(session, leader, denunciation, letter, "letter")
        session.commit()
        letter_id = letter.id

    page = browser_page
    with serving(app) as base:
        page.goto(f"{base}/login")
        page.fill("input[name=username]", "lanhdao")
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/documents/{letter_id}")
        with page.expect_response(lambda r: "/pages/1.png" in r.url) as image:
            page.click("text=Tạo bản che")
        assert image.value.ok
        page.wait_for_selector(".redact-page img")
        field = page.locator("#regions")
        assert len(field.input_value().splitlines()) == 2  # the name and the address
        assert page.locator(".redact-box").count() == 2  # shown over the page image

        canvas = page.locator(".redact-canvas")
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()  # in the viewport, where the mouse is
        page.mouse.move(box["x"] + box["width"] * 0.05, box["y"] + box["height"] * 0.2)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.3, steps=5)
        page.mouse.up()
        lines = field.input_value().splitlines()
        assert len(lines) == 3
        drawn = [float(v) for v in lines[-1].split()]  # page, left, top, width, height in %
        assert drawn[0] == 1 and drawn[1:] == pytest.approx([5, 20, 55, 10], abs=1)
        assert page.locator(".redact-box").count() == 3
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "regions.png"), full_page=True)

        page.click("#redact-form button[type=submit]")
        page.wait_for_url(f"{base}/documents/*")
        page.screenshot(path=str(ARTIFACTS / "copy.png"), full_page=True)
        assert "Đã tạo bản che" in page.content()

    with db.session() as session:
        link = session.scalar(
            select(DocumentRedaction).where(DocumentRedaction.original_id == letter_id)
        )
        assert link is not None and len(link.plan["regions"]) == 3
        copy = session.get(Document, link.copy_id)
        with open_store(hoso_settings).local_path(copy.sha256) as path:
            text = extract_text(path)
        assert "Nguyen Van An" not in text and "Thon 3" not in text
