"""One search world (database, index, users, documents) shared by the tests of this folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.search_world import World, running_world
from tests.support.services import ServiceUrls


@pytest.fixture(scope="package")
def world(
    service_urls: ServiceUrls, pg_template: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    with running_world(service_urls, pg_template, tmp_path_factory.mktemp("search-world")) as w:
        yield w
