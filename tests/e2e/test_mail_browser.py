"""In a real browser: a message taken from a mailbox lists its attachments, and an
attachment leads back to the message it came with."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from jobs.mailin.poll import poll_all
from records.config import MailboxConfig, Settings
from records.db import Database
from records.models import MailMessage
from records.storage import open_store
from tests.support.auth import PASSWORD, make_user
from tests.support.mail import letter
from tests.support.server import serving

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "mail"


def test_message_and_its_attachments_link_to_each_other(
    browser, hoso_settings: Settings, db: Database, corpus: Path, tmp_path: Path
) -> None:
    from webapp import create_app

    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    attachments = (corpus / "files" / "vn-r001.pdf", corpus / "files" / "vn-r006.docx")
    raw = letter("Gửi kết luận thanh tra", "Kính gửi Ban Nội chính.", attachments=attachments)
    (inbox / "thu.eml").write_bytes(raw)
    box = MailboxConfig(name="vanthu", agency="noi_chinh", directory=inbox)
    settings = hoso_settings.with_overrides(mailboxes=(box,))
    poll_all(settings, db, open_store(settings))
    with db.session() as session:
        message_id = session.scalars(select(MailMessage.document_id)).one()
    make_user(db, "chuyenvien", roles=("officer",))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    with serving(create_app(settings)) as base:
        page = browser.new_page(locale="vi-VN")
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{base}/login")
        page.fill("#username", "chuyenvien")
        page.fill("#password", PASSWORD)
        page.press("#password", "Enter")
        page.wait_for_url(f"{base}/")

        page.goto(f"{base}/documents/{message_id}")
        listed = page.locator('[data-mail="attachments"] a')
        expect(listed).to_have_text(["vn-r001.pdf", "vn-r006.docx"])
        page.screenshot(path=str(ARTIFACTS / "1-message.png"), full_page=True)

        listed.first.click()
        expect(page.locator("h1")).to_have_text("vn-r001.pdf")
        carried = page.locator('[data-mail="messages"] a')
        expect(carried).to_have_text(["Gửi kết luận thanh tra.eml"])
        page.screenshot(path=str(ARTIFACTS / "2-attachment.png"), full_page=True)

        carried.click()
        page.wait_for_url(f"{base}/documents/{message_id}")
        assert errors == []
