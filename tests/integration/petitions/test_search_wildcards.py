"""A petition search for "%" or "_" looks for those characters, not for everything."""

from __future__ import annotations

import pytest

from records.petitions import queries
from tests.integration.petitions.conftest import World
from tests.support.petitions import petition

pytestmark = pytest.mark.services


def test_percent_and_underscore_are_characters_not_wildcards(world: World) -> None:
    petition(world.session, world.clerk, world.ctx, kind="khieu_nai", register_no="KN-1")
    marked = petition(world.session, world.clerk, world.ctx, kind="khieu_nai", register_no="50%_A")

    def found(text: str) -> set[str]:
        query = queries.select_petitions(world.leader, queries.Filters(text=text), world.ctx)
        return {p.register_no for p in world.session.scalars(query)}

    assert found("%") == {"50%_A"}
    assert found("_") == {"50%_A"}
    assert found("K_-1") == set()
    assert found("kn-1") == {"KN-1"}
    assert marked.id
