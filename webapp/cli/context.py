"""What every CLI command shares: settings, services, the acting user, clean errors."""

from __future__ import annotations

from functools import cached_property
from typing import Any

import click
import redis
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from indexer.engine import SearchUnavailable
from records.accounts import ADMIN_USERNAME
from records.config import ConfigError, Settings, load_settings
from records.models import User
from records.storage import StoreUnavailable
from webapp.services import Services


class HosoGroup(click.Group):
    """Turns a missing or stopped service into one readable line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as err:
            raise click.ClickException(f"configuration: {err}") from err
        except SearchUnavailable as err:
            raise click.ClickException(
                f"{err}\nIs the search node running? (deploy/dev/services.sh up search)"
            ) from err
        except OperationalError as err:
            first = str(err.orig).strip().splitlines()[0] if err.orig else str(err)
            raise click.ClickException(f"database is not reachable: {first}") from err
        except StoreUnavailable as err:
            raise click.ClickException(
                f"{err}\nIs the object store running? (deploy/dev/services.sh up s3)"
            ) from err
        except redis.exceptions.ConnectionError as err:
            raise click.ClickException(
                f"broker (Redis) is not reachable: {err}\n"
                "Is it running? (deploy/dev/services.sh up redis)"
            ) from err


class CliContext:
    def __init__(self, as_user: str | None = None) -> None:
        self.as_user = as_user

    @cached_property
    def settings(self) -> Settings:
        return load_settings()

    @cached_property
    def services(self) -> Services:
        return Services.create(self.settings)

    def actor(self, session: Session) -> User:
        """The user this command acts as: ``--as USER`` or the local administrator."""
        username = self.as_user or ADMIN_USERNAME
        user = session.scalar(select(User).where(User.username == username, User.active))
        if user is None:
            raise click.ClickException(f"no active user named {username!r}")
        return user
