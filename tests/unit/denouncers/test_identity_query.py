"""The original text of a denunciation's documents is read only inside the identity filter."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from indexer.query import ORIGINAL, identity_highlight_body, search_body
from indexer.query_parser import parse_query
from indexer.related import similar_body
from indexer.suggest import suggest_body

ACCESS = {"terms": {"confidentiality": ["thuong"]}}
IDENTITY = {"terms": {"identity_readers": ["handler:7:noi_chinh"]}}
QUERIES = ["Nguyễn Văn An", '"Trần Thị Bích" tố cáo', "đất đai OR xây dựng", "chỉ thị năm 2015"]


def unguarded(node: Any, guarded: bool = False) -> Iterator[str]:
    """Paths to every clause naming the original text outside a bool filtered by IDENTITY."""
    if isinstance(node, dict):
        if node.get("bool", {}).get("filter") and IDENTITY in node["bool"]["filter"]:
            guarded = True
        for key, value in node.items():
            if key.startswith(ORIGINAL) and not guarded:
                yield key
            yield from unguarded(value, guarded)
    elif isinstance(node, list):
        for item in node:
            yield from unguarded(item, guarded)


@pytest.mark.parametrize("text", QUERIES)
def test_without_the_filter_nothing_reads_the_original(text: str) -> None:
    bodies = [
        search_body(parse_query(text), ACCESS),
        suggest_body(text, ACCESS, 8),
        similar_body("hoso-documents", 1, ACCESS, 10),
    ]
    assert all(ORIGINAL not in json.dumps(body) for body in bodies)


@pytest.mark.parametrize("text", QUERIES)
def test_with_the_filter_the_original_is_read_only_inside_it(text: str) -> None:
    body = search_body(parse_query(text), ACCESS, identity=IDENTITY)
    assert ORIGINAL in json.dumps(body["query"])
    assert list(unguarded(body["query"])) == []
    assert ORIGINAL not in json.dumps(body.get("highlight", {}))  # hits highlight masked text
    assert ORIGINAL not in json.dumps(body["_source"])


def test_original_passages_come_from_a_request_limited_to_the_filter_and_the_hits() -> None:
    body = identity_highlight_body(parse_query("Bích Ngọc"), ACCESS, IDENTITY, ["4", "9"])
    assert body["query"]["bool"]["filter"] == [ACCESS, IDENTITY, {"ids": {"values": ["4", "9"]}}]
    assert body["_source"] is False and body["size"] == 2
