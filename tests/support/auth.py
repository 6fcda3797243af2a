"""Accounts and signing in for tests, through the same code paths users take."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyotp

from records import accounts
from records.db import Database

PASSWORD = "Mat-khau-thu-nghiem-2026"


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    password: str
    totp_secret: str | None = None


def make_user(
    db: Database,
    username: str,
    *,
    agency: str = "noi_chinh",
    roles: tuple[str, ...] = ("officer",),
    clearance: str = "thuong",
    totp: bool = False,
) -> Account:
    """Create an account (no temporary password) and, with ``totp``, its second factor."""
    with db.session() as session:
        user = accounts.create_user(
            session, username=username, agency_code=agency, roles=list(roles),
            clearance=clearance, password=PASSWORD, actor=None,
        )  # fmt: skip
        secret = pyotp.random_base32() if totp else None
        user.totp_secret = secret
        return Account(user.id, username, PASSWORD, secret)


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def page_token(client, path: str = "/login") -> str:
    return csrf_token(client.get(path).get_data(as_text=True))


def post_form(client, path: str, data: dict | None = None, *, token_from: str | None = None):
    """POST a form the way the browser does: with the CSRF token of the page."""
    token = page_token(client, token_from or path)
    return client.post(path, data={**(data or {}), "csrf_token": token})


def submit_password(client, username: str, password: str):
    return post_form(client, "/login", {"username": username, "password": password})


def login(client, account: Account) -> None:
    """Sign in completely (password, then the TOTP code when the account has one)."""
    response = submit_password(client, account.username, account.password)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    if account.totp_secret:
        assert response.headers["Location"].endswith("/login/second-factor")
        code = pyotp.TOTP(account.totp_secret).now()
        response = post_form(client, "/login/second-factor", {"code": code})
        assert response.status_code == 302 and "second-factor" not in response.headers["Location"]
