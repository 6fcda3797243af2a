"""Fixtures over the real services: PostgreSQL, the search node, Redis, a Celery worker."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer import runtime
from indexer.engine import SearchEngine
from records import migrate
from records.config import Settings, load_settings
from records.db import Database
from records.storage import open_store
from tests.support.objectstore import (
    CREDENTIALS,
    ensure_object_store,
    fresh_storage_url,
    object_store_wanted,
)
from tests.support.services import (
    ServiceUrls,
    create_database,
    database_url,
    drop_database,
    ensure_services,
)
from tests.support.worker import Worker

#: The shared test corpus (HOSO_TEST_CORPUS overrides it, e.g. from a git worktree).
CORPUS = Path(
    os.environ.get("HOSO_TEST_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus")
)


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def service_urls() -> ServiceUrls:
    return ensure_services()


@pytest.fixture(scope="session")
def pg_template(service_urls: ServiceUrls) -> Iterator[str]:
    """A migrated database that each test copies (CREATE DATABASE ... TEMPLATE)."""
    name = create_database(service_urls)
    migrate.upgrade(database_url(service_urls, name))
    yield name
    drop_database(service_urls, name)


@pytest.fixture
def hoso_settings(
    service_urls: ServiceUrls, pg_template: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """Settings of a fresh, isolated hoso: its own database, index prefix, queue and files."""
    db_name = create_database(service_urls, template=pg_template)
    token = uuid.uuid4().hex[:10]
    env = {
        "HOSO_DATA_DIR": str(tmp_path / "data"),
        "HOSO_DATABASE_URL": database_url(service_urls, db_name),
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
    drop_database(service_urls, db_name)


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
