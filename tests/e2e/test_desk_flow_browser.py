"""A morning's work in a real browser, on a laptop (1366×768) and a phone (390×844): sign in
to the desk, upload a letter and a photographed page, attach both to a case at once, search
on the phone, open a result, and check the photo's OCR beside its image. No page is wider
than the phone. Screenshots go to test-artifacts/desk-flow/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import expect
from sqlalchemy import select

from records.cases import create_case
from records.config import Settings
from records.db import Database
from records.models import Document, User
from tests.support.auth import PASSWORD, make_user
from tests.support.browser import screenshot
from tests.support.server import serving

pytestmark = [pytest.mark.e2e, pytest.mark.services, pytest.mark.slow]

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LETTER = (
    "THANH TRA TỈNH THÁI BÌNH\nSố: 31/TTr-NV\nThái Bình, ngày 05 tháng 3 năm 2024\n"
    "V/v cung cấp hồ sơ thanh tra đất đai xã Vũ Quý\nKính gửi: Ban Nội chính Tỉnh ủy\n"
)


def _photo(path: Path) -> Path:
    image = Image.new("RGB", (1240, 700), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 34)
    for row, line in enumerate(["BIEN BAN LAM VIEC", "Doan kiem tra dat dai", "xa Vu Quy"]):
        draw.text((80, 80 + row * 90), line, fill="black", font=font)
    image.save(path, "JPEG", quality=90)
    return path


def _overflow(page) -> int:
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


def _sign_in(browser, base: str, viewport: dict):
    page = browser.new_page(viewport=viewport, locale="vi-VN")
    page.set_default_timeout(30_000)
    page.goto(f"{base}/login")
    page.fill("#username", "chuyenvien")
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url(f"{base}/")
    return page


def test_a_morning_on_the_desk_from_laptop_to_phone(
    browser, hoso_settings: Settings, db: Database, worker, tmp_path: Path
) -> None:
    if not FONT.exists():
        pytest.skip("no DejaVu font to draw the photographed page")
    from webapp import create_app

    app = create_app(hoso_settings)
    make_user(db, "chuyenvien", agency="noi_chinh", roles=("officer", "clerk"), clearance="mat")
    with db.session() as session:
        officer = session.scalars(select(User).where(User.username == "chuyenvien")).one()
        create_case(
            session, officer, code="", title="Đất đai xã Vũ Quý", lead_agency=officer.agency
        )
        session.commit()
    letter = tmp_path / "cong-van-31.txt"
    letter.write_text(LETTER, encoding="utf-8")
    photo = _photo(tmp_path / "bien-ban.jpg")

    with serving(app) as base:
        # Laptop: the desk greets with the search box in focus.
        page = _sign_in(browser, base, LAPTOP)
        expect(page.locator("#desk-q")).to_be_focused()
        screenshot(page, "desk-flow", "1-desk-laptop")

        page.goto(f"{base}/documents/upload")
        page.set_input_files("#file-input", [str(letter), str(photo)])
        page.click("#upload-send")
        rows = page.locator("#upload-files tbody tr")
        for index in range(2):
            expect(rows.nth(index)).to_have_attribute("data-state", "indexed", timeout=180_000)
        screenshot(page, "desk-flow", "2-uploaded-laptop")

        # Both attached to the case at once from the document list.
        page.goto(f"{base}/documents")
        page.check("#bulk-all")
        page.select_option("#bulk-action", "attach")
        case_code = page.locator("#bulk-cases option").first.get_attribute("value")
        page.fill("#bulk-case", case_code)
        page.click("#bulk-apply")
        expect(page.locator(".flash-success")).to_contain_text("Đã gắn 2 tài liệu vào vụ việc.")
        screenshot(page, "desk-flow", "3-bulk-attached-laptop")
        page.close()

        # Phone: search, results before the filters, open one.
        page = _sign_in(browser, base, PHONE)
        assert _overflow(page) == 0
        page.goto(f"{base}/search?q=Vũ+Quý")
        first = page.locator("article.hit").first
        expect(first).to_be_visible()
        assert first.bounding_box()["y"] < page.locator("aside.facets").bounding_box()["y"]
        assert _overflow(page) == 0
        screenshot(page, "desk-flow", "4-search-phone")
        first.locator("h2 a").click()
        page.wait_for_url(re.compile(r".*/documents/\d+$"))
        assert _overflow(page) == 0
        screenshot(page, "desk-flow", "5-result-phone")

        # The photo's OCR, reviewed beside its image, then corrected.
        with db.session() as session:
            photo_id = session.scalar(select(Document.id).where(Document.kind == "image"))
        page.goto(f"{base}/documents/{photo_id}/pages/1")
        image = page.locator(".page-preview-large img")
        expect(image).to_be_visible()
        page.wait_for_function("document.querySelector('.page-preview-large img').complete")
        assert page.evaluate("document.querySelector('.page-preview-large img').naturalWidth") > 0
        assert _overflow(page) == 0
        screenshot(page, "desk-flow", "6-ocr-review-phone")
        page.fill("textarea[name=text]", "BIÊN BẢN LÀM VIỆC\nĐoàn kiểm tra đất đai xã Vũ Quý\n")
        page.locator("form.page-correction button[type=submit]").click()
        page.wait_for_url(f"{base}/documents/{photo_id}")
        expect(page.locator(".flash-success")).to_contain_text("Đã lưu nội dung trang 1")
        assert _overflow(page) == 0
        screenshot(page, "desk-flow", "7-corrected-phone")
        page.close()
