"""API tokens: hashed at rest, scoped, expiring, revocable; CSRF only for sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from records import tokens
from records.db import Database
from records.models import ApiToken, User
from records.models.base import utcnow
from tests.support.auth import csrf_token, login, make_user

pytestmark = pytest.mark.services


def _issue(db: Database, user_id: int, scope: str = "read", **kwargs) -> tuple[int, str]:
    with db.session() as session:
        token, raw = tokens.issue(
            session, session.get(User, user_id), "test", scope=scope, **kwargs
        )
        return token.id, raw


def _bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def test_read_token_reads_but_cannot_change(client, db: Database) -> None:
    account = make_user(db, "doc.may")
    _, raw = _issue(db, account.id, "read")
    other_id, _ = _issue(db, account.id, "read")
    me = client.get("/api/v1/me", headers=_bearer(raw))
    assert me.status_code == 200 and me.json["username"] == "doc.may"
    assert "Set-Cookie" not in me.headers  # no session is created for a token
    refused = client.delete(f"/api/v1/tokens/{other_id}", headers=_bearer(raw))
    assert refused.status_code == 403 and refused.json["error"] == "read_only_token"


def test_read_write_token_needs_no_csrf_token(client, db: Database) -> None:
    account = make_user(db, "ghi.may")
    _, raw = _issue(db, account.id, "read_write")
    other_id, _ = _issue(db, account.id)
    assert client.delete(f"/api/v1/tokens/{other_id}", headers=_bearer(raw)).status_code == 204
    with db.session() as session:
        assert session.get(ApiToken, other_id).revoked_at is not None


def test_expired_and_revoked_tokens_get_401(client, db: Database) -> None:
    account = make_user(db, "het.han")
    expired_id, expired = _issue(db, account.id)
    revoked_id, revoked = _issue(db, account.id)
    with db.session() as session:
        session.get(ApiToken, expired_id).expires_at = utcnow() - timedelta(seconds=1)
        tokens.revoke(
            session, session.get(ApiToken, revoked_id), actor=session.get(User, account.id)
        )
    for raw in (expired, revoked, "hoso_00000000_not-a-token", "not even the format"):
        response = client.get("/api/v1/me", headers=_bearer(raw))
        assert response.status_code == 401 and response.json["error"] == "invalid_token"


def test_token_of_a_deactivated_user_stops_working(client, db: Database) -> None:
    account = make_user(db, "nghi.viec")
    _, raw = _issue(db, account.id)
    assert client.get("/api/v1/me", headers=_bearer(raw)).status_code == 200
    with db.session() as session:
        session.get(User, account.id).active = False
    assert client.get("/api/v1/me", headers=_bearer(raw)).status_code == 401


def test_only_the_hash_is_stored_and_last_use_is_recorded(client, db: Database) -> None:
    account = make_user(db, "bam.so")
    token_id, raw = _issue(db, account.id)
    client.get("/api/v1/me", headers=_bearer(raw))
    with db.session() as session:
        dump = session.execute(text("SELECT * FROM api_tokens")).all()
        token = session.get(ApiToken, token_id)
        assert raw.startswith(f"{token.prefix}_") and token.last_used_at is not None
        secret = raw.removeprefix(f"{token.prefix}_")
        assert raw not in repr(dump) and secret not in repr(dump)


def test_tokens_work_only_on_the_api(client, db: Database) -> None:
    account = make_user(db, "chi.api")
    _, raw = _issue(db, account.id, "read_write")
    page = client.get("/account/", headers=_bearer(raw))
    assert page.status_code == 302 and "/login" in page.headers["Location"]


def test_session_requests_to_the_api_need_the_csrf_token(client, db: Database) -> None:
    account = make_user(db, "phien.api")
    login(client, account)
    token_id, _ = _issue(db, account.id)
    assert client.delete(f"/api/v1/tokens/{token_id}").status_code == 400
    token = csrf_token(client.get("/account/").get_data(as_text=True))
    response = client.delete(f"/api/v1/tokens/{token_id}", headers={"X-CSRFToken": token})
    assert response.status_code == 204


def test_nobody_revokes_or_lists_another_users_token(client, db: Database) -> None:
    owner = make_user(db, "chu.so.huu")
    intruder = make_user(db, "ke.la", roles=("leader",), clearance="tuyet_mat")
    victim_id, _ = _issue(db, owner.id)
    _, intruder_raw = _issue(db, intruder.id, "read_write")
    assert (
        client.delete(f"/api/v1/tokens/{victim_id}", headers=_bearer(intruder_raw)).status_code
        == 404
    )
    listed = client.get("/api/v1/tokens", headers=_bearer(intruder_raw)).json["tokens"]
    assert victim_id not in {t["id"] for t in listed}
    with db.session() as session:
        assert session.get(ApiToken, victim_id).revoked_at is None
        denied = session.scalars(select(ApiToken.id)).all()
        assert victim_id in denied


def test_token_created_on_the_account_page_is_shown_once(client, db: Database) -> None:
    account = make_user(db, "tao.ma")
    login(client, account)
    token = csrf_token(client.get("/account/").get_data(as_text=True))
    created = client.post(
        "/account/tokens",
        data={
            "name": "báo cáo tự động",
            "scope": "read",
            "lifetime_days": "30",
            "csrf_token": token,
        },
    )
    page = created.get_data(as_text=True)
    secret = page.split('id="token-secret">')[1].split("<")[0]
    assert client.get("/api/v1/me", headers=_bearer(secret)).status_code == 200
    assert secret not in client.get("/account/").get_data(as_text=True)
