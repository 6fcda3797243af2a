"""Reviewing and approving a disposal list in a real browser: an archivist confirms when the
documents' retention starts (nothing is proposed before), builds the list,
keeps one document off it, approves, and watches the worker dispose the rest — the file
leaves the store and the search index, the record stays. Screenshots go to
test-artifacts/retention/."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from records.models import Document
from records.storage import open_store
from tests.support.ingest import upload, wait_for
from tests.support.people import PASSWORD, make_user
from tests.support.server import serving

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "retention"


def _due_documents(db, settings, tmp_path: Path) -> tuple[int, int]:
    ids = []
    for word in ("omegadispose", "omegakeep"):
        path = tmp_path / f"{word}.txt"
        path.write_text(f"Công văn {word}\nNội dung {word}.\n", encoding="utf-8")
        ids.append(upload(db, settings, path))
    assert all(d.status == "indexed" for d in wait_for(db, ids).values())
    with db.session() as session:
        for document_id in ids:
            document = session.get(Document, document_id)
            document.doc_type, document.issued_date = "cong_van", date(2012, 5, 2)
            document.uploaded_at = datetime(2013, 1, 2, tzinfo=UTC)  # past the archive grace
        make_user(session, "luu_tru", "noi_chinh", ("archivist",))
    return ids[0], ids[1]


def test_archivist_reviews_and_approves_a_disposal_list(
    app, db, hoso_settings, search_engine, worker, browser, tmp_path: Path
) -> None:
    disposed, kept = _due_documents(db, hoso_settings, tmp_path)
    with serving(app) as base:
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(30_000)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on(
            "console", lambda m: errors.append(m.text) if "Content Security" in m.text else None
        )
        page.goto(f"{base}/login")
        page.fill("#username", "luu_tru")
        page.fill("#password", PASSWORD)
        page.click(".narrow button[type=submit]")
        page.wait_for_url(f"{base}/")

        page.click("nav >> text=Lưu trữ, hủy")
        page.click("#propose")  # no start confirmed yet: nothing is due
        assert page.locator("#disposal-lists tbody tr td.muted").count() == 1

        page.click(".retention-tabs >> text=Chờ xác nhận ngày bắt đầu")
        page.wait_for_selector("#awaiting-starts")
        for document_id in (disposed, kept):
            row = page.locator(f'#awaiting-starts tr[data-id="{document_id}"]')
            assert row.locator("input[name=starts_on]").input_value() == "2013-01-01"
            row.locator("input[type=checkbox]").check()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "0-starts.png"), full_page=True)
        page.click("#confirm-selected")
        page.wait_for_selector("#awaiting-starts tbody tr td.muted")

        page.click(".retention-tabs >> text=Danh sách hủy")
        page.click("#propose")
        page.wait_for_selector("#disposal-items")
        assert "Dự thảo" in page.inner_text("#disposal-state")
        rows = page.locator("#disposal-items tbody tr")
        assert rows.count() == 2
        page.screenshot(path=str(ARTIFACTS / "1-proposed.png"), full_page=True)

        row = page.locator(f'#disposal-items tr[data-id="{kept}"]')
        row.locator("input[name=reason]").fill("Còn giá trị tham khảo")
        row.locator("button[type=submit]").click()
        page.wait_for_selector(f'#disposal-items tr.disposal-removed[data-id="{kept}"]')

        page.click("#approve")
        deadline = time.monotonic() + 90
        while "Đã thực hiện" not in page.inner_text("#disposal-state"):
            assert time.monotonic() < deadline, "the list was not executed"
            time.sleep(0.5)
            page.reload()
        assert "disposal-disposed" in (
            page.locator(f'#disposal-items tr[data-id="{disposed}"]').get_attribute("class") or ""
        )
        page.screenshot(path=str(ARTIFACTS / "2-executed.png"), full_page=True)
        context.close()
    assert not errors, errors

    store = open_store(hoso_settings)
    with db.session() as session:
        gone, stays = session.get(Document, disposed), session.get(Document, kept)
        assert gone.status == "disposed" and not store.exists(gone.sha256)
        assert stays.status == "indexed" and store.exists(stays.sha256)
    alias = hoso_settings.index_alias
    assert search_engine.get(alias, str(disposed)) is None
    assert search_engine.get(alias, str(kept)) is not None
