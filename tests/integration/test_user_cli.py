"""``hoso user``: accounts and tokens from the command line, audited like the web pages."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from records.accounts import ensure_admin
from records.db import Database
from records.models import AuditEvent, User
from records.models.base import utcnow
from tests.support.auth import make_user
from webapp.cli import main

pytestmark = pytest.mark.services


def _run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_create_list_passwd_and_tokens(db: Database, hoso_settings, client) -> None:
    with db.session() as session:
        ensure_admin(session)
    created = _run(
        "user", "create", "thanh.tra.01", "--agency", "thanh_tra", "--role", "officer",
        "--role", "clerk", "--clearance", "mat", "--password-stdin",
        stdin="Mat-khau-dong-lenh-2026\n",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    weak = _run("user", "create", "yeu", "--agency", "thanh_tra", "--role", "viewer",
                "--password-stdin", stdin="123\n")  # fmt: skip
    assert weak.exit_code == 1 and "at least 12 characters" in weak.output
    temporary = _run("user", "create", "tam.thoi", "--agency", "cong_an", "--role", "viewer")
    assert "temporary password" in temporary.output

    listed = [json.loads(line) for line in _run("user", "list", "--json").output.splitlines()]
    officer = next(row for row in listed if row["username"] == "thanh.tra.01")
    assert officer == {
        "username": "thanh.tra.01", "agency": "thanh_tra", "roles": ["clerk", "officer"],
        "clearance": "mat", "active": True, "locked": False, "second_factor": False,
    }  # fmt: skip
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == "tam.thoi"))
        assert user.must_change_password

    assert _run("user", "passwd", "tam.thoi", "--password-stdin",
                stdin="Mat-khau-that-su-2026\n").exit_code == 0  # fmt: skip
    refused = _run("--as", "thanh.tra.01", "user", "list")
    assert refused.exit_code == 1 and "not an administrator" in refused.output

    issued = _run("--as", "thanh.tra.01", "user", "token", "create", "--name", "bao cao",
                  "--scope", "read", "--days", "30")  # fmt: skip
    secret = issued.output.strip().splitlines()[-1]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.json["username"] == "thanh.tra.01"
    tokens = [
        json.loads(line)
        for line in _run(
            "--as", "thanh.tra.01", "user", "token", "list", "--json"
        ).output.splitlines()
    ]
    assert [(t["name"], t["state"]) for t in tokens] == [("bao cao", "active")]
    assert _run("user", "token", "revoke", str(tokens[0]["id"])).exit_code == 1  # not admin's
    assert (
        _run("--as", "thanh.tra.01", "user", "token", "revoke", str(tokens[0]["id"])).exit_code == 0
    )
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )

    with db.session() as session:
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.ip == "cli")).all()
    assert actions == ["user.create", "user.create", "user.password_reset", "token.create",
                       "token.revoke"]  # fmt: skip


def test_lists_work_while_an_account_is_locked(db: Database, hoso_settings) -> None:
    """``user list`` and ``user token list`` compare stored moments with the clock."""
    with db.session() as session:
        ensure_admin(session)
    locked = make_user(db, "dang.khoa")
    with db.session() as session:
        session.get(User, locked.id).locked_until = utcnow() + timedelta(minutes=15)
    listed = _run("user", "list", "--json")
    assert listed.exit_code == 0, listed.output
    states = {row["username"]: row["locked"] for row in map(json.loads, listed.output.splitlines())}
    assert states == {"admin": False, "dang.khoa": True}

    for days in ("30", "0"):
        made = _run("--as", "dang.khoa", "user", "token", "create", "--name", f"t{days}",
                    "--days", days)  # fmt: skip
        assert made.exit_code == 0, made.output
    tokens = _run("--as", "dang.khoa", "user", "token", "list", "--json")
    assert tokens.exit_code == 0, tokens.output
    assert [json.loads(line)["state"] for line in tokens.output.splitlines()] == ["active"] * 2
