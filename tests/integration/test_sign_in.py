"""Signing in: lock-out, rate limits, second factor, session fixation and expiry."""

from __future__ import annotations

import time
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import func, select

from records.db import Database
from records.models import AuditEvent, User
from records.models.base import utcnow
from tests.support.auth import login, make_user, post_form, submit_password

pytestmark = pytest.mark.services


def _events(db: Database, action: str, **where) -> list[AuditEvent]:
    with db.session() as session:
        query = select(AuditEvent).where(AuditEvent.action == action)
        for key, value in where.items():
            query = query.where(getattr(AuditEvent, key) == value)
        return list(session.scalars(query.order_by(AuditEvent.id)))


def test_lock_out_after_repeated_failures_then_unlock(client, db: Database) -> None:
    account = make_user(db, "khoa.thu")
    for _ in range(5):
        response = submit_password(client, "khoa.thu", "sai-mat-khau-roi")
        assert response.status_code == 200
    assert "tạm khóa" in response.get_data(as_text=True)
    # Locked: even the right password is refused, and says so.
    refused = submit_password(client, "khoa.thu", account.password)
    assert refused.status_code == 200 and "tạm khóa" in refused.get_data(as_text=True)
    assert len(_events(db, "login.lockout", object_id=str(account.id))) == 1
    reasons = [e.detail["reason"] for e in _events(db, "login", outcome="denied")]
    assert reasons == ["password"] * 5 + ["locked"]

    admin = make_user(db, "quan.tri", roles=("administrator",), totp=True)
    login(client, admin)
    post_form(client, f"/admin/users/{account.id}/unlock", token_from=f"/admin/users/{account.id}")
    post_form(client, "/logout", token_from="/")
    assert submit_password(client, "khoa.thu", account.password).status_code == 302


def test_a_lock_that_has_ended_lets_the_right_password_in(client, db: Database) -> None:
    """The lock-out's end is compared with the clock on every database (SQLite gave a 500)."""
    account = make_user(db, "het.khoa")
    for _ in range(5):
        submit_password(client, "het.khoa", "sai-mat-khau-roi")
    with db.session() as session:
        user = session.get(User, account.id)
        assert user.locked_until > utcnow()
        user.locked_until = utcnow() - timedelta(seconds=1)
    assert submit_password(client, "het.khoa", account.password).status_code == 302


def test_rate_limit_per_address_and_per_account(app, db: Database) -> None:
    from webapp import create_app

    limited = create_app(
        app.extensions["hoso"].settings.with_overrides(login_rate_limit="3 per minute")
    )
    make_user(db, "gioi.han")
    one = limited.test_client()
    statuses = [submit_password(one, "ai.do", "x").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    # Another address, but the same account as before: the per-account limit holds.
    other = limited.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.1.1.1"
    statuses = [submit_password(other, "gioi.han", "x").status_code for _ in range(4)]
    assert statuses[-1] == 429
    assert "Quá nhiều yêu cầu" in submit_password(other, "gioi.han", "x").get_data(as_text=True)
    limited.extensions["hoso"].db.dispose()


def test_second_factor_is_required_and_codes_are_single_use(client, db: Database) -> None:
    account = make_user(db, "hai.lop", totp=True)
    first = submit_password(client, account.username, account.password)
    assert first.headers["Location"].endswith("/login/second-factor")
    assert client.get("/").status_code == 302  # not signed in until the code is given
    bad = post_form(client, "/login/second-factor", {"code": "000000"})
    assert "Mã xác thực không đúng" in bad.get_data(as_text=True)
    code = pyotp.TOTP(account.totp_secret).now()
    assert post_form(client, "/login/second-factor", {"code": code}).status_code == 302
    assert client.get("/").status_code == 200
    assert _events(db, "login", outcome="ok")[-1].detail["method"] == "password+totp"

    # The same code cannot open a second session.
    other = client.application.test_client()
    submit_password(other, account.username, account.password)
    replay = post_form(other, "/login/second-factor", {"code": code})
    assert replay.status_code == 200 and other.get("/").status_code == 302


def test_wrong_second_factor_codes_count_towards_lock_out(client, db: Database) -> None:
    account = make_user(db, "doan.ma", totp=True)
    for _ in range(5):
        submit_password(client, account.username, account.password)
        post_form(client, "/login/second-factor", {"code": "123456"})
    with db.session() as session:
        user = session.get(User, account.id)
        assert user.locked_until is not None


def test_administrator_must_enrol_second_factor_first(client, db: Database) -> None:
    admin = make_user(db, "qt.moi", roles=("administrator",))
    login(client, admin)
    response = client.get("/admin/users")
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/totp")
    api = client.get("/api/v1/me")
    assert api.status_code == 403 and api.json["error"] == "setup_required"
    page = client.get("/account/totp").get_data(as_text=True)
    assert "otpauth://totp/hoso:qt.moi?secret=" in page
    qr = client.get("/account/totp/qr.svg")
    assert qr.mimetype == "image/svg+xml" and b"<svg" in qr.data and b"<script" not in qr.data
    with client.session_transaction() as session:
        secret = session["totp_new"]
    post_form(client, "/account/totp", {"code": pyotp.TOTP(secret).now()})
    assert client.get("/admin/users").status_code == 200
    assert len(_events(db, "user.totp_enable")) == 1


def test_new_session_at_sign_in(client, db: Database) -> None:
    account = make_user(db, "phien.moi")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    login(client, account)
    with client.session_transaction() as session:
        assert "planted" not in session and session["_user_id"] == str(account.id)


def test_idle_session_expires(client, db: Database) -> None:
    account = make_user(db, "ngoi.lau")
    login(client, account)
    assert client.get("/").status_code == 200
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 31 * 60
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/api/v1/me").status_code == 401


def test_password_change_and_deactivation_end_other_sessions(app, db: Database) -> None:
    account = make_user(db, "hai.may")
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, account)
    login(phone, account)
    new = "Mat-khau-moi-cua-toi-2026"
    changed = post_form(
        laptop,
        "/account/password",
        {"current_password": account.password, "new_password": new, "confirm_password": new},
    )
    assert changed.status_code == 302
    assert laptop.get("/").status_code == 200  # the session that changed it stays
    assert phone.get("/").status_code == 302  # the other one ends

    with db.session() as session:
        session.get(User, account.id).active = False
    assert laptop.get("/").status_code == 302


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("ngan-qua", "ít nhất 12"),
        ("doi.mat.khau-2026-xyz", "tên đăng nhập"),
        ("password1234", "quá phổ biến"),
    ],
)
def test_password_policy_on_change(client, db: Database, password: str, message: str) -> None:
    account = make_user(db, "doi.mat.khau")
    login(client, account)
    response = post_form(
        client,
        "/account/password",
        {"current_password": account.password, "new_password": password,
         "confirm_password": password},
    )  # fmt: skip
    assert response.status_code == 200 and message in response.get_data(as_text=True)


def test_administrator_creates_a_user_who_must_change_the_password(client, db: Database) -> None:
    admin = make_user(db, "qt.tao", roles=("administrator",), totp=True)
    login(client, admin)
    created = post_form(
        client,
        "/admin/users/new",
        {"username": "can.bo.moi", "agency": "thanh_tra", "roles": ["officer", "clerk"],
         "clearance": "mat", "full_name": "Cán bộ Mới"},
    )  # fmt: skip
    page = created.get_data(as_text=True)
    temporary = page.split('id="temporary-password">')[1].split("<")[0]
    event = _events(db, "user.create")[-1]
    assert event.username == "qt.tao"
    assert event.detail["after"] == {
        "agency": "thanh_tra", "roles": ["clerk", "officer"], "clearance": "mat", "active": True,
    }  # fmt: skip

    newcomer = client.application.test_client()
    assert submit_password(newcomer, "can.bo.moi", temporary).status_code == 302
    forced = newcomer.get("/")
    assert forced.status_code == 302 and forced.headers["Location"].endswith("/account/password")
    new = "Cau-chuyen-moi-cua-toi-9"
    post_form(
        newcomer,
        "/account/password",
        {"current_password": temporary, "new_password": new, "confirm_password": new},
    )
    assert newcomer.get("/").status_code == 200


def test_permission_change_is_audited_with_before_and_after(client, db: Database) -> None:
    admin = make_user(db, "qt.sua", roles=("administrator",), totp=True)
    target = make_user(db, "duoc.sua", agency="cong_an", roles=("viewer",))
    login(client, admin)
    post_form(
        client,
        f"/admin/users/{target.id}",
        {"agency": "vien_kiem_sat", "roles": ["officer"], "clearance": "toi_mat", "active": "1"},
    )
    event = _events(db, "user.update", object_id=str(target.id))[-1]
    assert event.detail == {
        "before": {"agency": "cong_an", "roles": ["viewer"], "clearance": "thuong"},
        "after": {"agency": "vien_kiem_sat", "roles": ["officer"], "clearance": "toi_mat"},
    }
    with db.session() as session:
        count = session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "user.update"))  # fmt: skip
    assert count == 1
