import unicodedata

import pytest

from indexer.normalize import canonical_tones


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # docs/domain.md §4.2 worked examples.
        ("hoà", "hòa"),
        ("hòa", "hòa"),
        ("thuỷ", "thủy"),
        ("qúy", "quý"),
        ("khoẻ", "khỏe"),
        ("người", "người"),
        ("khuỷu", "khuỷu"),
        ("gìa", "già"),
        ("xoáy", "xoáy"),
        ("huyện", "huyện"),
        # More placements.
        ("baỏ", "bảo"),
        ("Uỷ ban", "Ủy ban"),
        ("Tuy Hoà", "Tuy Hòa"),
        ("hoàn toàn", "hoàn toàn"),
        ("quyết định", "quyết định"),
        ("huỳnh", "huỳnh"),
        ("thuở", "thuở"),
        ("ngoẹo", "ngoẹo"),
        ("hoạch", "hoạch"),
        ("giếng", "giếng"),
        ("gìn giữ", "gìn giữ"),
        ("mía múa", "mía múa"),
    ],
)
def test_worked_examples(text, expected):
    assert canonical_tones(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HOÀ", "HÒA"),
        ("THUỶ", "THỦY"),
        ("Hoà", "Hòa"),
        ("hOÀ", "hÒA"),
        ("QÚY", "QUÝ"),
        ("CỘNG HOÀ XÃ HỘI", "CỘNG HÒA XÃ HỘI"),
    ],
)
def test_case_is_kept(text, expected):
    assert canonical_tones(text) == expected


@pytest.mark.parametrize(
    "text",
    ["café", "réussi", "naïve", "Pokémon", "hoàbình", "ÀÉÎ", "QĐ-UBND", "12/2020/NĐ-CP", "Đắk Lắk"],
)
def test_non_vietnamese_tokens_are_left_alone(text):
    assert canonical_tones(text) == text


def test_runs_touching_a_leftover_combining_mark_are_left_alone():
    # NFC cannot put a second tone on Ỵ; moving the dot below would let the grave compose.
    assert canonical_tones("AỴ\u0300") == "AỴ\u0300"


def test_decomposed_input_comes_back_composed():
    assert canonical_tones(unicodedata.normalize("NFD", "Thuỷ lợi hoà bình")) == "Thủy lợi hòa bình"
