"""In a real browser: several files chosen at once, one of them too large, sent with the
upload button; each row's status then changes by itself until indexed or failed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from records.config import Settings
from records.db import Database
from tests.support.auth import PASSWORD, make_user
from tests.support.server import serving

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "upload"


def test_upload_page_shows_each_file_until_it_is_indexed_or_failed(
    browser, hoso_settings: Settings, db: Database, worker, corpus: Path, tmp_path: Path
) -> None:
    from webapp import create_app

    app = create_app(hoso_settings.with_overrides(max_upload_mb=1))
    make_user(db, "vanthu", roles=("clerk",))
    letter = tmp_path / "cong-van.txt"
    letter.write_text(
        "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH\nSố: 88/UBND-NC\nThái Bình, ngày 05 tháng 3 năm 2024\n"
        "V/v báo cáo kết quả xác minh\nKính gửi: Ban Nội chính Tỉnh ủy\n",
        encoding="utf-8",
    )
    empty = tmp_path / "rong.pdf"
    empty.write_bytes(b"")
    big = tmp_path / "qua-lon.txt"
    big.write_bytes(b"x" * (1024 * 1024 + 100))
    files = [
        corpus / "files" / "vn-r010.docx",
        corpus / "files" / "vn-r025.pdf",
        letter,
        empty,
        big,
    ]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    with serving(app) as base:
        page = browser.new_page(locale="vi-VN")
        errors: list[str] = []  # script errors on the pages
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{base}/login")
        page.fill("#username", "vanthu")
        page.fill("#password", PASSWORD)
        page.press("#password", "Enter")
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/documents/upload")
        page.set_input_files("#file-input", [str(path) for path in files])
        rows = page.locator("#upload-files tbody tr")
        expect(rows).to_have_count(len(files))
        expect(rows.nth(4)).to_have_attribute("data-state", "rejected")
        expect(rows.nth(4)).to_contain_text("giới hạn 1 MB")
        expect(rows.nth(0)).to_have_attribute("data-state", "waiting")
        page.screenshot(path=str(ARTIFACTS / "1-chosen.png"), full_page=True)

        page.click("#upload-send")
        final = re.compile("indexed|failed")
        for index in range(4):
            expect(rows.nth(index)).to_have_attribute("data-state", final, timeout=120_000)
        page.screenshot(path=str(ARTIFACTS / "2-done.png"), full_page=True)
        for index in range(3):
            expect(rows.nth(index)).to_have_attribute("data-state", "indexed")
            expect(rows.nth(index)).to_contain_text("Đã lập chỉ mục")
        expect(rows.nth(3)).to_have_attribute("data-state", "failed")
        expect(rows.nth(3)).to_contain_text("Tệp rỗng (0 byte).")
        expect(page.locator("#upload-summary")).to_have_text(
            "5/5 tệp đã xong: 3 sẵn sàng tìm kiếm, 0 trùng, 2 lỗi."
        )

        # The same file again is recognised as a duplicate of the document held.
        page.set_input_files("#file-input", [str(files[0])])
        page.click("#upload-send")
        expect(rows.nth(5)).to_have_attribute("data-state", "duplicate", timeout=30_000)
        expect(rows.nth(5)).to_contain_text("Tệp này đã có trong hệ thống")

        page.goto(f"{base}/documents")
        expect(page.locator("table.documents tbody tr")).to_have_count(4)
        page.screenshot(path=str(ARTIFACTS / "3-list.png"), full_page=True)
    assert errors == []
    app.extensions["hoso"].db.dispose()
