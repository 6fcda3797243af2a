"""Users of the coordinating bodies, and documents owned by them, for casework tests."""

from __future__ import annotations

import hashlib
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.accounts import hash_password
from records.models import Agency, Document, User

PASSWORD = "mật-khẩu-thử-nghiệm-2026"
_HASH: dict[str, str] = {}


def agency(session: Session, code: str) -> Agency:
    return session.scalars(select(Agency).where(Agency.code == code)).one()


def make_user(
    session: Session,
    username: str,
    agency_code: str,
    roles: tuple[str, ...] = ("officer",),
    clearance: str = "mat",
    email: str = "",
) -> User:
    if PASSWORD not in _HASH:
        _HASH[PASSWORD] = hash_password(PASSWORD)
    user = User(
        username=username,
        full_name=username.replace("_", " ").title(),
        agency=agency(session, agency_code),
        roles=list(roles),
        clearance=clearance,
        email=email,
        password_hash=_HASH[PASSWORD],
    )
    session.add(user)
    session.flush()
    return user


def make_document(
    session: Session,
    owner_code: str,
    *,
    number: str | None = None,
    subject: str = "",
    confidentiality: str = "thuong",
    status: str = "indexed",
) -> Document:
    """A document row as the pipeline leaves it (no stored file is needed for casework)."""
    document = Document(
        sha256=hashlib.sha256(uuid.uuid4().bytes).hexdigest(),
        size=100,
        filename=f"{(number or subject or 'van-ban').replace('/', '-')}.pdf",
        status=status,
        number=number,
        subject=subject,
        confidentiality=confidentiality,
        owner_agency=agency(session, owner_code),
    )
    session.add(document)
    session.flush()
    return document
