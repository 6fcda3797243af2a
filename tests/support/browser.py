"""What the browser tests share: signing in, and screenshots kept under test-artifacts/ for
the report (``tests.support.server`` serves the app)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
#: Wide enough for the tables; the tests that check other sizes pass their own.
LAPTOP = {"width": 1280, "height": 900}


def sign_in(browser: Any, base: str, username: str, password: str, **context: Any) -> Any:
    """A page signed in as ``username`` in a fresh Vietnamese browser context."""
    options = {"locale": "vi-VN", "viewport": LAPTOP, **context}
    page = browser.new_context(**options).new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{base}/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click(".narrow button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def screenshot(page: Any, folder: str, name: str) -> None:
    """Keep a full-page screenshot as ``test-artifacts/<folder>/<name>.png``."""
    target = ARTIFACTS / folder
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / f"{name}.png"), full_page=True)
