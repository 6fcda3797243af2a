"""People in a test hoso: accounts of the bodies with roles and clearances, signed in."""

from __future__ import annotations

import re

from sqlalchemy import select

from records.accounts import hash_password
from records.db import Database
from records.models import Agency, User

PASSWORD = "mat-khau-thu-nghiem"


def make_user(
    db: Database,
    username: str,
    *,
    agency: str = "noi_chinh",
    roles: tuple[str, ...] = ("officer",),
    clearance: str = "thuong",
) -> int:
    with db.session() as session:
        body = session.scalars(select(Agency).where(Agency.code == agency)).one()
        user = User(
            username=username,
            full_name=username.title(),
            agency=body,
            roles=list(roles),
            clearance=clearance,
            password_hash=hash_password(PASSWORD),
        )
        session.add(user)
        session.flush()
        return user.id


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)


def login(client, username: str) -> str:
    """Sign ``username`` in on the test client; return a CSRF token for later posts."""
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return csrf_token(client.get("/").get_data(as_text=True))
