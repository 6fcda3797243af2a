"""The engine adapter against the live search node."""

from __future__ import annotations

import pytest

from indexer.engine import SearchEngine, SearchUnavailable, load_schema
from records.config import Settings

pytestmark = pytest.mark.services


def test_create_bulk_search_and_alias_swap(
    search_engine: SearchEngine, hoso_settings: Settings
) -> None:
    alias = hoso_settings.index_alias
    schema = load_schema("documents")
    first = search_engine.ensure_alias(alias, schema)
    assert search_engine.ensure_alias(alias, schema) == first  # idempotent

    errors = search_engine.bulk(
        [
            {
                "_index": alias,
                "_id": "1",
                "_source": {"id": "1", "subject": "Quyết định về phòng, chống tham nhũng"},
            },
            {
                "_index": alias,
                "_id": "2",
                "_source": {"id": "2", "subject": "Kế hoạch tiếp công dân"},
            },
            {"_index": alias, "_id": "3", "_source": {"id": "3", "no_such_field": "x"}},
        ],
        refresh=True,
    )
    assert [error.doc_id for error in errors] == ["3"]  # strict mapping refuses unknown fields

    hits = search_engine.search(alias, {"query": {"match": {"subject.folded": "tham nhung"}}})
    assert [hit["_id"] for hit in hits["hits"]["hits"]] == ["1"]
    assert search_engine.get(alias, "2")["_source"]["subject"] == "Kế hoạch tiếp công dân"
    assert search_engine.get(alias, "404") is None

    second = search_engine.new_index_name(alias, schema)
    search_engine.create_index(second, schema)
    search_engine.bulk(
        [{"_index": second, "_id": "9", "_source": {"id": "9"}}], refresh=True, require_alias=False
    )
    assert search_engine.swap_alias(alias, second) == [first]
    assert search_engine.indices_for(alias) == [second]
    assert search_engine.count(alias) == 1
    search_engine.delete_index(first)


def test_unreachable_engine_names_itself() -> None:
    engine = SearchEngine("http://127.0.0.1:9", "opensearch", timeout=2)
    with pytest.raises(SearchUnavailable, match=r"search engine at http://127.0.0.1:9"):
        engine.health()
    assert engine.ping() is False
