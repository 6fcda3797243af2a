"""One hoso for the access tests: its own database, index, files and app (package scope)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from indexer import pipeline, runtime
from indexer.engine import SearchEngine
from records.config import load_settings
from records.db import Database
from tests.access.harness import Harness
from tests.access.world import build
from tests.support.databases import DatabaseFactory
from tests.support.services import ServiceUrls


@pytest.fixture(scope="package")
def harness(
    service_urls: ServiceUrls,
    test_databases: DatabaseFactory,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Harness]:
    from webapp import create_app

    database = test_databases.create()
    token = uuid.uuid4().hex[:10]
    with pytest.MonkeyPatch.context() as env:
        for key, value in {
            "HOSO_DATA_DIR": str(tmp_path_factory.mktemp("matrix")),
            "HOSO_DATABASE_URL": database,
            "HOSO_SEARCH_URL": service_urls.search,
            "HOSO_SEARCH_INDEX_PREFIX": f"hosotest-{token}",
            "HOSO_BROKER_URL": service_urls.broker,
            "HOSO_QUEUE": f"hosotest-{token}",
            "HOSO_SECRET_KEY": "test-secret-key",
            "HOSO_ENV": "testing",
        }.items():
            env.setenv(key, value)
        runtime.reset()
        settings = load_settings()
        db = Database(settings.database_url)
        engine = SearchEngine(settings.search_url, settings.search_engine)
        world = build(db)
        indexed = pipeline.index([ref.id for ref in world.documents])
        assert len(indexed) == len(world.documents)
        engine.refresh(settings.index_alias)
        app = create_app(settings)
        running = Harness(app, db, settings, engine, world)
        try:
            yield running
        finally:
            running.session.close()
            app.extensions["hoso"].db.dispose()
            db.dispose()
            for index in engine.indices_for(settings.index_alias):
                engine.delete_index(index)
            runtime.reset()
            test_databases.drop(database)
