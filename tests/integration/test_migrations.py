"""Migrations go up and down on both databases; the audit log refuses changes on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from records import migrate
from records.models import Base
from tests.support.services import ServiceUrls, create_database, database_url, drop_database

pytestmark = pytest.mark.services


def _tables(url: str) -> set[str]:
    engine = sa.create_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def _round_trip(url: str) -> None:
    migrate.upgrade(url)
    assert _tables(url) == set(Base.metadata.tables)
    migrate.downgrade(url, "base")
    assert _tables(url) == set()
    migrate.upgrade(url)
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        codes = connection.execute(sa.text("SELECT code FROM agencies ORDER BY id")).scalars().all()
    engine.dispose()
    assert codes[:2] == ["noi_chinh", "to_chuc"] and len(codes) == 10


def test_sqlite_up_down_up(tmp_path: Path) -> None:
    _round_trip(f"sqlite:///{tmp_path / 'hoso.db'}")


@pytest.mark.postgresql
def test_postgresql_up_down_up(service_urls: ServiceUrls) -> None:
    name = create_database(service_urls)
    try:
        _round_trip(database_url(service_urls, name))
    finally:
        drop_database(service_urls, name)


@pytest.mark.postgresql
def test_schema_matches_models_on_both_databases(tmp_path: Path, service_urls: ServiceUrls) -> None:
    """Autogenerate finds nothing to do: the migrations build exactly the models' schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    name = create_database(service_urls)
    try:
        for url in (f"sqlite:///{tmp_path / 'cmp.db'}", database_url(service_urls, name)):
            migrate.upgrade(url)
            engine = sa.create_engine(url)
            with engine.connect() as connection:
                diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
            engine.dispose()
            assert diff == [], f"{url.split(':')[0]}: {diff}"
    finally:
        drop_database(service_urls, name)


@pytest.mark.postgresql
def test_audit_log_is_append_only_on_postgresql(service_urls: ServiceUrls) -> None:
    name = create_database(service_urls)
    url = database_url(service_urls, name)
    try:
        migrate.upgrade(url)
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO audit_events (at, username, agency_code, action, object_type,"
                    " object_id, outcome, ip, level, detail)"
                    " VALUES (now(), 'a', 'noi_chinh', 'login', '', '', 'ok', '', 'thuong', '{}')"
                )
            )
        for statement in ("UPDATE audit_events SET outcome = 'denied'", "DELETE FROM audit_events"):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
                connection.execute(sa.text(statement))
        with engine.connect() as connection:
            assert connection.execute(sa.text("SELECT outcome FROM audit_events")).scalar() == "ok"
        engine.dispose()
    finally:
        drop_database(service_urls, name)
