"""Fixtures over the real services: PostgreSQL, the search node, Redis, a Celery worker."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer import runtime
from indexer.engine import SearchEngine
from records.config import Settings, load_settings
from records.db import Database
from records.storage import open_store
from tests.support.corpus import CORPUS
from tests.support.databases import (
    BACKENDS,
    DatabaseFactory,
    PostgresDatabases,
    SqliteDatabases,
    chosen_backend,
)
from tests.support.objectstore import (
    CREDENTIALS,
    ensure_object_store,
    fresh_storage_url,
    object_store_wanted,
)
from tests.support.passwords import use_cheap_hashing
from tests.support.services import ServiceUrls, ensure_services
from tests.support.worker import Worker

# Here, not in a hook: conftests and test modules below import helpers that hash at import.
use_cheap_hashing()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        choices=BACKENDS,
        default=None,
        help="the database the tests run on (default: $HOSO_TEST_DATABASE, else postgresql)",
    )


def pytest_configure(config: pytest.Config) -> None:
    backend = chosen_backend(config.getoption("--database"))
    # Set for the whole run, so subprocesses and helpers see the same choice.
    os.environ["HOSO_TEST_DATABASE"] = backend


def pytest_report_header(config: pytest.Config) -> str:
    return f"hoso test database: {chosen_backend()}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if chosen_backend() == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL itself; this run is on SQLite")
    for item in items:
        if "postgresql" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def service_urls() -> ServiceUrls:
    return ensure_services()


@pytest.fixture(scope="session")
def test_databases(
    service_urls: ServiceUrls, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DatabaseFactory]:
    """Fresh migrated databases on the backend of this run (``--database``)."""
    if chosen_backend() == "sqlite":
        databases: DatabaseFactory = SqliteDatabases(tmp_path_factory.mktemp("sqlite"))
    else:
        databases = PostgresDatabases(service_urls)
    yield databases
    databases.close()


@pytest.fixture
def hoso_settings(
    service_urls: ServiceUrls,
    test_databases: DatabaseFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Settings]:
    """Settings of a fresh, isolated hoso: its own database, index prefix, queue and files."""
    database = test_databases.create()
    token = uuid.uuid4().hex[:10]
    env = {
        "HOSO_DATA_DIR": str(tmp_path / "data"),
        "HOSO_DATABASE_URL": database,
        "HOSO_SEARCH_URL": service_urls.search,
        "HOSO_SEARCH_INDEX_PREFIX": f"hosotest-{token}",
        "HOSO_BROKER_URL": service_urls.broker,
        "HOSO_QUEUE": f"hosotest-{token}",
        "HOSO_SECRET_KEY": "test-secret-key",
        "HOSO_ENV": "testing",
    }
    if object_store_wanted():
        ensure_object_store()
        env |= {"HOSO_STORAGE_URL": fresh_storage_url(), **CREDENTIALS}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    runtime.reset()
    settings = load_settings()
    yield settings
    runtime.reset()
    if settings.storage_url:
        open_store(settings).clear()
    engine = SearchEngine(settings.search_url, settings.search_engine)
    for index in engine.indices_for(settings.index_alias):
        engine.delete_index(index)
    test_databases.drop(database)


@pytest.fixture
def db(hoso_settings: Settings) -> Iterator[Database]:
    database = Database(hoso_settings.database_url)
    yield database
    database.dispose()


@pytest.fixture
def search_engine(hoso_settings: Settings) -> SearchEngine:
    return SearchEngine(hoso_settings.search_url, hoso_settings.search_engine)


@pytest.fixture
def worker(hoso_settings: Settings, tmp_path: Path) -> Iterator[Worker]:
    running = Worker(hoso_settings, tmp_path / "worker.log").start()
    yield running
    running.stop()


@pytest.fixture
def app(hoso_settings: Settings):
    from webapp import create_app

    application = create_app(hoso_settings)
    yield application
    application.extensions["hoso"].db.dispose()


@pytest.fixture
def client(app):
    return app.test_client()
