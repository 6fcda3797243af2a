"""What every CLI command shares: settings, services, the acting user, clean errors.

Imports of the database, search and broker clients are made where they are used, so that
``hoso --help`` and commands that need few of them start fast.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

import click

from webapp.cli.lazy import LazyGroup

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from records.config import Settings
    from records.db import Database
    from records.models import User
    from webapp.services import Services


class HosoGroup(LazyGroup):
    """Turns a missing or stopped service into one readable line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click's own ends (``--help`` exits): no service clients to import
        except Exception as err:
            readable = _readable(err)
            if readable is None:
                raise
            raise click.ClickException(readable) from err


def _readable(err: Exception) -> str | None:
    """One line saying which service failed and how to start it, or None if not a service's."""
    import redis
    from sqlalchemy.exc import OperationalError

    from indexer.engine import SearchUnavailable
    from records.config import ConfigError
    from records.storage import StoreUnavailable

    if isinstance(err, ConfigError):
        return f"configuration: {err}"
    if isinstance(err, SearchUnavailable):
        return f"{err}\nIs the search node running? (deploy/dev/services.sh up search)"
    if isinstance(err, OperationalError):
        first = str(err.orig).strip().splitlines()[0] if err.orig else str(err)
        return f"database is not reachable: {first}"
    if isinstance(err, StoreUnavailable):
        return f"{err}\nIs the object store running? (deploy/dev/services.sh up s3)"
    if isinstance(err, redis.exceptions.ConnectionError):
        return (
            f"broker (Redis) is not reachable: {err}\n"
            "Is it running? (deploy/dev/services.sh up redis)"
        )
    return None


class CliContext:
    def __init__(self, as_user: str | None = None) -> None:
        self.as_user = as_user

    @cached_property
    def settings(self) -> Settings:
        from records.config import load_settings

        return load_settings()

    @cached_property
    def engine(self) -> Engine:
        """A Core engine alone, for reads that must start fast (``hoso doc show``): neither
        ``sqlalchemy.orm`` nor the models are imported."""
        from records.engine import make_engine

        return make_engine(self.settings.database_url)

    @cached_property
    def db(self) -> Database:
        """The database alone, for commands that need neither the search node nor the file
        store (``hoso doc text``): the search client is not imported."""
        if "services" in self.__dict__:
            return self.services.db
        from records.db import Database

        return Database(self.settings.database_url)

    @cached_property
    def services(self) -> Services:
        from webapp.services import Services

        return Services.create(self.settings)

    def actor(self, session: Session) -> User:
        """The user this command acts as: ``--as USER`` or the local administrator."""
        from sqlalchemy import select

        from records.codes import ADMIN_USERNAME
        from records.models import User

        username = self.as_user or ADMIN_USERNAME
        user = session.scalar(select(User).where(User.username == username, User.active))
        if user is None:
            raise click.ClickException(f"no active user named {username!r}")
        return user
