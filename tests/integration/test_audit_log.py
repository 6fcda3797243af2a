"""The audit log: append-only on both databases, one event per sensitive request, the
auditors' page with its filters and export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import DBAPIError

from records import migrate
from records.db import Database
from records.models import AuditEvent
from records.models.audit import AuditLogIsAppendOnly
from tests.support.auth import login, make_user, post_form, submit_password

pytestmark = pytest.mark.services


def _count(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent))


def _last(db: Database) -> AuditEvent:
    with db.session() as session:
        return session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()


@pytest.mark.postgresql
def test_postgresql_refuses_update_delete_and_truncate(db: Database) -> None:
    with db.session() as session:
        session.add(AuditEvent(action="login", username="a"))
    for statement in (
        "UPDATE audit_events SET outcome = 'denied'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
    ):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
            connection.execute(sa.text(statement))
    assert _count(db) == 1


def test_the_orm_refuses_changes_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    migrate.upgrade(url)
    database = Database(url)
    with database.session() as session:
        session.add(AuditEvent(action="login", username="a"))
    attempts = [
        lambda s: setattr(s.scalars(select(AuditEvent)).one(), "outcome", "denied"),
        lambda s: s.delete(s.scalars(select(AuditEvent)).one()),
        lambda s: s.execute(update(AuditEvent).values(outcome="denied")),
        lambda s: s.execute(delete(AuditEvent)),
    ]
    for attempt in attempts:
        with pytest.raises(AuditLogIsAppendOnly), database.session() as session:
            attempt(session)
    with database.session() as session:
        assert session.scalars(select(AuditEvent.outcome)).all() == ["ok"]
    database.dispose()


def test_every_sensitive_request_writes_exactly_one_event(app, db: Database) -> None:
    admin = make_user(db, "qt.nhat.ky", roles=("administrator", "auditor"),
                      clearance="tuyet_mat", totp=True)  # fmt: skip
    target = make_user(db, "muc.tieu", agency="thanh_tra")
    client = app.test_client()
    steps = [
        ("login.failure", lambda: submit_password(client, admin.username, "sai-roi-mat-khau"),
         "login", "denied"),
        ("login", lambda: login(client, admin), "login", "ok"),
        ("audit page", lambda: client.get("/audit/?action=login"), "audit.view", "ok"),
        ("audit export", lambda: client.get("/audit/export.csv"), "audit.export", "ok"),
        ("user list", lambda: client.get("/admin/users"), "user.list", "ok"),
        ("user page", lambda: client.get(f"/admin/users/{target.id}"), "user.view", "ok"),
        ("permission change", lambda: post_form(
            client, f"/admin/users/{target.id}",
            {"agency": "thanh_tra", "roles": ["leader"], "clearance": "mat", "active": "1"},
            token_from="/account/"), "user.update", "ok"),
        ("unlock", lambda: post_form(client, f"/admin/users/{target.id}/unlock",
                                     token_from="/account/"), "user.unlock", "ok"),
        ("password reset", lambda: post_form(client, f"/admin/users/{target.id}/reset-password",
                                             token_from="/account/"), "user.password_reset", "ok"),
        ("token", lambda: post_form(client, "/account/tokens", {"name": "x", "scope": "read",
                                    "lifetime_days": "30"}, token_from="/account/"),
         "token.create", "ok"),
        ("api users", lambda: client.get("/api/v1/users"), "user.list", "ok"),
        ("logout", lambda: post_form(client, "/logout", token_from="/account/"), "logout", "ok"),
    ]  # fmt: skip
    for name, request, action, outcome in steps:
        before = _count(db)
        request()
        # Pages fetched for their CSRF token write no event themselves.
        assert _count(db) == before + 1, f"{name}: {_count(db) - before} events"
        event = _last(db)
        assert (event.action, event.outcome) == (action, outcome), name
        assert event.ip == "127.0.0.1"


def test_auditor_filters_pages_and_exports(client, db: Database) -> None:
    auditor = make_user(db, "kiem.toan", roles=("auditor",), clearance="mat")
    with db.session() as session:
        for n in range(60):
            session.add(AuditEvent(action="document.view", username=f"u{n % 3}",
                                   agency_code="thanh_tra", object_type="document",
                                   object_id=str(n), level=("thuong", "mat", "toi_mat")[n % 3],
                                   detail={"filename": "=HYPERLINK(\"http://x\")"}))  # fmt: skip
    login(client, auditor)
    page = client.get("/audit/?action=document.view").get_data(as_text=True)
    # 40 events within clearance (thuong, mat); the 20 toi_mat ones are not shown.
    assert "40 sự kiện" in page and page.count("data-event=") == 40
    second = client.get("/audit/?action=document.view&user=u1&page=1").get_data(as_text=True)
    assert "20 sự kiện" in second
    assert "0 sự kiện" in client.get("/audit/?action=document.view&level=toi_mat").get_data(
        as_text=True
    )

    export = client.get("/audit/export.csv?action=document.view&object_id=4")
    assert export.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["object_id"] for row in rows] == ["4"]
    assert "HYPERLINK" in rows[0]["detail"]
    assert _last(db).action == "audit.export"
    assert client.get("/audit/?date_from=not-a-date").status_code == 400


def test_csv_cells_that_start_like_formulas_are_neutralised(client, db: Database) -> None:
    auditor = make_user(db, "kiem.toan2", roles=("auditor",))
    with db.session() as session:
        session.add(AuditEvent(action="login", username="=cmd|' /C calc'!A0", outcome="denied"))
    login(client, auditor)
    body = client.get("/audit/export.csv?outcome=denied").get_data(as_text=True)
    assert "'=cmd" in body


def test_others_cannot_read_the_log(client, db: Database) -> None:
    leader = make_user(db, "lanh.dao", roles=("leader",), clearance="tuyet_mat")
    login(client, leader)
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/export.csv").status_code == 403
    assert _last(db).action == "audit.view" and _last(db).outcome == "denied"
