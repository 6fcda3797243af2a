"""The request bodies: where the access filter sits, facets, paging, cursors, alerts."""

from __future__ import annotations

from datetime import date

from indexer.query import (
    MAX_OFFSET,
    RESCORE_WINDOW,
    Filters,
    Page,
    decode_cursor,
    decode_page_cursor,
    effective_sort,
    encode_cursor,
    encode_page_cursor,
    match_query,
    search_body,
)
from indexer.query_parser import parse_query
from indexer.related import similar_body
from indexer.suggest import suggest_body

ACCESS = {"terms": {"confidentiality": ["thuong"]}}


def _bool(query: dict) -> dict:
    return (query["function_score"]["query"] if "function_score" in query else query)["bool"]


def test_access_and_filters_are_filter_clauses_of_the_query_itself() -> None:
    filters = Filters(doc_types=("quyet_dinh",), years=(2015,), date_from=date(2015, 1, 1))
    body = search_body(parse_query("tham nhũng"), ACCESS, filters=filters)
    clauses = _bool(body["query"])["filter"]
    assert clauses[0] == ACCESS
    assert {"terms": {"doc_type": ["quyet_dinh"]}} in clauses
    assert {"range": {"issued_date": {"gte": "2015-01-01"}}} in clauses
    assert "post_filter" not in body  # facets are counted inside the access filter too
    assert set(body["aggs"]) == {"doc_type", "agency", "issuer", "case", "confidentiality", "year"}


def test_empty_query_browses_newest_first() -> None:
    body = search_body(parse_query(""), ACCESS)
    assert _bool(body["query"]) == {"filter": [ACCESS]}
    assert body["sort"][0] == {"issued_date": {"order": "desc", "missing": "_last"}}


def test_numbers_outrank_text_and_diacritics_add_exact_clauses() -> None:
    number = _bool(search_body(parse_query("1753-QC/TU"), ACCESS)["query"])
    assert "1753/QC/TU" in str(number["must"])
    assert "intervals" in str(number["must"])  # also found where the text prints it
    folded = str(search_body(parse_query("tham nhung"), ACCESS))
    exact = str(search_body(parse_query("tham nhũng"), ACCESS))
    assert "'content':" not in folded and "'content':" in exact


def test_required_terms_grow_with_the_query_and_loose_needs_one() -> None:
    seven = parse_query("quyết toán ngân sách huyện Đông Hưng")
    recall = _bool(search_body(seven, ACCESS)["query"])["must"][0]
    assert recall["bool"]["must"][0]["bool"]["minimum_should_match"] == 4
    loose = _bool(search_body(seven, ACCESS, loose=True)["query"])["must"][0]
    assert loose["bool"]["must"][0]["bool"]["minimum_should_match"] == 1


def test_each_word_is_highlighted_as_typed() -> None:
    body = search_body(parse_query("bảo ve"), ACCESS)
    fields = body["highlight"]["fields"]
    assert "bảo" in str(fields["subject"]["highlight_query"])
    assert "ve" in str(fields["subject.folded"]["highlight_query"])
    assert "bao" not in str(fields["subject.folded"]["highlight_query"])


def test_deep_pages_use_a_cursor_and_from_is_capped() -> None:
    body = search_body(parse_query("x"), ACCESS, page=Page(number=999))
    assert body["from"] == MAX_OFFSET
    cursor = encode_cursor("relevance", [12.5, 1577836800000, "17"])
    assert decode_cursor(cursor, "relevance") == [12.5, 1577836800000, "17"]
    after = decode_cursor(cursor, "relevance")
    body = search_body(parse_query("x"), ACCESS, page=Page(after=after))
    assert body["search_after"] == [12.5, 1577836800000, "17"] and "from" not in body


def test_ranking_clauses_rescore_the_first_pages_and_never_decide_what_matches() -> None:
    query = parse_query("giải quyết khiếu nại")
    first = search_body(query, ACCESS, page=Page(number=2))
    ranking = first["rescore"]["query"]["rescore_query"]
    assert first["rescore"]["window_size"] == RESCORE_WINDOW and "sort" not in first
    assert "bigrams" in str(ranking) and "fuzziness" in str(ranking)
    assert "bigrams" not in str(first["query"]) and "fuzziness" not in str(first["query"])
    assert _bool(first["query"])["filter"][0] == ACCESS
    # Beyond the window, from a cursor and by date: first-pass order, the same query.
    beyond = search_body(query, ACCESS, page=Page(number=RESCORE_WINDOW // 20 + 1))
    cursor = search_body(query, ACCESS, page=Page(after=[1.5, 0, "3"]))
    newest = search_body(query, ACCESS, sort="newest")
    for body in (beyond, cursor, newest):
        assert "rescore" not in body and body["sort"] and body["query"] == first["query"]
    # Nothing to re-rank: no rescore.
    assert "rescore" not in search_body(parse_query("1753-QC/TU"), ACCESS)


def test_a_rescored_page_continues_from_a_page_cursor() -> None:
    cursor = encode_page_cursor("relevance", 3)
    assert decode_page_cursor(cursor, "relevance") == 3
    assert decode_cursor(cursor, "relevance") is None  # not sort values
    assert decode_page_cursor(cursor, "newest") is None  # made for another order
    assert decode_page_cursor(encode_cursor("relevance", [1.0, 0, "1"]), "relevance") is None
    for bad in (0, MAX_OFFSET + 1, True, "2"):
        assert decode_page_cursor(encode_page_cursor("relevance", bad), "relevance") is None


def test_malformed_or_foreign_cursors_are_ignored() -> None:
    good = [1577836800000, 0.0, "17"]
    assert decode_cursor(encode_cursor("newest", good), "newest") == good
    assert decode_cursor(encode_cursor("newest", good), "relevance") is None  # other order
    for bad in (
        "",
        "%%%",
        "bnVsbA",  # "null"
        "x" * 600,
        encode_cursor("newest", [{"a": 1}, 0.0, "1"]),
        encode_cursor("newest", ["2020-01-01", 0.0, "1"]),  # the engine would refuse it
        encode_cursor("newest", [True, 0.0, "1"]),
        encode_cursor("newest", list(range(9))),
    ):
        assert decode_cursor(bad, "newest") is None


def test_an_empty_query_sorts_by_date_even_when_relevance_is_asked() -> None:
    assert effective_sort(parse_query(""), "relevance") == "newest"
    assert effective_sort(parse_query("x"), "bogus") == "relevance"
    assert effective_sort(parse_query(""), "oldest") == "oldest"


def test_alert_query_is_limited_to_new_ids_and_the_owner_access() -> None:
    query = match_query(parse_query("đất đai"), ACCESS, only_ids=["4", "5"])
    assert _bool(query)["filter"] == [ACCESS, {"ids": {"values": ["4", "5"]}}]


def test_similar_and_suggest_bodies_carry_the_access_filter() -> None:
    similar = similar_body("hoso-documents", 7, ACCESS, 5)["query"]["bool"]
    assert similar["filter"] == [ACCESS]
    assert similar["must"]["more_like_this"]["include"]  # its own score is the yardstick
    suggest = suggest_body("15/20", ACCESS, 8)
    assert suggest["query"]["bool"]["filter"] == [ACCESS]
    assert "number_keys" in str(suggest["query"])
    assert "number_keys" not in str(suggest_body("quy chế", ACCESS, 8)["query"])
