"""REST: who am I, my API tokens, accounts (administrators), the audit log (auditors)."""

from __future__ import annotations

from typing import Any

from flask import abort, jsonify, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from records import accounts, tokens
from records.audit import events_query
from records.errors import RuleError
from records.models import ApiToken, AuditEvent, User
from records.policy import can_manage_token, can_manage_users, can_read_audit
from webapp.api import route
from webapp.auditing import audit, deny
from webapp.db_session import db_session
from webapp.features.audit import filters_from_args
from webapp.features.denouncers import MaskedEntry, shown_events
from webapp.labels import message
from webapp.paging import Page, page_number

API_PAGE_SIZE = 100

_ERRORS = {"description": "Problem", "content": {"application/json": {}}}


def _ok(description: str) -> dict[str, Any]:
    return {"200": {"description": description, "content": {"application/json": {}}}}


def user_json(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "full_name": user.full_name,
        "agency": user.agency.code,
        "roles": sorted(user.roles),
        "clearance": user.clearance,
        "active": user.active,
        "second_factor": bool(user.totp_secret),
    }


def token_json(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.id,
        "name": token.name,
        "prefix": token.prefix,
        "scope": token.scope,
        "created_at": token.created_at.isoformat(),
        "expires_at": token.expires_at.isoformat() if token.expires_at else None,
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
        "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
    }


def event_json(event: AuditEvent | MaskedEntry) -> dict[str, Any]:
    return {
        "id": event.id,
        "at": event.at.isoformat(),
        "username": event.username,
        "agency": event.agency_code,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "outcome": event.outcome,
        "ip": event.ip,
        "level": event.level,
        "detail": event.detail,
    }


@route(
    "/me", {"get": {"summary": "The signed-in user, or the token's owner", "responses": _ok("Me")}}
)
def me() -> ResponseReturnValue:
    return jsonify(user_json(current_user))


@route(
    "/tokens",
    {"get": {"summary": "My API tokens (never their secrets)", "responses": _ok("Tokens")}},
)
def list_tokens() -> ResponseReturnValue:
    rows = db_session().scalars(
        select(ApiToken).where(ApiToken.user_id == current_user.id).order_by(ApiToken.id)
    )
    return jsonify(tokens=[token_json(token) for token in rows])


@route(
    "/tokens/<int:token_id>",
    {
        "delete": {
            "summary": "Revoke one of my API tokens",
            "responses": {"204": {"description": "Revoked"}, "404": _ERRORS},
        }
    },
)
def revoke_token(token_id: int) -> ResponseReturnValue:
    db = db_session()
    token = db.get(ApiToken, token_id)
    if token is None or not can_manage_token(current_user, token):
        deny("token.revoke", object_type="api_token", object_id=token_id, answer=404)
    tokens.revoke(db, token, actor=current_user, ip=request.remote_addr or "")
    return "", 204


@route(
    "/users",
    {"get": {"summary": "Accounts (administrators)", "responses": _ok("Accounts")}},
)
def list_users() -> ResponseReturnValue:
    if not can_manage_users(current_user):
        abort(403)
    db = db_session()
    rows = db.scalars(select(User).order_by(User.username))
    audit("user.list")
    return jsonify(users=[user_json(user) for user in rows])


@route(
    "/users/<int:user_id>",
    {
        "patch": {
            "summary": "Change an account's agency, roles, clearance or active flag "
            "(administrators; audited with before and after)",
            "requestBody": {
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "agency": {"type": "string"},
                                "roles": {"type": "array", "items": {"type": "string"}},
                                "clearance": {"type": "string"},
                                "active": {"type": "boolean"},
                            },
                        }
                    }
                }
            },
            "responses": {**_ok("The changed account"), "400": _ERRORS, "403": _ERRORS},
        }
    },
)
def update_user(user_id: int) -> ResponseReturnValue:
    if not can_manage_users(current_user):
        abort(403)
    db = db_session()
    user = db.get(User, user_id) or abort(404)
    changes = request.get_json(silent=True)
    if not isinstance(changes, dict):
        return jsonify(error="bad_request", message="send a JSON object"), 400
    allowed = {key: changes[key] for key in accounts.PERMISSION_FIELDS if key in changes}
    try:
        accounts.update_user(db, user, actor=current_user, ip=request.remote_addr or "", **allowed)
    except RuleError as err:
        db.rollback()
        return jsonify(error=err.code, message=message(err)), 400
    return jsonify(user_json(user))


@route(
    "/audit",
    {
        "get": {
            "summary": "Audit events the caller may read (auditors; newest first)",
            "parameters": [
                {"name": name, "in": "query", "schema": {"type": "string"}}
                for name in (
                    "user",
                    "agency",
                    "action",
                    "object_type",
                    "object_id",
                    "outcome",
                    "level",
                    "date_from",
                    "date_to",
                    "page",
                )
            ],
            "responses": _ok("A page of events"),
        }
    },
)
def audit_events() -> ResponseReturnValue:
    if not can_read_audit(current_user):
        deny("audit.view")
    db = db_session()
    filters = filters_from_args()
    page = Page.from_query(db, events_query(current_user, filters), page_number(), API_PAGE_SIZE)
    audit("audit.view", channel="api", page=page.number, total=page.total)
    events = shown_events(db, current_user, page.items)
    return jsonify(total=page.total, page=page.number, events=[event_json(e) for e in events])
