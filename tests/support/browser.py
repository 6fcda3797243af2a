"""What the browser tests share: the app served on a free loopback port, signing in, and
screenshots kept under test-artifacts/ for the report."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
#: Wide enough for the tables; the tests that check other sizes pass their own.
LAPTOP = {"width": 1280, "height": 900}


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve ``app`` in a thread on 127.0.0.1 and yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


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
