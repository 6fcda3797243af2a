import shutil
import subprocess
import unicodedata

import pytest

from indexer.normalize import decode_run, detect_legacy, font_encoding, is_uppercase_font, repair
from indexer.normalize.tcvn3 import decode_tcvn3
from indexer.normalize.vni import decode_vni

TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
QUALITY = "ăâêôơư"
# The 66 lower-case vowels with a diacritic, plus đ: 67 letters, 134 with the capitals.
LOWER_LETTERS = [
    unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in TONES
] + [*QUALITY, "đ"]
ALL_LETTERS = LOWER_LETTERS + [letter.upper() for letter in LOWER_LETTERS]

needs_iconv = pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv not found")


def iconv(data: bytes, source: str, target: str) -> bytes:
    return subprocess.run(
        ["iconv", "-f", source, "-t", target], input=data, capture_output=True, check=True
    ).stdout


def test_letter_inventory():
    assert len(set(ALL_LETTERS)) == 134


# --- TCVN3 ----------------------------------------------------------------------------------


@needs_iconv
@pytest.mark.parametrize("byte", [b for b in range(1, 256) if b not in (0x0A, 0x0D)])
def test_tcvn3_every_byte_matches_glibc(byte):
    expected = unicodedata.normalize(
        "NFC", iconv(bytes([byte]), "TCVN5712-1", "UTF-8").decode("utf-8")
    )
    assert decode_tcvn3(chr(byte)) == expected


@needs_iconv
def test_tcvn3_round_trip_of_all_134_letters_through_glibc():
    for letter in ALL_LETTERS:
        encoded = iconv(letter.encode("utf-8"), "UTF-8", "TCVN5712-1")
        assert len(encoded) == 1, letter
        assert decode_tcvn3(encoded.decode("latin-1")) == letter


def test_tcvn3_uppercase_font_turns_lower_codes_into_capitals():
    lower_codes = decode_tcvn3("µ¶·¸¹¨»¼½¾Æ©ÇÈÉÊË®")
    assert decode_tcvn3("µ¶·¸¹¨»¼½¾Æ©ÇÈÉÊË®", uppercase=True) == lower_codes.upper()
    assert decode_tcvn3("ñY BAN NH©N D©N", uppercase=True) == "ỦY BAN NHÂN DÂN"
    assert decode_tcvn3("QUYÕT ®ÞNH", uppercase=True) == "QUYẾT ĐỊNH"


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Uû ban nh©n d©n tØnh Th¸i B×nh. Q§-UBND", "Uỷ ban nhân dân tỉnh Thái Bình. QĐ-UBND"),
        ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("h\xadíng dÉn", "hướng dẫn"),  # ư is 0xAD, the soft hyphen
        ("a\xb3 o\xb4", "á ọ"),  # combining tone marks 0xB0-0xB4
    ],
)
def test_tcvn3_samples(legacy, unicode):
    assert decode_tcvn3(legacy) == unicode


def test_tcvn3_windows1252_characters():
    # Curly quotes, dashes and the ellipsis stay punctuation unless the word needs a capital.
    assert decode_tcvn3("“Céng hßa” – …") == "“Cộng hòa” – …"
    assert decode_tcvn3("žy ban") == "Ủy ban"  # Word showed VN1 byte 0x9E as ž
    assert decode_tcvn3("–C") == "ỌC"
    assert decode_tcvn3("™ ®©u") == "Ở đâu"
    assert decode_tcvn3("\x9ey") == "Ủy"  # raw C1 character


# --- VNI ------------------------------------------------------------------------------------

# Lower-case VNI-Windows spelling of every letter, written out from the published VNI table.
VNI_LOWER = {
    "à": "aø", "ả": "aû", "ã": "aõ", "á": "aù", "ạ": "aï",
    "ă": "aê", "ằ": "aè", "ẳ": "aú", "ẵ": "aü", "ắ": "aé", "ặ": "aë",
    "â": "aâ", "ầ": "aà", "ẩ": "aå", "ẫ": "aã", "ấ": "aá", "ậ": "aä",
    "è": "eø", "ẻ": "eû", "ẽ": "eõ", "é": "eù", "ẹ": "eï",
    "ê": "eâ", "ề": "eà", "ể": "eå", "ễ": "eã", "ế": "eá", "ệ": "eä",
    "ì": "ì", "ỉ": "æ", "ĩ": "ó", "í": "í", "ị": "ò",
    "ò": "oø", "ỏ": "oû", "õ": "oõ", "ó": "où", "ọ": "oï",
    "ô": "oâ", "ồ": "oà", "ổ": "oå", "ỗ": "oã", "ố": "oá", "ộ": "oä",
    "ơ": "ô", "ờ": "ôø", "ở": "ôû", "ỡ": "ôõ", "ớ": "ôù", "ợ": "ôï",
    "ù": "uø", "ủ": "uû", "ũ": "uõ", "ú": "uù", "ụ": "uï",
    "ư": "ö", "ừ": "öø", "ử": "öû", "ữ": "öõ", "ứ": "öù", "ự": "öï",
    "ỳ": "yø", "ỷ": "yû", "ỹ": "yõ", "ý": "yù", "ỵ": "î",
    "đ": "ñ",
}  # fmt: skip


def test_vni_table_covers_all_letters():
    assert sorted(VNI_LOWER) == sorted(LOWER_LETTERS)


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_vni_every_letter(letter):
    spelling = VNI_LOWER.get(letter) or VNI_LOWER[letter.lower()].upper()
    assert decode_vni(spelling) == letter
    assert decode_vni(f"x{spelling}n") == f"x{letter}n"


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Vieät", "Việt"),
        ("chaøo", "chào"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("UÛY BAN NHAÂN DAÂN TÆNH KHAÙNH HOØA", "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"),
        ("ñöôïc Ñieàu Nghò ñònh", "được Điều Nghị định"),
        ("UÛy ban", "Ủy ban"),
    ],
)
def test_vni_samples(legacy, unicode):
    assert decode_vni(legacy) == unicode


def test_vni_mark_after_a_consonant_is_left_alone():
    assert decode_vni("xø 5ù") == "xø 5ù"


# --- fonts and runs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("font", "encoding", "uppercase"),
    [
        (".VnTime", "tcvn3", False),
        (".VnTimeH", "tcvn3", True),
        (".VnArial", "tcvn3", False),
        (".VnArial NarrowH", "tcvn3", True),
        (".VnCentury Schoolbook", "tcvn3", False),
        ("VNI-Times", "vni", False),
        ("VNI-Helve-Condense", "vni", False),
        ("Times New Roman", None, False),
        ("Arial", None, False),
        ("", None, False),
        (None, None, False),
    ],
)
def test_font_encoding(font, encoding, uppercase):
    assert font_encoding(font) == encoding
    assert is_uppercase_font(font) is uppercase


def test_decode_run():
    assert decode_run("CéNG HßA", ".VnTimeH") == ("CỘNG HÒA", "tcvn3")
    assert decode_run("Céng hßa", ".VnTime") == ("Cộng hòa", "tcvn3")
    assert decode_run("Coäng hoøa", "VNI-Times") == ("Cộng hòa", "vni")
    assert decode_run("Céng hßa", "Times New Roman") == ("Céng hßa", None)
    assert decode_run("Céng hßa", None) == ("Céng hßa", None)
    # A converted document that kept its old font name.
    assert decode_run("Cộng hòa", ".VnTime") == ("Cộng hòa", None)


# --- detection and repair -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "tcvn3"),
        ("Uû ban nh©n d©n tØnh Th¸i B×nh. Q§-UBND", "tcvn3"),
        ("ViÖt", "tcvn3"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni"),
        ("Vieät", "vni"),
        ("Cộng hòa xã hội chủ nghĩa Việt Nam", "unicode"),
        ("Tôi là ai, có máy", "unicode"),  # Unicode Vietnamese within Latin-1
        ("Cong hoa xa hoi chu nghia Viet Nam", "unicode"),
        ("The quick brown fox jumps over the lazy dog.", "unicode"),
        ("Copyright © 2024 Contoso® – all rights reserved", "unicode"),
        ("Un café très naïve à Paris, déjà vu", "unicode"),
        ("Größe: 5 µm, Preis 10 £", "unicode"),
        ("L'élève a été à l'école, ça va? Très bien, merci", "unicode"),
        ("El señor y la niña, año", "unicode"),
        ("Ô là là, où est le café", "unicode"),
        ("Müller Straße 5, Köln", "unicode"),
        ("", "unicode"),
    ],
)
def test_detect_legacy(text, encoding):
    assert detect_legacy(text) == encoding


def test_repair_decodes_without_moving_tones():
    assert repair("Uû ban nh©n d©n tØnh Th¸i B×nh. Q§-UBND") == (
        "Uỷ ban nhân dân tỉnh Thái Bình. QĐ-UBND",
        "tcvn3",
    )
    assert repair("Coäng hoaø") == ("Cộng hoà", "vni")


def test_repair_restores_capitals_lost_with_the_tcvn3_uppercase_font():
    assert repair("CéNG HßA x· héi, QUYÕT ®ÞNH Sè 12")[0] == "CỘNG HÒA xã hội, QUYẾT ĐỊNH Số 12"


@pytest.mark.parametrize(
    "text",
    [
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Tôi là ai, có máy",
        "English text only",
        "Uỷ ban nhân dân tỉnh Thái Bình",
    ],
)
def test_repair_leaves_unicode_alone(text):
    assert repair(text) == (text, "unicode")
    assert repair(repair(text)[0]) == repair(text)
