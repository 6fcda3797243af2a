"""Reaching the real services for tests: start them with the project's own script if needed."""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
SERVICES_SCRIPT = ROOT / "deploy" / "dev" / "services.sh"


@dataclass(frozen=True)
class ServiceUrls:
    postgres_admin: str  # a superuser URL on the server's "postgres" database
    search: str
    broker: str


def ensure_services() -> ServiceUrls:
    """Use the URLs test.sh exported, or start the local services and use their defaults."""
    urls = ServiceUrls(
        postgres_admin=os.environ.get(
            "HOSO_TEST_DATABASE_URL", "postgresql+psycopg://hoso@127.0.0.1:5479/postgres"
        ),
        search=os.environ.get("HOSO_TEST_SEARCH_URL", "http://127.0.0.1:9250"),
        broker=os.environ.get("HOSO_TEST_BROKER_URL", "redis://127.0.0.1:6479/0"),
    )
    if not os.environ.get("HOSO_TEST_SERVICES_READY"):
        env = {**os.environ, "HOSO_WITH_POSTGRES": "1"}
        for name in ("search", "redis", "postgres"):
            subprocess.run([str(SERVICES_SCRIPT), "up", name], check=True, env=env)
        os.environ["HOSO_TEST_SERVICES_READY"] = "1"
    return urls


def admin_engine(urls: ServiceUrls) -> sa.Engine:
    return sa.create_engine(urls.postgres_admin, isolation_level="AUTOCOMMIT")


def database_url(urls: ServiceUrls, name: str) -> str:
    return sa.make_url(urls.postgres_admin).set(database=name).render_as_string(hide_password=False)


#: Test databases are named ``hoso_test_<unix time>_<random>``; one a killed run left behind
#: is dropped by a later run once it is this old and nobody is connected to it.
PREFIX = "hoso_test_"
ABANDONED_AFTER_S = 6 * 3600


def create_database(urls: ServiceUrls, template: str | None = None) -> str:
    name = f"{PREFIX}{int(time.time())}_{uuid.uuid4().hex[:8]}"
    engine = admin_engine(urls)
    with engine.connect() as connection:
        suffix = f' TEMPLATE "{template}"' if template else ""
        connection.execute(sa.text(f'CREATE DATABASE "{name}"{suffix}'))
    engine.dispose()
    return name


def drop_database(urls: ServiceUrls, name: str) -> None:
    engine = admin_engine(urls)
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def drop_abandoned_databases(urls: ServiceUrls) -> list[str]:
    """Drop the test databases killed runs left behind (old and without connections)."""
    engine = admin_engine(urls)
    with engine.connect() as connection:
        names = connection.execute(
            sa.text(
                "SELECT datname FROM pg_database d WHERE datname LIKE :prefix "
                "AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid)"
            ),
            {"prefix": PREFIX.replace("_", r"\_") + "%"},
        ).scalars()
        abandoned = [name for name in names if _created(name) < time.time() - ABANDONED_AFTER_S]
        for name in abandoned:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
    engine.dispose()
    return abandoned


def _created(name: str) -> float:
    """When the database was made, from its name; a name without a time is never dropped."""
    stamp, separator, _ = name.removeprefix(PREFIX).partition("_")
    return float(stamp) if separator and stamp.isdigit() else float("inf")
