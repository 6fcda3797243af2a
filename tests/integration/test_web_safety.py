"""Web safety: CSRF on every form, CSP-clean templates, headers, 413, refusal to run
unsafely in production."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from records import tokens
from records.config import ConfigError
from records.db import Database
from records.models import User
from tests.support.auth import csrf_token, login, make_user

pytestmark = pytest.mark.services

TEMPLATES = Path(__file__).resolve().parents[2] / "webapp" / "templates"
#: Stand-in values for the variable parts of URL rules.
RULE_VALUES = {"int": "1", "default": "vi", "path": "x"}


def _post_rules(app) -> list[str]:
    """Every URL of the app that takes a form POST (the API is covered by its own test)."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.rule.startswith("/api/"):
            continue
        url = re.sub(
            r"<(?:(\w+):)?\w+>", lambda m: RULE_VALUES.get(m.group(1) or "default", "1"), rule.rule
        )
        urls.append(url)
    return sorted(urls)


def test_every_form_refuses_a_post_without_its_csrf_token(app, db: Database) -> None:
    admin = make_user(db, "qt.csrf", roles=("administrator",), totp=True)
    client = app.test_client()
    login(client, admin)
    urls = _post_rules(app)
    assert {"/login", "/logout", "/admin/users/new", "/account/tokens"} <= set(urls)
    for url in urls:
        response = client.post(url, data={"username": "x", "name": "x"})
        assert response.status_code == 400, url
        bad_token = client.post(url, data={"csrf_token": "forged"})
        assert bad_token.status_code == 400, url
    assert client.get("/").status_code == 200  # still signed in: nothing was done


def test_templates_have_no_inline_script_style_or_unescaped_output() -> None:
    for path in TEMPLATES.rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(TEMPLATES)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), f"inline script in {name}"
        assert not re.search(r"\sstyle\s*=", source), f"style attribute in {name}"
        assert "<style" not in source, f"style element in {name}"
        assert not re.search(r"\son[a-z]+\s*=", source), f"event handler in {name}"
        assert "|safe" not in source.replace(" ", ""), f"|safe in {name}"
        assert "autoescape false" not in source, f"autoescape off in {name}"


def test_security_headers_on_pages_and_api(client, db: Database) -> None:
    login(client, make_user(db, "tieu.de"))
    for path in ("/", "/account/", "/api/v1/me", "/login"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["Cache-Control"] == "no-store"
    cookie = next(h for h in client.get("/").headers.getlist("Set-Cookie"))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_too_large_requests_get_413_and_the_app_keeps_working(app, db: Database) -> None:
    from webapp import create_app

    small = create_app(app.extensions["hoso"].settings.with_overrides(max_upload_mb=1))
    client = small.test_client()
    page = client.get("/login").get_data(as_text=True)
    big = b"x" * (2 * 1024 * 1024)
    response = client.post(
        "/login", data={"csrf_token": csrf_token(page), "file": (io.BytesIO(big), "a.pdf")}
    )
    assert response.status_code == 413
    assert "Tệp quá lớn" in response.get_data(as_text=True)
    api = client.post("/api/v1/users", data=big, content_type="application/octet-stream")
    assert api.status_code in (401, 413)
    account = make_user(db, "tai.lon", roles=("administrator",), totp=True)
    token_api = small.test_client()
    with db.session() as session:
        _, raw = tokens.issue(session, session.get(User, account.id), "t", scope="read_write")
    response = token_api.patch(
        f"/api/v1/users/{account.id}", data=big, content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )  # fmt: skip
    assert response.status_code == 413
    assert response.json["message"] == "Tệp quá lớn: vượt quá giới hạn tải lên."
    assert client.get("/health?format=json").status_code == 200
    small.extensions["hoso"].db.dispose()


def test_production_refuses_weak_secrets_and_debug(app, monkeypatch: pytest.MonkeyPatch) -> None:
    from webapp import create_app
    from webapp.security import UnsafeConfiguration

    settings = app.extensions["hoso"].settings
    for weak in ("test-secret-key", "changeme", "short-but-random-7f3a"):
        with pytest.raises(ConfigError, match="HOSO_SECRET_KEY"):
            create_app(settings.with_overrides(environment="production", secret_key=weak))
    strong = settings.with_overrides(environment="production", secret_key="a" * 16 + "b9" * 16)
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(UnsafeConfiguration):
        create_app(strong)
    monkeypatch.delenv("FLASK_DEBUG")
    production = create_app(strong)
    production.debug = True  # switched on by a runner after the factory
    with pytest.raises(UnsafeConfiguration):
        production.test_client().get("/login")
    production.debug = False
    response = production.test_client().get("/login")
    assert "Strict-Transport-Security" in response.headers
    assert production.config["SESSION_COOKIE_SECURE"] is True
    production.extensions["hoso"].db.dispose()
