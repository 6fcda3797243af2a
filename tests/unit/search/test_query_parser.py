"""The search-box parser: phrases, exclusions, OR, numbers, years, types; never an error."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.query import Filters, Page, search_body
from indexer.query_parser import MAX_QUERY_CHARS, MAX_UNITS, Unit, parse_query

ACCESS = {"term": {"owner_agency": "noi_chinh"}}


def test_plain_words_are_normalised_to_one_tone_placement() -> None:
    parsed = parse_query("  thuỷ   lợi Hoà Bình ")
    assert parsed.words == "thủy lợi Hòa Bình"
    assert parsed.exact and not parse_query("thuy loi").exact


def test_quoted_phrases_and_exclusions() -> None:
    parsed = parse_query('"quy chế phát ngôn" báo chí -"Khánh Hòa" -nháp')
    assert parsed.phrases == (Unit("quy chế phát ngôn", phrase=True),)
    assert parsed.words == "báo chí"
    assert parsed.excluded == (Unit("Khánh Hòa", phrase=True), Unit("nháp"))
    assert "Khánh" not in parsed.scoring_text


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("tham nhũng OR lãng phí", [("tham nhũng", "lãng phí")]),
        ('"đất đai" tham nhũng OR lãng phí', [("tham nhũng", "lãng phí")]),
        ("a OR b OR c", [("a", "b", "c")]),
    ],
)
def test_or_joins_runs_of_words_not_syllables(text: str, groups: list[tuple[str, ...]]) -> None:
    parsed = parse_query(text)
    assert [tuple(unit.text for unit in group) for group in parsed.any_of] == groups


@pytest.mark.parametrize(
    "text",
    ['"unclosed phrase', "OR", "OR x OR", '- -- "" OR', '""', "-", '-"', "((]]", "\x00\u200b"],
)
def test_malformed_input_is_read_leniently(text: str) -> None:
    parsed = parse_query(text)
    body = search_body(parsed, ACCESS)
    json.dumps(body)
    assert body["query"]  # something valid to send, never an exception


def test_unclosed_quote_runs_to_the_end() -> None:
    assert parse_query('tố cáo "đảng viên kê khai').phrases == (
        Unit("đảng viên kê khai", phrase=True),
    )


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("1753-QC/TU", ("1753/QC/TU",)),
        ("1753/QC-TU", ("1753/QC/TU",)),
        ("Số 1753 - QC/TU", ("1753/QC/TU",)),
        ("15/2013/QĐ-UBND", ("15/2013/QĐ/UBND", "15/2013/QD/UBND")),
        ("15/2013/qd-ubnd", ("15/2013/QD/UBND",)),
        ("văn bản 08/CT-UBND về ngân sách", ("8/CT/UBND",)),
    ],
)
def test_document_numbers_are_recognised(text: str, keys: tuple[str, ...]) -> None:
    parsed = parse_query(text)
    assert [number.keys for number in parsed.numbers] == [keys]
    assert not any(ch.isdigit() for ch in parsed.words)  # the number left the free text


@pytest.mark.parametrize(
    ("text", "serial", "letters", "year", "words"),
    [
        ("số 45 BC BNCTU", "45", ("bc", "bnctu"), None, ""),
        ("BC 45/BNC", "45", ("bc", "bnc"), None, ""),
        ("KL 12/UBKT", "12", ("kl", "ubkt"), None, ""),
        ("QĐ 97 TW 2023", "97", ("qd", "tw"), 2023, ""),
        ("cv 8960 VPCP", "8960", ("cv", "vpcp"), None, ""),
        ("chỉ thị 35 BCT", "35", ("bct",), None, "chỉ thị"),
        ("87/2016/TTLT-BTC-BTNMT", "87", ("ttlt", "btc", "btnmt"), 2016, ""),
    ],
)
def test_numbers_in_odd_forms_are_split_into_their_parts(
    text: str, serial: str, letters: tuple[str, ...], year: int | None, words: str
) -> None:
    parsed = parse_query(text)
    [number] = parsed.numbers
    assert (number.serial, number.letters, number.year) == (serial, letters, year)
    assert parsed.words == words


def test_serial_after_so_and_dates_that_are_not_numbers() -> None:
    assert [n.serial for n in parse_query("số 1753").numbers] == ["1753"]
    tail = parse_query("so 1753 tham nhung")
    assert [n.serial for n in tail.numbers] == ["1753"] and tail.words == "tham nhung"
    dated = parse_query("chỉ thị ngày 25/5/2020")
    assert dated.numbers == () and "25/5/2020" in dated.words
    assert parse_query("UBND 2023").numbers == ()  # a body and a year, not a number


def test_question_phrases_are_dropped() -> None:
    assert parse_query("văn bản nào quy định tiếp công dân").words == "quy định tiếp công dân"
    assert parse_query("thời hạn giải quyết khiếu nại là bao lâu").words == (
        "thời hạn giải quyết khiếu nại là"
    )
    assert parse_query("ke khai tai san la gi").words == "ke khai tai san"


def test_year_after_nam_leaves_the_text() -> None:
    parsed = parse_query("kết luận thanh tra năm 2020")
    assert parsed.years == (2020,) and parsed.words == "kết luận thanh tra"
    assert parse_query("báo cáo 2019").years == (2019,)


def test_leading_type_name_and_type_only_queries() -> None:
    assert parse_query("chỉ thị năm 2015").doc_types == ("chi_thi",)
    assert parse_query("chỉ thị năm 2015").type_only
    assert parse_query("ket luan thanh tra nam 2020").doc_types == ("ket_luan_thanh_tra",)
    topic = parse_query("kế hoạch phòng chống tham nhũng")
    assert topic.doc_types == ("ke_hoach",) and not topic.type_only
    assert parse_query("phòng chống tham nhũng").doc_types == ()


def test_named_bodies_are_recognised() -> None:
    assert parse_query("Ban Dân vận").agencies == ("dan_van",)
    assert parse_query("vien kiem sat").agencies == ("vien_kiem_sat",)


def test_length_and_unit_count_are_capped() -> None:
    parsed = parse_query('"a" ' * 1000)
    assert len(parsed.raw) == MAX_QUERY_CHARS
    assert len(parsed.phrases) <= MAX_UNITS


def _strings_in(node: object) -> list[object]:
    """Every value under a "query" key of the body (match, match_phrase...)."""
    found: list[object] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "query" and not isinstance(value, dict):
                found.append(value)
            found += _strings_in(value)
    elif isinstance(node, list):
        for item in node:
            found += _strings_in(item)
    return found


def _access_is_inside(body: dict) -> bool:
    query = body["query"]
    scored = query["function_score"]["query"] if "function_score" in query else query
    return scored["bool"]["filter"][0] == ACCESS


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from(list('"-OR /đĐăâêôơưàảãáạ0123456789QĐUBND ')),
        ),
        max_size=200,
    ),
    sort=st.sampled_from(["relevance", "newest", "oldest", "bogus"]),
    page=st.integers(min_value=1, max_value=10_000),
)
def test_any_string_gives_a_valid_body_with_the_access_filter_inside(
    text: str, sort: str, page: int
) -> None:
    parsed = parse_query(text)
    body = search_body(parsed, ACCESS, sort=sort, page=Page(number=page))
    json.dumps(body)  # serialisable: no sets, no objects
    assert _access_is_inside(body)
    assert body["from"] <= 1000 and body["size"] == 20
    for value in _strings_in(body):
        assert isinstance(value, str) and value.strip(), body


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["doc_types", "years", "date_from", "cases", "x"]),
                       st.one_of(st.text(max_size=20), st.lists(st.text(max_size=10)),
                                 st.integers())))  # fmt: skip
def test_filters_from_any_mapping_never_fail(data: dict) -> None:
    filters = Filters.from_dict(data)
    assert Filters.from_dict(filters.to_dict()) == filters
