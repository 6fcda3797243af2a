import codecs
import shutil
import subprocess
import unicodedata

import pytest

from indexer.normalize import decode_bytes, normalize_text

SENTENCE = "Ủy ban nhân dân tỉnh Khánh Hòa quyết định thành lập Đoàn thanh tra"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows1258(text: str) -> bytes:
    """Windows-1258 spells a toned vowel as the bare letter and a combining tone mark."""
    spelled = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in parts if c in TONES)
        spelled.append(
            unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES)) + tone
        )
    return "".join(spelled).encode("cp1258")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), "utf-8"),
        (SENTENCE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"), "utf-16"),
        (SENTENCE.encode("utf-32"), "utf-32"),
        (SENTENCE.encode("utf-16-le"), "utf-16"),
        (SENTENCE.encode("utf-16-be"), "utf-16"),
        (SENTENCE.encode("utf-8"), "utf-8"),
    ],
)
def test_unicode_encodings(data, encoding):
    assert decode_bytes(data) == (SENTENCE, encoding)


def test_empty_and_ascii():
    assert decode_bytes(b"") == ("", "utf-8")
    assert decode_bytes(b"Cong van so 12") == ("Cong van so 12", "utf-8")


def test_vni_bytes():
    data = "“Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam” – Ñieàu 1".encode("cp1252")
    assert decode_bytes(data) == ("“Cộng hòa xã hội chủ nghĩa Việt Nam” – Điều 1", "vni")


def test_tcvn3_bytes():
    data = "Céng hßa x· héi chñ nghÜa ViÖt Nam. Q§-UBND h\xadíng dÉn".encode("latin-1")
    assert decode_bytes(data) == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam. QĐ-UBND hướng dẫn",
        "tcvn3",
    )


@pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv not found")
def test_tcvn3_bytes_with_vn1_capitals():
    text = "Ủy ban nhân dân tỉnh Quảng Trị. Ông NGUYỄN VĂN AN, Ấp Ổn Định. Ở đâu có ý kiến"
    data = subprocess.run(
        ["iconv", "-t", "TCVN5712-1"], input=text.encode("utf-8"), capture_output=True, check=True
    ).stdout
    assert decode_bytes(data) == (text, "tcvn3")


def test_legacy_text_saved_as_utf8_is_repaired():
    data = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".encode()
    assert decode_bytes(data) == ("Cộng hòa xã hội chủ nghĩa Việt Nam", "vni")


def test_windows1258_is_recomposed():
    text, encoding = decode_bytes(windows1258(SENTENCE))
    assert encoding == "windows-1258"
    assert text == SENTENCE
    assert unicodedata.is_normalized("NFC", text)


def test_other_encodings_fall_back_to_charset_normalizer():
    russian = "Постановление правительства о порядке рассмотрения обращений граждан."
    text, encoding = decode_bytes(russian.encode("cp1251"))
    assert text == russian
    assert encoding == "cp1251"


def test_western_text_is_not_repaired():
    french = "Le comité a décidé à l'unanimité : réunion déjà prévue à Besançon."
    text, encoding = decode_bytes(french.encode("cp1252"))
    assert (text, encoding) == (french, "windows-1252")
    assert normalize_text(text) == french
