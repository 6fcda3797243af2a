import sys
import unicodedata

import pytest

from indexer.normalize import fold, has_diacritics, normalize_text


def test_nfc_and_tone_placement():
    assert normalize_text(unicodedata.normalize("NFD", "Cộng hoà xã hội")) == "Cộng hòa xã hội"
    assert normalize_text("Uỷ ban nhân dân tỉnh Thái Bình. QĐ-UBND") == (
        "Ủy ban nhân dân tỉnh Thái Bình. QĐ-UBND"
    )


def test_eth_lookalikes_become_d_with_stroke():
    assert normalize_text("Ðảm baỏ ðúng") == "Đảm bảo đúng"


def test_spaces_dashes_and_invisible_characters():
    assert normalize_text("Số:\u00a012/QĐ\u2013UBND") == "Số: 12/QĐ-UBND"
    assert normalize_text("a\u2003\u202fb\u3000c") == "a b c"
    assert normalize_text("Việt\u200bNam\ufeff \u00adx\u200d") == "ViệtNam x"
    assert normalize_text("a\x00b\x07c\x1bd\x7f") == "abcd"
    assert normalize_text("a\tb\fc") == "a\tb\fc"


def test_line_breaks_are_kept_and_spaces_collapsed():
    assert normalize_text("  Điều 1.   Phạm vi  \r\n\r\n  Điều 2.\rHết ") == (
        "Điều 1. Phạm vi\n\nĐiều 2.\nHết"
    )
    assert normalize_text("a\u2028b\u2029c\vd\x85e") == "a\nb\nc\nd\ne"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ng-\nười dân", "người dân"),  # the joined result is a syllable
        ("NG-\nƯỜI DÂN", "NGƯỜI DÂN"),
        ("docu-\nment", "document"),  # letter-hyphen, lower-case next line
        ("Độc lập -\nTự do - Hạnh phúc", "Độc lập -\nTự do - Hạnh phúc"),
        ("Độc lập-\nTự do", "Độc lập-\nTự do"),
        ("QĐ-\nUBND", "QĐ-\nUBND"),
        ("kinh tế-\nxã hội", "kinh tế-\nxã hội"),  # two whole syllables: a real hyphen
        ("12-\n2020", "12-\n2020"),
        ("Mác-\nLênin", "Mác-\nLênin"),
    ],
)
def test_words_broken_at_line_end(text, expected):
    assert normalize_text(text) == expected


def test_a_line_end_hyphen_is_found_by_its_two_neighbours_only():
    """The pattern never spans a word, so a long word is not scanned again from each of its
    letters (which made ``clean_text`` quadratic in the word's length)."""
    from indexer.normalize.text import _LINE_END_HYPHEN

    text = "12docu-\nment x-\n1 y-\nZ -\nb"
    assert [m.span() for m in _LINE_END_HYPHEN.finditer(text)] == [(6, 8), (19, 21)]


def test_a_very_long_word_is_kept_whole_and_joined_whole():
    from indexer.normalize import clean_text

    word = "nguyễn" * 20_000
    assert clean_text(word) == word
    assert clean_text(f"{word}-\nx {word}") == f"{word}x {word}"


def test_the_longest_syllables_are_within_the_length_checked() -> None:
    from indexer.normalize.syllable import LONGEST, is_valid_syllable

    assert [len(w) for w in ("nghiêng", "NGHIẾNG", "nghiệp") if is_valid_syllable(w)] == [
        LONGEST,
        LONGEST,
        LONGEST - 1,
    ]
    assert not is_valid_syllable("nghiêngg")


def test_a_long_run_of_broken_words_is_joined_whole():
    """Each join lets the next one be decided ("xyz" + "tế" is no syllable, so the run is one
    broken word): many rounds, each deciding only the hyphens next to the last joins."""
    from indexer.normalize import clean_text

    assert clean_text("xyz-\n" + "tế-\n" * 20_000 + "tế") == "xyz" + "tế" * 20_001
    assert clean_text("kinh-\ntế") == "kinh-\ntế"
    assert clean_text("x-\nkinh-\ntế") == "xkinhtế"  # "xkinh" is no syllable: a second round


def test_already_normal_text_is_unchanged():
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    assert normalize_text(text) == text


def test_every_format_and_control_character_is_dropped():
    kept = {"\t", "\n", "\f", "\r", "\v", "\x85"}
    invisible = [
        chr(point)
        for point in range(sys.maxunicode + 1)
        if unicodedata.category(chr(point)) in ("Cc", "Cf") and chr(point) not in kept
    ]
    assert normalize_text("a" + "".join(invisible) + "b") == "ab"


def test_every_space_separator_becomes_a_space():
    spaces = [chr(p) for p in range(sys.maxunicode + 1) if unicodedata.category(chr(p)) == "Zs"]
    assert len(spaces) > 10
    for space in spaces:
        assert normalize_text(f"a{space}b") == "a b"
    assert normalize_text("a" + "".join(spaces) + "b") == "a b"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ủy ban nhân dân tỉnh ĐẢNG", "uy ban nhan dan tinh dang"),
        ("Quyết định số 12/QĐ-UBND", "quyet dinh so 12/qd-ubnd"),
        ("Thuỷ lợi, hoà bình", "thuy loi, hoa binh"),
        (unicodedata.normalize("NFD", "Nguyễn Thị Ánh"), "nguyen thi anh"),
        ("Ðức", "duc"),
        ("ăâêôơư ĂÂÊÔƠƯ", "aaeoou aaeoou"),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễn", True),
        ("đi", True),
        ("Đ", True),
        (unicodedata.normalize("NFD", "hòa"), True),
        ("Nguyen Van A", False),
        ("QD-UBND 12/2020", False),
        ("", False),
    ],
)
def test_has_diacritics(text, expected):
    assert has_diacritics(text) is expected


def test_clean_text_keeps_the_printed_tone_placement() -> None:
    from indexer.normalize import clean_text

    printed = "UỶ BAN NHÂN DÂN TỈNH PHÚ YÊN\nTuy Hoà,\u00a0ngày 05 tháng 3 năm 2024"
    assert clean_text(printed) == "UỶ BAN NHÂN DÂN TỈNH PHÚ YÊN\nTuy Hoà, ngày 05 tháng 3 năm 2024"
    assert (
        normalize_text(printed) == "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN\nTuy Hòa, ngày 05 tháng 3 năm 2024"
    )
