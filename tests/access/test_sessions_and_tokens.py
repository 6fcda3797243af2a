"""Holes found by probing around sign-in (issue 13, items 6 and 8): tokens of accounts that
need a second factor, sessions that outlive signing out, and redirects off-site."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import timedelta
from urllib.parse import urlencode

import pyotp
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from records import accounts, sign_in_sessions, tokens
from records.db import Database
from records.errors import RuleError
from records.models import ApiToken, SignInSession, User
from records.models.base import utcnow
from tests.support.auth import PASSWORD, login, make_user, post_form
from webapp.blueprints.auth import is_local_path
from webapp.cli import main

pytestmark = pytest.mark.services


def _bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def _issue(db: Database, user_id: int) -> str:
    with db.session() as session:
        return tokens.issue(session, session.get(User, user_id), "probe", scope="read_write")[1]


def test_an_administrators_tokens_work_only_once_the_second_factor_is_enrolled(
    client, db: Database
) -> None:
    account = make_user(db, "len.chuc")
    raw = _issue(db, account.id)
    assert client.get("/api/v1/me", headers=_bearer(raw)).status_code == 200
    # The officer becomes an administrator: the token must not skip the second factor.
    with db.session() as session:
        accounts.update_user(
            session, session.get(User, account.id), roles=["administrator"], actor=None
        )
    refused = client.get("/api/v1/me", headers=_bearer(raw))
    assert refused.status_code == 403 and refused.json["error"] == "second_factor_required"
    assert client.get("/api/v1/users", headers=_bearer(raw)).status_code == 403
    with db.session() as session:
        session.get(User, account.id).totp_secret = pyotp.random_base32()
    assert client.get("/api/v1/users", headers=_bearer(raw)).status_code == 200
    # Resetting an administrator's second factor stops the tokens again.
    with db.session() as session:
        session.get(User, account.id).totp_secret = None
    assert client.get("/api/v1/users", headers=_bearer(raw)).status_code == 403


def test_an_administrator_without_a_second_factor_gets_no_token_from_the_command_line(
    db: Database, hoso_settings
) -> None:
    make_user(db, "qt.chua.bat", roles=("administrator",))
    made = CliRunner().invoke(
        main, ["--as", "qt.chua.bat", "user", "token", "create", "--name", "x"]
    )
    assert made.exit_code == 1 and "second factor" in made.output
    with db.session() as session, pytest.raises(RuleError):
        user = session.scalar(select(User).where(User.username == "qt.chua.bat"))
        tokens.issue(session, user, "x")


def test_an_administrator_creates_tokens_only_in_a_session_signed_in_with_the_second_factor(
    app, db: Database
) -> None:
    admin = make_user(db, "qt.hai.lop", roles=("administrator",))
    first = app.test_client()
    login(first, admin)  # password only: hoso asks for the second factor to be enrolled
    first.get("/account/totp")
    with first.session_transaction() as session:
        secret = session["totp_new"]
    # The previous step's code (within the drift), so that the current one signs in below.
    post_form(first, "/account/totp", {"code": pyotp.TOTP(secret).at(time.time() - 30)})
    assert "Tài khoản này chỉ tạo được mã truy cập" in first.get("/account/").get_data(as_text=True)
    refused = post_form(
        first, "/account/tokens", {"name": "may chu", "scope": "read", "lifetime_days": "30"},
        token_from="/account/",
    )  # fmt: skip
    assert refused.status_code == 302 and refused.headers["Location"].endswith("/account/")
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ApiToken)) == 0

    second = app.test_client()
    login(second, replace(admin, totp_secret=secret))
    created = post_form(
        second, "/account/tokens", {"name": "may chu", "scope": "read", "lifetime_days": "30"},
        token_from="/account/",
    )  # fmt: skip
    assert created.status_code == 200 and "hoso_" in created.get_data(as_text=True)


def test_signing_out_ends_the_session_on_the_server(app, db: Database) -> None:
    account = make_user(db, "dang.xuat")
    browser = app.test_client()
    login(browser, account)
    assert browser.get("/api/v1/me").status_code == 200
    captured = browser.get_cookie("hoso_session").value
    post_form(browser, "/logout", token_from="/")

    thief = app.test_client()
    thief.set_cookie("hoso_session", captured)
    assert thief.get("/api/v1/me").status_code == 401
    page = thief.get("/")
    assert page.status_code == 302 and "/login" in page.headers["Location"]


def test_signing_in_removes_the_sessions_no_cookie_may_use(app, db: Database) -> None:
    """Ended sessions and those older than the maximum age go; open ones stay."""
    account = make_user(db, "phien.cu")
    for _ in range(2):
        browser = app.test_client()
        login(browser, account)
        post_form(browser, "/logout", token_from="/")
    open_browser = app.test_client()
    login(open_browser, account)
    with db.session() as session:
        rows = session.scalars(select(SignInSession).where(SignInSession.user_id == account.id))
        assert [row.ended_at is None for row in rows] == [True]
        session.add(
            SignInSession(
                user_id=account.id,
                key_hash="0" * 64,
                started_at=utcnow() - sign_in_sessions.MAX_AGE - timedelta(minutes=1),
            )
        )
    login(app.test_client(), account)
    with db.session() as session:
        kept = session.scalars(select(SignInSession.key_hash)).all()
    assert len(kept) == 2 and "0" * 64 not in kept
    assert open_browser.get("/api/v1/me").status_code == 200


@pytest.mark.parametrize(
    "target",
    [
        "/\t/evil.example",
        "//evil.example",
        "\\\\evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "http:evil.example",
        "/\n/evil.example",
        " //evil.example",
    ],
)
def test_sign_in_never_redirects_off_site(client, db: Database, target: str) -> None:
    make_user(db, "chuyen.huong")
    response = post_form(
        client,
        "/login?" + urlencode({"next": target}),
        {"username": "chuyen.huong", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/", response.headers["Location"]
    assert not is_local_path(target)


def test_sign_in_returns_to_a_page_of_this_site(client, db: Database) -> None:
    make_user(db, "quay.lai")
    target = "/search?q=ch%E1%BB%89+th%E1%BB%8B&page=2"
    response = post_form(
        client,
        "/login?" + urlencode({"next": target}),
        {"username": "quay.lai", "password": PASSWORD},
    )
    assert response.headers["Location"] == target
