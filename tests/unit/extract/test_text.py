"""Plain-text files: the charset is found, the text normalised, form feeds split pages."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from indexer.extract import ExtractionError, ExtractLimits, extract

LIMITS = ExtractLimits()


def text_file(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "upload.dat"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Cộng hòa xã hội chủ nghĩa Việt Nam".encode(), "utf-8"),
        ("Cộng hòa xã hội chủ nghĩa Việt Nam".encode("utf-16"), "utf-16"),
        (b"Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam", "vni"),
    ],
)
def test_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    result = extract(text_file(tmp_path, data), limits=LIMITS)
    assert result.kind == "txt" and result.source_encoding == encoding
    assert result.text == "Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_form_feeds_split_pages_and_text_is_normalised(tmp_path: Path) -> None:
    text = unicodedata.normalize("NFD", "Trang một: Quyết định\r\n\fTrang hai\u00a0 có  chữ\f\n")
    result = extract(text_file(tmp_path, text.encode()), limits=LIMITS)
    assert result.pages == ["Trang một: Quyết định\n", "Trang hai có chữ"]


def test_too_many_pages(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract(text_file(tmp_path, b"x\f" * 30), limits=ExtractLimits(max_pages=20))
    assert str(caught.value) == "too many pages: 30 > 20 allowed"
