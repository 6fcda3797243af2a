"""The app shell: sign-in, language switch, health page, security headers, clean errors."""

from __future__ import annotations

import re

import pyotp
import pytest

from records.accounts import ensure_admin
from records.db import Database

pytestmark = pytest.mark.services


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _login(client, username: str, password: str):
    token = _csrf(client.get("/login").get_data(as_text=True))
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )


def test_pages_need_sign_in_and_api_answers_401(client) -> None:
    assert client.get("/").status_code == 302
    response = client.get("/api/v1/anything")
    assert response.status_code == 401 and response.json["error"] == "unauthorized"


def test_sign_in_with_the_administrator_and_switch_language(client, db: Database) -> None:
    with db.session() as session:
        password = ensure_admin(session)
    assert _login(client, "admin", "wrong").status_code == 200
    assert _login(client, "admin", password).status_code == 302
    # An administrator enrols the second factor before anything else.
    enrol = client.get("/", follow_redirects=True)
    assert "/account/totp" in enrol.request.path
    secret = re.search(r'class="secret">([A-Z2-7]+)<', enrol.get_data(as_text=True)).group(1)
    confirm = {"code": pyotp.TOTP(secret).now(), "csrf_token": _csrf(enrol.get_data(as_text=True))}
    assert client.post("/account/totp", data=confirm).status_code == 302
    home = client.get("/")
    assert "Bàn làm việc" in home.get_data(as_text=True)
    assert "script-src 'self'" in home.headers["Content-Security-Policy"]
    assert home.headers["X-Frame-Options"] == "DENY"

    token = _csrf(home.get_data(as_text=True))
    client.post("/locale/en", data={"csrf_token": token})
    assert "<h1>Desk</h1>" in client.get("/").get_data(as_text=True)


def test_form_without_csrf_token_is_refused(client) -> None:
    response = client.post("/login", data={"username": "admin", "password": "x"})
    assert response.status_code == 400


def test_health_reports_each_service(client) -> None:
    body = client.get("/health?format=json").json
    assert set(body["services"]) == {"database", "search", "broker", "storage"}
    assert body["status"] == "ok"
