"""In a real browser: a new file version uploaded from the document page, then an OCR
page corrected beside its image, and the corrected text found by search at once.
Screenshots go to test-artifacts/versions/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from records.config import Settings
from records.db import Database
from tests.support.auth import PASSWORD, make_user
from tests.support.ingest import upload, wait_for
from tests.support.server import serving

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "versions"


def test_new_version_then_page_correction_found_by_search(
    browser, hoso_settings: Settings, db: Database, worker, corpus: Path, tmp_path: Path
) -> None:
    from webapp import create_app

    app = create_app(hoso_settings)
    make_user(db, "chuyenvien", roles=("officer",))
    draft = tmp_path / "ket-luan-du-thao.txt"
    draft.write_text("KẾT LUẬN THANH TRA\nBản dự thảo chưa ký.\n", encoding="utf-8")
    document_id = upload(db, hoso_settings, draft)
    wait_for(db, [document_id], ("indexed",))
    scan = corpus / "files" / "vn-r059.scan.pdf"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    with serving(app) as base:
        page = browser.new_page(locale="vi-VN", viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "console", lambda m: errors.append(m.text) if "Content Security" in m.text else None
        )
        page.goto(f"{base}/login")
        page.fill("#username", "chuyenvien")
        page.fill("#password", PASSWORD)
        page.press("#password", "Enter")
        page.wait_for_url(f"{base}/")

        # The signed scan replaces the draft as a new version.
        page.goto(f"{base}/documents/{document_id}")
        page.set_input_files("#version-file", str(scan))
        page.fill("#version-reason", "Bản đã ký, quét lại")
        page.click("text=Lưu phiên bản mới")
        expect(page.locator("body")).to_contain_text("Đã lưu phiên bản 2")
        wait_for(db, [document_id], ("indexed",), timeout_s=180)
        page.reload()
        rows = page.locator("table.versions tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.nth(0)).to_contain_text("Bản đã ký, quét lại")
        expect(rows.nth(1)).to_contain_text("ket-luan-du-thao.txt")
        expect(page.locator("#page-1")).to_contain_text("OCR")
        page.screenshot(path=str(ARTIFACTS / "1-versions.png"), full_page=True)

        # Page 1, read by OCR, corrected beside its image.
        image = f"/documents/{document_id}/pages/1.png"
        with page.expect_response(lambda r: image in r.url and r.status == 200):
            page.click("#page-1 >> text=Sửa nội dung trang")
        expect(page.locator(".page-preview img")).to_be_visible()
        text = page.input_value("#page-text")
        page.fill("#page-text", text + "\nĐã soát bởi chuyên viên: từ khóa quyxtrang.")
        page.click("text=Lưu nội dung trang")
        expect(page.locator("body")).to_contain_text("tìm kiếm đã dùng nội dung mới")
        expect(page.locator(".badge-corrected")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "2-page-corrected.png"), full_page=True)

        page.goto(f"{base}/search?q=quyxtrang")
        hit = page.locator(f'article.hit[data-doc-id="{document_id}"]')
        expect(hit).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "3-search.png"), full_page=True)
    assert errors == []
