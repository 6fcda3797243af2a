"""Accounts: password hashing (argon2id), the built-in administrator, creating and changing
users, and signing in with lock-out. Every change is audited with its before and after."""

from __future__ import annotations

import contextlib
import functools
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from records import audit
from records.codes import ADMIN_USERNAME, CONFIDENTIALITY, ROLES
from records.errors import RuleError
from records.models import Agency, User
from records.models.base import utcnow
from records.passwords import check_password

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


@functools.cache
def dummy_hash() -> str:
    """Verified against when the username is unknown, so both cases take the same time.

    Made on first use, not at import: hashing costs a fifth of a second that every ``hoso``
    command would otherwise pay."""
    return _hasher.hash(secrets.token_hex(16))


USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
#: The attributes whose change is a permission change, audited with before and after.
PERMISSION_FIELDS = ("agency", "roles", "clearance", "active")
PROFILE_FIELDS = ("full_name", "email")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    if not password_hash:
        _burn(password)
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _burn(password: str) -> None:
    """Spend the time of one verification, so a missing account is not faster to test."""
    with contextlib.suppress(VerificationError):
        _hasher.verify(dummy_hash(), password)


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def ensure_admin(session: Session) -> str | None:
    """Create the local administrator on first start; return its one-time password then."""
    if session.scalar(select(User.id).where(User.username == ADMIN_USERNAME)) is not None:
        return None
    agency = session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one()
    password = secrets.token_urlsafe(18)
    session.add(
        User(
            username=ADMIN_USERNAME,
            full_name="Quản trị hệ thống",
            agency=agency,
            roles=["administrator"],
            clearance="tuyet_mat",
            password_hash=hash_password(password),
            password_changed_at=utcnow(),
        )
    )
    session.flush()
    return password


# -- creating and changing accounts ---------------------------------------------------------
def temporary_password() -> str:
    """A random password for a new or reset account, to be replaced at first sign-in."""
    return secrets.token_urlsafe(12)


def _agency(session: Session, code: str) -> Agency:
    agency = session.scalar(select(Agency).where(Agency.code == code))
    if agency is None:
        raise RuleError("agency_unknown", agency=code)
    return agency


def _check_permissions(roles: list[str], clearance: str) -> None:
    unknown = [role for role in roles if role not in ROLES]
    if unknown or not roles:
        raise RuleError("roles_invalid", roles=roles)
    if clearance not in CONFIDENTIALITY:
        raise RuleError("clearance_invalid", clearance=clearance)


def permissions_of(user: User) -> dict[str, Any]:
    """The permission-bearing attributes of an account, as the audit log records them."""
    return {
        "agency": user.agency.code if user.agency else None,
        "roles": sorted(user.roles),
        "clearance": user.clearance,
        "active": user.active,
    }


def create_user(
    session: Session,
    *,
    username: str,
    agency_code: str,
    roles: list[str],
    clearance: str,
    password: str,
    actor: User | None,
    ip: str = "",
    full_name: str = "",
    email: str = "",
    temporary: bool = False,
) -> User:
    """Create an account; ``temporary``: the user must choose a new password at sign-in."""
    username = username.strip().lower()
    if not USERNAME_PATTERN.match(username):
        raise RuleError("username_invalid", username=username)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise RuleError("username_taken", username=username)
    roles = sorted(set(roles))
    _check_permissions(roles, clearance)
    check_password(password, username)
    user = User(
        username=username,
        full_name=full_name.strip(),
        email=email.strip(),
        agency=_agency(session, agency_code),
        roles=roles,
        clearance=clearance,
        password_hash=hash_password(password),
        password_changed_at=utcnow(),
        must_change_password=temporary,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor,
        "user.create",
        object_type="user",
        object_id=user.id,
        ip=ip,
        username_created=username,
        after=permissions_of(user),
    )
    return user


def update_user(
    session: Session, user: User, *, actor: User | None, ip: str = "", **changes: Any
) -> dict[str, Any]:
    """Change an account's agency (code), roles, clearance, active flag, name or e-mail.

    Returns the permission changes; they are audited as ``user.update`` with before/after.
    """
    unknown = set(changes) - set(PERMISSION_FIELDS) - set(PROFILE_FIELDS)
    if unknown:
        raise RuleError("field_unknown", fields=sorted(unknown))
    before = permissions_of(user)
    roles = sorted(set(changes.get("roles", user.roles)))
    clearance = changes.get("clearance", user.clearance)
    _check_permissions(roles, clearance)
    if (
        actor is not None
        and actor.id == user.id
        and ("administrator" not in roles or changes.get("active") is False)
    ):
        raise RuleError("self_demotion")
    if "agency" in changes:
        user.agency = _agency(session, changes["agency"])
    user.roles = roles
    user.clearance = clearance
    if "active" in changes:
        user.active = bool(changes["active"])
    for field in PROFILE_FIELDS:
        if field in changes:
            setattr(user, field, str(changes[field]).strip())
    session.flush()
    after = permissions_of(user)
    changed = {key: after[key] for key in after if after[key] != before[key]}
    if changed:
        audit.record(
            session,
            actor,
            "user.update",
            object_type="user",
            object_id=user.id,
            ip=ip,
            before={key: before[key] for key in changed},
            after=changed,
        )
    return changed


def set_password(
    session: Session,
    user: User,
    password: str,
    *,
    actor: User | None,
    ip: str = "",
    temporary: bool = False,
) -> None:
    """Set a new password (policy-checked). An administrator's reset is ``temporary``."""
    check_password(password, user.username)
    if verify_password(user.password_hash, password):
        raise RuleError("password_unchanged")
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.must_change_password = temporary
    user.failed_logins = 0
    user.locked_until = None
    action = (
        "user.password_reset"
        if actor is not None and actor.id != user.id
        else ("user.password_change")
    )
    audit.record(session, actor, action, object_type="user", object_id=user.id, ip=ip)


def unlock(session: Session, user: User, *, actor: User | None, ip: str = "") -> None:
    user.failed_logins = 0
    user.locked_until = None
    audit.record(session, actor, "user.unlock", object_type="user", object_id=user.id, ip=ip)


# -- signing in -----------------------------------------------------------------------------
@dataclass(frozen=True)
class LoginAttempt:
    """``outcome``: ok | bad (unknown user or wrong password) | locked | inactive."""

    outcome: str
    user: User | None = None
    locked_until: datetime | None = None


def check_login(
    session: Session,
    username: str,
    password: str,
    *,
    ip: str,
    max_failures: int,
    lockout: timedelta,
) -> LoginAttempt:
    """Check a username and password, counting failures and locking the account after
    ``max_failures`` in a row. Failures are audited here; success is audited by the caller
    once the sign-in is complete (after the second factor)."""
    now = utcnow()
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        _burn(password)
        audit.record(
            session,
            None,
            "login",
            outcome="denied",
            ip=ip,
            object_type="user",
            username_tried=username[:64],
            reason="unknown",
        )
        return LoginAttempt("bad")
    if user.locked_until is not None and user.locked_until > now:
        _burn(password)
        _denied(session, user, ip, "locked")
        return LoginAttempt("locked", user, user.locked_until)
    if not verify_password(user.password_hash, password):
        return register_failure(
            session, user, ip=ip, max_failures=max_failures, lockout=lockout, reason="password"
        )
    if not user.active:
        _denied(session, user, ip, "inactive")
        return LoginAttempt("inactive", user)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return LoginAttempt("ok", user)


def register_failure(
    session: Session,
    user: User,
    *,
    ip: str,
    max_failures: int,
    lockout: timedelta,
    reason: str,
) -> LoginAttempt:
    """Count one failed sign-in (wrong password or second factor); lock after too many."""
    user.failed_logins += 1
    _denied(session, user, ip, reason)
    if user.failed_logins >= max_failures:
        user.locked_until = utcnow() + lockout
        user.failed_logins = 0
        audit.record(
            session,
            user,
            "login.lockout",
            outcome="denied",
            ip=ip,
            object_type="user",
            object_id=user.id,
            until=user.locked_until.isoformat(),
        )
        return LoginAttempt("locked", user, user.locked_until)
    return LoginAttempt("bad", user)


def record_login(session: Session, user: User, *, ip: str, method: str) -> None:
    """The sign-in is complete: reset the failure count and audit it."""
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = utcnow()
    audit.record(
        session, user, "login", ip=ip, object_type="user", object_id=user.id, method=method
    )


def _denied(session: Session, user: User, ip: str, reason: str) -> None:
    audit.record(
        session,
        user,
        "login",
        outcome="denied",
        ip=ip,
        object_type="user",
        object_id=user.id,
        reason=reason,
    )
