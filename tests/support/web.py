"""A signed-in test client for the web pages and the API."""

from __future__ import annotations

import re

from tests.support.people import PASSWORD


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


class Browser:
    """A signed-in test client that sends the CSRF token with every POST."""

    def __init__(self, app, username: str) -> None:
        self.client = app.test_client()
        self.token = _csrf(self.client.get("/login").get_data(as_text=True))
        response = self.client.post(
            "/login", data={"username": username, "password": PASSWORD, "csrf_token": self.token}
        )
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        self.token = _csrf(self.client.get("/").get_data(as_text=True))

    def get(self, url: str, **kw):
        return self.client.get(url, **kw)

    def post(self, url: str, data: dict | None = None, **kw):
        return self.client.post(url, data={**(data or {}), "csrf_token": self.token}, **kw)

    def api(self, method: str, url: str, json: dict | None = None):
        return self.client.open(url, method=method, json=json, headers={"X-CSRFToken": self.token})
