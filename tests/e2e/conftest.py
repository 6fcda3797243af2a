"""One Chromium per test module for the browser tests (Debian's, never a downloaded one),
and the test's app served on a loopback port."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.server import serving

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("HOSO_CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.skip(f"no Chromium at {executable}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser) -> Iterator:
    """A fresh page in Vietnamese, wide enough for the tables, patient with a busy machine."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="vi-VN")
    page.set_default_timeout(30_000)
    yield page
    page.close()


@pytest.fixture
def server(app) -> Iterator[str]:
    """The base URL of the test's app, served in a thread."""
    with serving(app) as base:
        yield base
