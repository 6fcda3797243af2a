"""``hoso user``: accounts and personal API tokens from the command line.

Account commands need an administrator (the local one, or ``hoso --as USER``); token
commands act on the acting user's own tokens, as the web page does.
"""

from __future__ import annotations

import json
import sys
from datetime import timedelta

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from records import accounts, tokens
from records.codes import CONFIDENTIALITY, ROLES
from records.db import get_by_key
from records.errors import RuleError
from records.models import ApiToken, User
from records.models.base import utcnow
from records.policy import can_manage_token, can_manage_users
from webapp.cli.context import CliContext
from webapp.i18n import in_english


@click.group()
def user() -> None:
    """User accounts and API tokens."""


def _administrator(ctx: CliContext, session: Session) -> User:
    actor = ctx.actor(session)
    if not can_manage_users(actor):
        raise click.ClickException(f"{actor.username} is not an administrator")
    return actor


def _find(session: Session, username: str) -> User:
    found = session.scalar(select(User).where(User.username == username.strip().lower()))
    if found is None:
        raise click.ClickException(f"no user named {username!r}")
    return found


def _read_password(from_stdin: bool) -> str | None:
    """The password from stdin (first line), or None to generate a temporary one."""
    if not from_stdin:
        return None
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise click.ClickException("no password on standard input")
    return line


@user.command("create")
@click.argument("username")
@click.option("--agency", required=True, metavar="CODE", help="The body the user belongs to.")
@click.option(
    "--role", "roles", multiple=True, required=True, type=click.Choice(ROLES), help="Repeatable."
)
@click.option(
    "--clearance", default="thuong", show_default=True, type=click.Choice(CONFIDENTIALITY)
)
@click.option("--full-name", default="")
@click.option("--email", default="")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (one line)."
)
@click.pass_obj
def create(
    ctx: CliContext,
    username: str,
    agency: str,
    roles: tuple[str, ...],
    clearance: str,
    full_name: str,
    email: str,
    password_stdin: bool,
) -> None:
    """Create an account. Without --password-stdin a temporary password is printed, which the
    user must change at first sign-in."""
    chosen = _read_password(password_stdin)
    password = chosen or accounts.temporary_password()
    with ctx.services.db.session() as session:
        actor = _administrator(ctx, session)
        try:
            created = accounts.create_user(
                session,
                username=username,
                agency_code=agency,
                roles=list(roles),
                clearance=clearance,
                password=password,
                actor=actor,
                ip="cli",
                full_name=full_name,
                email=email,
                temporary=chosen is None,
            )
        except RuleError as err:
            raise click.ClickException(in_english(err)) from err
        click.echo(
            f"created {created.username} ({created.agency.code}, {', '.join(roles)}, {clearance})"
        )
    if chosen is None:
        click.echo(f"temporary password (must be changed at first sign-in): {password}")


@user.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def list_users(ctx: CliContext, as_json: bool) -> None:
    """List accounts."""
    with ctx.services.db.session() as session:
        _administrator(ctx, session)
        rows = session.scalars(select(User).order_by(User.username)).all()
        now = utcnow()
        records = [
            {
                "username": row.username,
                "agency": row.agency.code,
                "roles": sorted(row.roles),
                "clearance": row.clearance,
                "active": row.active,
                "locked": bool(row.locked_until and row.locked_until > now),
                "second_factor": bool(row.totp_secret),
            }
            for row in rows
        ]
    if as_json:
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    for r in records:
        flags = ("" if r["active"] else " inactive") + (" locked" if r["locked"] else "")
        second = " 2FA" if r["second_factor"] else ""
        click.echo(
            f"{r['username']:<24} {r['agency']:<16} {','.join(r['roles']):<28} "
            f"{r['clearance']:<10}{second}{flags}"
        )


@user.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
@click.pass_obj
def passwd(ctx: CliContext, username: str, password_stdin: bool) -> None:
    """Set a user's password. Without --password-stdin a temporary one is printed."""
    chosen = _read_password(password_stdin)
    password = chosen or accounts.temporary_password()
    with ctx.services.db.session() as session:
        actor = _administrator(ctx, session)
        target = _find(session, username)
        try:
            accounts.set_password(
                session, target, password, actor=actor, ip="cli", temporary=chosen is None
            )
        except RuleError as err:
            raise click.ClickException(in_english(err)) from err
    click.echo(f"password of {target.username} changed")
    if chosen is None:
        click.echo(f"temporary password (must be changed at next sign-in): {password}")


@user.command("unlock")
@click.argument("username")
@click.pass_obj
def unlock(ctx: CliContext, username: str) -> None:
    """Lift a lock-out after too many failed sign-ins."""
    with ctx.services.db.session() as session:
        actor = _administrator(ctx, session)
        accounts.unlock(session, _find(session, username), actor=actor, ip="cli")
    click.echo(f"{username} unlocked")


@user.group("token")
def token() -> None:
    """The acting user's API tokens (hoso --as USER user token ...)."""


@token.command("create")
@click.option("--name", required=True)
@click.option("--scope", type=click.Choice(tokens.SCOPES), default="read", show_default=True)
@click.option("--days", type=int, default=90, show_default=True, help="0: never expires.")
@click.pass_obj
def token_create(ctx: CliContext, name: str, scope: str, days: int) -> None:
    """Create a token and print its secret (shown only this once)."""
    expires = utcnow() + timedelta(days=days) if days > 0 else None
    with ctx.services.db.session() as session:
        actor = ctx.actor(session)
        try:
            created, secret = tokens.issue(
                session, actor, name, scope=scope, expires_at=expires, ip="cli"
            )
        except RuleError as err:
            raise click.ClickException(in_english(err)) from err
        click.echo(f"token {created.id} ({created.prefix}, {scope}) for {actor.username}")
    click.echo(secret)


@token.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def token_list(ctx: CliContext, as_json: bool) -> None:
    """List the acting user's tokens (never their secrets)."""
    with ctx.services.db.session() as session:
        actor = ctx.actor(session)
        rows = session.scalars(
            select(ApiToken).where(ApiToken.user_id == actor.id).order_by(ApiToken.id)
        ).all()
        now = utcnow()
        for row in rows:
            state = "revoked" if row.revoked_at else ("active" if row.active_at(now) else "expired")
            record = {
                "id": row.id,
                "name": row.name,
                "prefix": row.prefix,
                "scope": row.scope,
                "expires_at": row.expires_at.isoformat() if row.expires_at else None,
                "state": state,
            }
            if as_json:
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                click.echo(f"{row.id:>5} {row.prefix:<16} {row.scope:<10} {state:<8} {row.name}")


@token.command("revoke")
@click.argument("token_id", type=int)
@click.pass_obj
def token_revoke(ctx: CliContext, token_id: int) -> None:
    """Revoke one of the acting user's tokens."""
    with ctx.services.db.session() as session:
        actor = ctx.actor(session)
        found = get_by_key(session, ApiToken, token_id)
        if found is None or not can_manage_token(actor, found):
            raise click.ClickException(f"{actor.username} has no token {token_id}")
        tokens.revoke(session, found, actor=actor, ip="cli")
    click.echo(f"token {token_id} revoked")
