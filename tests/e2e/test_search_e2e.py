"""In a real browser: search with suggestions, filter by a facet, open a document, see its
related material, save a search. Screenshots go to test-artifacts/search/."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.support.databases import DatabaseFactory
from tests.support.search_world import PASSWORD, World, running_world
from tests.support.services import ServiceUrls
from webapp import create_app

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "search"


@pytest.fixture(scope="module")
def site(
    service_urls: ServiceUrls,
    test_databases: DatabaseFactory,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, World]]:
    world_dir = tmp_path_factory.mktemp("e2e-world")
    with running_world(service_urls, test_databases, world_dir) as world:
        app = create_app(world.settings)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}", world
        finally:
            server.shutdown()
            thread.join(timeout=10)
            app.extensions["hoso"].db.dispose()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_search_filter_open_related_and_save(site: tuple[str, World], browser) -> None:
    base, world = site
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security" in m.text else None)
    page.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )

    page.goto(f"{base}/login")
    page.fill("#username", "nc")
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/search")

    # Suggestions while typing (numbers, subjects, issuers).
    page.fill("#q", "1753")
    suggestion = page.locator("#suggestions li[data-kind=number]")
    suggestion.first.wait_for()
    assert "1753-QC/TU" in suggestion.first.inner_text()
    shot(page, "01-suggestions")

    # Search without diacritics; passages name their page.
    page.fill("#q", "tham nhung dat dai")
    with page.expect_navigation():
        page.press("#q", "Enter")
    summary = page.inner_text("#result-summary")
    assert "tài liệu" in summary
    shot(page, "02-results")
    assert page.locator("article.hit .page-no").count() >= 1
    assert page.locator("article.hit mark").count() >= 1
    shot(page, "02-results")

    # Filter by a facet: document type "Báo cáo".
    with page.expect_navigation():
        page.click("section.facet[data-facet=doc_type] a:has-text('Báo cáo')")
    assert page.locator("section.facet[data-facet=doc_type] a.on").count() == 1
    titles = page.locator("article.hit").count()
    assert titles == 2
    assert "type=bao_cao" in page.url
    shot(page, "03-facet")

    # Remove the filter through its facet link, open the inspection conclusion.
    with page.expect_navigation():
        page.click("section.facet[data-facet=doc_type] a.on")
    assert "type=" not in page.url
    with page.expect_navigation():
        page.click(f"article.hit[data-doc-id='{world.ids['kl_kien_xuong']}'] h2 a")
    related = page.inner_text("#related")
    assert "301/NC-VP" in related  # the letter that cites it
    # "Similar" lists only documents above the measured threshold (none is a valid answer);
    # which ones qualify is tested in tests/integration/search/test_search_precision.py.
    own = f"/documents/{world.ids['kl_kien_xuong']}"
    assert page.locator(f"#related [data-related=similar] a[href$='{own}']").count() == 0
    assert page.locator(".doc-page").count() == 2
    shot(page, "04-document")

    # Save a search with an alert, then find it on the saved-searches page.
    page.goto(f"{base}/search?q=bulkword&type=cong_van")
    page.click("details.save-search summary")
    page.fill("#save-name", "Công văn bulkword")
    with page.expect_navigation():
        page.click("details.save-search button[type=submit]")
    row = page.locator("table.saved-searches tr", has_text="Công văn bulkword")
    assert row.count() == 1 and "Đang bật" in row.inner_text()
    shot(page, "05-saved")
    with page.expect_navigation(url="**/search?**"):
        row.locator("a.saved-name").click()
    assert "q=bulkword" in page.url and "type=cong_van" in page.url

    assert errors == []  # no CSP violation, no script error, no failed request
    context.close()
