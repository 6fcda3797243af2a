"""Who may manage accounts and tokens, and who reads which part of the audit log
(docs/access-policy.md, "Accounts and the audit log")."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, false, or_, true

from records.codes import levels_up_to
from records.models import ApiToken, AuditEvent, User
from records.policy.participation import MONITORING_BODY

#: Audit events about accounts: sign-ins, lock-outs, account and token changes.
ACCOUNT_OBJECT_TYPES = ("user", "api_token")


def can_manage_users(user: User) -> bool:
    """Create accounts, change agency/roles/clearance, deactivate, unlock, reset passwords."""
    return user.active and user.has_role("administrator")


def can_manage_token(user: User, token: ApiToken) -> bool:
    """A token is its owner's alone: nobody else lists, uses or revokes it."""
    return user.active and token.user_id == user.id


def needs_second_factor(user: User) -> bool:
    """Accounts that must sign in with a second factor (TOTP): administrators."""
    return user.has_role("administrator")


def may_use_tokens(user: User) -> bool:
    """A token acts as its owner only while the owner has every factor the account needs:
    an administrator's tokens work once TOTP is enrolled (and stop if it is reset)."""
    return user.active and (bool(user.totp_secret) or not needs_second_factor(user))


def can_create_token(user: User, *, second_factor_used: bool) -> bool:
    """A token outlives the session that made it, so an account that needs a second factor
    creates one only from a sign-in that used it (``second_factor_used``)."""
    return may_use_tokens(user) and (second_factor_used or not needs_second_factor(user))


def can_read_audit(user: User) -> bool:
    return user.active and user.has_role("auditor", "administrator")


def audit_clause(user: User) -> ColumnElement[bool]:
    """The audit events ``user`` may read.

    An auditor reads events up to their clearance (the log inherits each object's level):
    an auditor of the commission, which runs hoso for all bodies, those of every body; an
    auditor of another body, those of its own staff. An administrator reads the account
    events (sign-ins, lock-outs, account and token changes) needed to run accounts.
    """
    if not user.active:
        return false()
    readable = []
    if user.has_role("auditor"):
        scope = (
            true()
            if user.agency.code == MONITORING_BODY
            else AuditEvent.agency_code == user.agency.code
        )
        readable.append(and_(AuditEvent.level.in_(levels_up_to(user.clearance)), scope))
    if user.has_role("administrator"):
        readable.append(
            and_(
                AuditEvent.object_type.in_(ACCOUNT_OBJECT_TYPES),
                AuditEvent.level.in_(levels_up_to(user.clearance)),
            )
        )
    if not readable:
        return false()
    return or_(*readable)
