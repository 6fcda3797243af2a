"""Fresh, migrated databases for tests, on PostgreSQL (the default) or SQLite.

``HOSO_TEST_DATABASE=sqlite`` (or ``pytest --database=sqlite``) runs the tests on SQLite
files, the default of ``hoso run``; otherwise each test gets a PostgreSQL database copied
from a migrated template. Either way a database is migrated once per test session and
copied for each test, so a copy costs milliseconds.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa

from records import migrate
from tests.support.services import (
    ServiceUrls,
    create_database,
    database_url,
    drop_abandoned_databases,
    drop_database,
)

BACKENDS = ("postgresql", "sqlite")
#: The environment variable that chooses the backend (the pytest option overrides it).
BACKEND_VARIABLE = "HOSO_TEST_DATABASE"


def chosen_backend(option: str | None = None) -> str:
    backend = (option or os.environ.get(BACKEND_VARIABLE) or "postgresql").strip().lower()
    if backend not in BACKENDS:
        choices = ", ".join(BACKENDS)
        raise ValueError(f"{BACKEND_VARIABLE} must be one of {choices}, not {backend!r}")
    return backend


class DatabaseFactory(Protocol):
    backend: str

    def create(self) -> str:
        """A new migrated, empty database; its SQLAlchemy URL."""

    def wipe(self, url: str) -> None:
        """Make the database at ``url`` migrated and empty again (nobody may be connected)."""

    def drop(self, url: str) -> None: ...

    def close(self) -> None: ...


class PostgresDatabases:
    """Databases made with ``CREATE DATABASE ... TEMPLATE`` from one migrated template."""

    backend = "postgresql"

    def __init__(self, urls: ServiceUrls) -> None:
        self.urls = urls
        drop_abandoned_databases(urls)
        self.template = create_database(urls)
        migrate.upgrade(database_url(urls, self.template))

    def create(self) -> str:
        return database_url(self.urls, create_database(self.urls, template=self.template))

    def wipe(self, url: str) -> None:
        name = sa.make_url(url).database
        drop_database(self.urls, name)
        engine = sa.create_engine(self.urls.postgres_admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"'))
        engine.dispose()

    def drop(self, url: str) -> None:
        drop_database(self.urls, sa.make_url(url).database)

    def close(self) -> None:
        drop_database(self.urls, self.template)


class SqliteDatabases:
    """SQLite files copied from one migrated template file."""

    backend = "sqlite"

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.template = directory / "template.db"
        migrate.upgrade(self._url(self.template))

    @staticmethod
    def _url(path: Path) -> str:
        return f"sqlite:///{path}"

    def create(self) -> str:
        path = self.directory / f"hoso_test_{uuid.uuid4().hex[:12]}.db"
        shutil.copyfile(self.template, path)
        return self._url(path)

    def wipe(self, url: str) -> None:
        path = Path(sa.make_url(url).database)
        self._remove(path)
        shutil.copyfile(self.template, path)

    def drop(self, url: str) -> None:
        self._remove(Path(sa.make_url(url).database))

    def close(self) -> None:
        self._remove(self.template)

    @staticmethod
    def _remove(path: Path) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
