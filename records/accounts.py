"""Accounts: password hashing (argon2id) and the built-in local administrator."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models import Agency, User
from records.models.base import utcnow

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters

ADMIN_USERNAME = "admin"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def ensure_admin(session: Session) -> str | None:
    """Create the local administrator on first start; return its one-time password then."""
    if session.scalar(select(User.id).where(User.username == ADMIN_USERNAME)) is not None:
        return None
    agency = session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one()
    password = secrets.token_urlsafe(12)
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
