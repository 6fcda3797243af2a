"""``hoso db``: schema migrations."""

from __future__ import annotations

import click

from records import migrate
from webapp.cli.context import CliContext


@click.group()
def db() -> None:
    """Database schema (Alembic migrations)."""


@db.command()
@click.argument("revision", default="head")
@click.pass_obj
def upgrade(ctx: CliContext, revision: str) -> None:
    """Migrate the database up to REVISION (default: the newest)."""
    migrate.upgrade(ctx.settings.database_url, revision)
    click.echo(f"database at revision {revision}")


@db.command()
@click.argument("revision")
@click.pass_obj
def downgrade(ctx: CliContext, revision: str) -> None:
    """Migrate the database down to REVISION ("base" empties it)."""
    migrate.downgrade(ctx.settings.database_url, revision)
    click.echo(f"database at revision {revision}")
