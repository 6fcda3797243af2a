"""Document numbers: parsing the printed form and the search keys."""

import pytest

from indexer.metadata import number_key, number_keys, number_search_keys
from indexer.metadata.numbers import parse_number


@pytest.mark.parametrize(
    "printed",
    ["1753-QC/TU", "1753/QC-TU", "1753 - QC/TU", "1753 – QC / TU", "1753/qc-tu"],
)
def test_party_and_state_forms_share_a_key(printed):
    assert number_key(printed) == "1753/QC/TU"


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("06/ 2015/QĐ-UBND", "6/2015/QĐ/UBND"),
        ("46 /VKSTC", "46/VKSTC"),
        ("329-QĐ/TW", "329/QĐ/TW"),
        ("12 /QĐ - UBND", "12/QĐ/UBND"),
        ("15/2013/QÐ-UBND", "15/2013/QĐ/UBND"),  # Icelandic eth
        ("36-HD/VPTW", "36/HD/VPTW"),
        ("10-QĐi/TW", "10/QĐI/TW"),
        ("89/TTr-CAT-PC64", "89/TTR/CAT/PC64"),
    ],
)
def test_number_key(printed, key):
    assert number_key(printed) == key


def test_ascii_variant_for_queries_typed_without_d_stroke():
    assert number_keys("15/2013/QĐ-UBND") == ["15/2013/QĐ/UBND", "15/2013/QD/UBND"]
    assert number_keys("104/KH-UBND") == ["104/KH/UBND"]


def test_search_keys_found_inside_a_query():
    assert number_search_keys("15/2013/QD-UBND") == ["15/2013/QD/UBND"]
    assert number_search_keys("quyết định 15/2013/QĐ-UBND tỉnh Thái Bình") == [
        "15/2013/QĐ/UBND",
        "15/2013/QD/UBND",
    ]
    assert number_search_keys("quy chế 1753 - QC/TU và 290-qd/tw") == ["1753/QC/TU", "290/QD/TW"]


@pytest.mark.parametrize(
    "query", ["ngày 25/5/2020", "bảo vệ bí mật nhà nước", "năm 2024", "150.000 đồng/sào"]
)
def test_no_search_key_without_a_number(query):
    assert number_search_keys(query) == []


@pytest.mark.parametrize(
    ("printed", "serial", "year", "symbol", "party", "candidate"),
    [
        ("05/2019/NQ-HĐND", "05", 2019, ("NQ", "HĐND"), False, "NQ"),
        ("12-NQ/TU", "12", None, ("NQ", "TU"), True, "NQ"),
        ("8960/VPCP-NN", "8960", None, ("VPCP", "NN"), False, "VPCP"),
        ("67-HĐBT", "67", None, ("HĐBT",), False, None),
        ("    /QĐ-UBND", None, None, ("QĐ", "UBND"), False, "QĐ"),
        ("64b-HĐBT", "64b", None, ("HĐBT",), False, None),
    ],
)
def test_parse_number(printed, serial, year, symbol, party, candidate):
    parts = parse_number(printed)
    assert (parts.serial, parts.year, parts.symbol, parts.party) == (serial, year, symbol, party)
    assert parts.type_candidate == candidate
