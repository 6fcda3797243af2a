"""In a real browser, on a laptop (1366×768) and a phone (390×844): the desk greets with the
search box in focus, the menu folds into a toggle on the phone, "/" jumps to search, search
results come before the filters on the phone, and no page is wider than the phone's screen.
Screenshots go to test-artifacts/desk/."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import pyotp
import pytest
from playwright.sync_api import expect

from records import accounts, requests
from records.calendar import local_today
from records.cases import create_case
from records.models import Agency
from tests.support.browser import screenshot
from tests.support.databases import DatabaseFactory
from tests.support.search_world import PASSWORD, World, running_world
from tests.support.server import serving
from tests.support.services import ServiceUrls
from webapp import create_app

pytestmark = [pytest.mark.e2e, pytest.mark.services]

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
ADMIN_TOTP = pyotp.random_base32()
#: The last time step whose code the administrator signed in with: a code is refused twice.
_used_steps: list[int] = [0]


@pytest.fixture(scope="module")
def site(
    service_urls: ServiceUrls,
    test_databases: DatabaseFactory,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, World, dict[str, int]]]:
    with running_world(
        service_urls, test_databases, tmp_path_factory.mktemp("desk-world")
    ) as world:
        ids = _desk_work(world)
        app = create_app(world.settings)
        try:
            with serving(app) as base:
                yield base, world, ids
        finally:
            app.extensions["hoso"].db.dispose()


def _desk_work(world: World) -> dict[str, int]:
    """An administrator, a case led by the officer's body and a request due soon to it."""
    with world.db.session() as session:
        admin = accounts.create_user(
            session, username="quantri", agency_code="noi_chinh", roles=["administrator"],
            clearance="tuyet_mat", password=PASSWORD, actor=None,
        )  # fmt: skip
        admin.totp_secret = ADMIN_TOTP
        officer = world.user(session, "nc")
        asker = world.user(session, "tt")
        case = create_case(
            session, officer, code="VV-2026-077", title="Sai phạm giao đất xã Vũ Quý",
            kind="vu_viec", lead_agency=officer.agency, confidentiality="thuong",
        )  # fmt: skip
        noi_chinh = session.query(Agency).filter_by(code="noi_chinh").one()
        request = requests.create_request(
            session, asker, to_agency=noi_chinh, subject="Cung cấp kết luận thanh tra đất đai"
        )
        request.due_date = local_today() - timedelta(days=2)
        session.commit()
        return {"case": case.id, "request": request.id}


def _sign_in(browser, base: str, username: str, viewport: dict) -> object:
    page = browser.new_page(viewport=viewport, locale="vi-VN")
    page.set_default_timeout(30_000)
    page.goto(f"{base}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    if username == "quantri":
        page.wait_for_url("**/second-factor")
        page.fill("#code", _fresh_admin_code())
        page.press("#code", "Enter")
    page.wait_for_url(f"{base}/")
    return page


def _fresh_admin_code() -> str:
    """A code of a time step not used before (a sign-in never replays a code)."""
    totp = pyotp.TOTP(ADMIN_TOTP)
    while (step := int(time.time()) // totp.interval) <= _used_steps[-1]:
        time.sleep(1)
    _used_steps.append(step)
    return totp.at(step * totp.interval)


def _overflow(page) -> int:
    """How many pixels the page is wider than the screen (0: no horizontal scroll)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


def test_desk_on_a_laptop_and_a_phone(browser, site) -> None:
    base, _world, ids = site
    for name, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
        page = _sign_in(browser, base, "nc", viewport)
        expect(page.locator("h1")).to_have_text("Bàn làm việc")
        expect(page.locator("#desk-q")).to_be_focused()
        due = page.locator("#desk-due")
        expect(due.locator(f'a[href="/requests/{ids["request"]}"]')).to_be_visible()
        expect(due).to_contain_text("quá hạn")
        expect(page.locator("#desk-cases")).to_contain_text("VV-2026-077")
        assert _overflow(page) == 0
        screenshot(page, "desk", f"desk-{name}")
        page.close()


def test_phone_menu_folds_into_a_toggle_and_slash_focuses_search(browser, site) -> None:
    base, _world, _ids = site
    page = _sign_in(browser, base, "nc", PHONE)
    menu = page.locator("#mainnav")
    expect(menu).to_be_hidden()
    page.click("#nav-toggle")
    expect(menu).to_be_visible()
    expect(page.locator("#nav-toggle")).to_have_attribute("aria-expanded", "true")
    expect(menu.locator("a.active")).to_have_count(0)  # the desk is not a menu item
    screenshot(page, "desk", "menu-phone")
    menu.get_by_text("Tìm kiếm").click()
    page.wait_for_url(f"{base}/search")
    expect(page.locator("#mainnav a.active")).to_have_count(1)
    page.locator("body").click()
    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()
    page.close()


def test_search_results_come_first_on_a_phone(browser, site) -> None:
    base, _world, _ids = site
    for name, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
        page = _sign_in(browser, base, "nc", viewport)
        page.goto(f"{base}/search?q=tham+nhũng+đất+đai")
        first = page.locator("article.hit").first
        expect(first).to_be_visible()
        facets = page.locator("aside.facets")
        hit_top = first.bounding_box()["y"]
        facets_top = facets.bounding_box()["y"]
        if name == "phone":
            assert hit_top < facets_top
            assert hit_top < PHONE["height"]  # on the first screen
        else:
            assert abs(hit_top - facets_top) < 200  # side by side
        assert _overflow(page) == 0
        screenshot(page, "desk", f"search-{name}")
        page.close()


def test_no_page_is_wider_than_a_phone(browser, site) -> None:
    base, world, ids = site
    page = _sign_in(browser, base, "quantri", PHONE)
    menu_links = page.eval_on_selector_all("#mainnav a", "links => links.map(a => a.href)")
    pages = [
        *menu_links,
        f"{base}/",
        f"{base}/documents",
        f"{base}/documents/{world.ids['kl_kien_xuong']}",
        f"{base}/cases/{ids['case']}",
        f"{base}/requests/{ids['request']}",
        f"{base}/notifications",
        f"{base}/account",
        f"{base}/search?q=tham+nhũng",
    ]
    assert not _too_wide(page, base, pages)
    page.close()


def test_no_coordination_page_is_wider_than_a_phone(browser, site) -> None:
    """A leader's menu holds the coordination sections (meetings, plans, proposals,
    vetting, the scorecard) the administrator's does not."""
    base, _world, _ids = site
    page = _sign_in(browser, base, "ca", PHONE)
    menu_links = page.eval_on_selector_all("#mainnav a", "links => links.map(a => a.href)")
    assert f"{base}/meetings" in menu_links
    assert not _too_wide(page, base, menu_links)
    page.close()


def _too_wide(page, base: str, pages: list[str]) -> dict[str, int]:
    """The pages wider than the screen, with by how many pixels (each one photographed)."""
    too_wide = {}
    for url in pages:
        response = page.goto(url)
        assert response is not None and response.status < 400, url
        excess = _overflow(page)
        if excess:
            too_wide[url.removeprefix(base)] = excess
            screenshot(
                page, "desk", "too-wide-" + url.removeprefix(base).strip("/").replace("/", "-")
            )
    return too_wide


def test_the_administrators_menu_fits_one_row_on_a_laptop(browser, site) -> None:
    base, _world, _ids = site
    page = _sign_in(browser, base, "quantri", LAPTOP)
    links = page.locator("#mainnav a")
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
    assert len(tops) == 1, tops
    screenshot(page, "desk", "admin-menu-laptop")
    page.close()
