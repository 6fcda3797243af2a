"""Issuing, checking and revoking API tokens. Only a token's sha256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from records import audit
from records.errors import RuleError
from records.models import ApiToken, User
from records.models.base import utcnow
from records.policy import needs_second_factor

SCOPES = ("read", "read_write")
TOKEN_PREFIX = "hoso_"  # noqa: S105 (a public marker, not a secret)
#: last_used_at is written at most this often, so reading with a token is not a write each time.
TOUCH_EVERY = timedelta(minutes=1)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def issue(
    session: Session,
    user: User,
    name: str,
    *,
    scope: str = "read",
    expires_at: datetime | None = None,
    actor: User | None = None,
    ip: str = "",
) -> tuple[ApiToken, str]:
    """Create a token for ``user``; return it and its secret (shown to the user once)."""
    name = name.strip()
    if not name:
        raise RuleError("token.name_required")
    if scope not in SCOPES:
        raise RuleError("token.scope_invalid", scope=scope)
    if needs_second_factor(user) and not user.totp_secret:
        raise RuleError("token.second_factor_required", username=user.username)
    if expires_at is not None and expires_at <= utcnow():
        raise RuleError("token.expiry_past")
    public = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}{public}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        user_id=user.id,
        name=name[:128],
        prefix=f"{TOKEN_PREFIX}{public}",
        token_hash=_digest(raw),
        scope=scope,
        expires_at=expires_at,
    )
    session.add(token)
    session.flush()
    audit.record(
        session,
        actor or user,
        "token.create",
        object_type="api_token",
        object_id=token.id,
        ip=ip,
        owner=user.username,
        scope=scope,
        expires_at=expires_at.isoformat() if expires_at else None,
    )
    return token, raw


def authenticate(session: Session, raw: str, *, ip: str = "") -> ApiToken | None:
    """The active token with this secret whose owner is active, or None."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(raw)))
    now = utcnow()
    if token is None or not token.active_at(now) or not token.user.active:
        return None
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        token.last_used_at = now
        token.last_used_ip = ip[:64]
    return token


def revoke(session: Session, token: ApiToken, *, actor: User, ip: str = "") -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(
            session,
            actor,
            "token.revoke",
            object_type="api_token",
            object_id=token.id,
            ip=ip,
            owner_id=token.user_id,
        )
