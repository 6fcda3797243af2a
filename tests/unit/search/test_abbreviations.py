"""The abbreviations file (schemas/abbreviations.tsv) and the query terms built from it."""

from __future__ import annotations

import pytest

from indexer.abbreviations import PATH, AbbreviationError, parse, table
from indexer.normalize import fold
from indexer.query_terms import Term, is_abbreviation, required, terms

REQUIRED = {
    "body": ["UBND", "HĐND", "VKSND", "TAND", "THADS", "TTCP", "CQĐT", "MTTQ", "BCĐ"],
    "party": ["UBKT", "BNC", "BTV", "TU", "BCH"],
    "topic": ["KNTC", "PCTN", "PCTP", "CCHC", "BMNN", "TCD"],
    "type": ["NQ", "QĐ", "CT", "KH", "BC", "TB", "KL", "HD", "CV", "TTr", "TTLT"],
}


def test_the_file_is_well_formed_and_has_hundreds_of_entries() -> None:
    entries = parse(PATH.read_text(encoding="utf-8"), PATH.name)
    assert len(entries) >= 250
    lines = {(e.short, e.expansion) for e in entries}
    assert len(lines) == len(entries), "no line twice"
    for entry in entries:
        assert entry.expansion == entry.expansion.lower(), entry
        assert fold(entry.short).lower() != fold(entry.expansion).replace(" ", ""), entry


@pytest.mark.parametrize(("kind", "shorts"), sorted(REQUIRED.items()))
def test_the_abbreviations_staff_type_are_there(kind: str, shorts: list[str]) -> None:
    kinds = {(e.short, e.kind) for e in table().entries}
    for short in shorts:
        assert (short, kind) in kinds or table().expansions(short), short


def test_both_directions_and_folded_forms() -> None:
    assert table().expansions("ubnd") == ["uy ban nhan dan"]
    assert table().expansions("UBND") == table().expansions("ủbnd")
    assert "ubnd" in table().abbreviations("Uỷ ban nhân dân")
    assert "kntc" in table().abbreviations("khieu nai to cao")
    assert set(table().expansions("CT")) >= {"chi thi"}


@pytest.mark.parametrize(
    "line",
    [
        "UBND ủy ban nhân dân body",
        "UBND\tủy ban nhân dân\tthing",
        "U B\tủy ban\tbody",
        "X\ty\tbody",
    ],
)
def test_malformed_lines_name_the_line(line: str) -> None:
    with pytest.raises(AbbreviationError, match="test:1"):
        parse(line, "test")


def test_abbreviations_are_told_from_syllables() -> None:
    assert is_abbreviation("UBND") and is_abbreviation("ubnd") and is_abbreviation("qđ")
    assert is_abbreviation("TU") and not is_abbreviation("tu")  # "từ", "tư" typed bare
    assert not is_abbreviation("ban") and not is_abbreviation("Ban")


def test_query_terms_group_names_and_expand_abbreviations() -> None:
    found = terms("kế hoạch PCTN của ủy ban nhân dân tỉnh")
    assert found[0] == Term("kế")
    assert Term("PCTN", ("phong chong tham nhung",)) in found
    assert Term("của", function=True) in found
    # Each syllable of a name is a term that the abbreviation also matches (a quarter each).
    assert Term("ủy", ("ubnd",), alternative_share=0.25) in found
    assert Term("dân", ("ubnd",), alternative_share=0.25) in found
    assert required(found) == 4  # 8 meaning-carrying syllables or abbreviations: half
    assert required(terms("tham nhũng")) == 2
    assert required(terms("quyết toán ngân sách huyện")) == 3
