"""One search world (database, index, users, documents) shared by the tests of this folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.databases import DatabaseFactory
from tests.support.search_world import World, running_world
from tests.support.services import ServiceUrls


@pytest.fixture(scope="package")
def world(
    service_urls: ServiceUrls,
    test_databases: DatabaseFactory,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[World]:
    world_dir = tmp_path_factory.mktemp("search-world")
    with running_world(service_urls, test_databases, world_dir) as w:
        yield w
