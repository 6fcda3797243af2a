"""Page corrections without services: how a typed text is cleaned, and how saved
corrections are put over freshly extracted pages."""

from __future__ import annotations

import unicodedata

from indexer.page_corrections import apply_page_corrections, clean_page_text


def test_typed_text_is_nfc_with_unix_lines_and_no_trailing_spaces() -> None:
    typed = unicodedata.normalize("NFD", "\r\nQuyết định  \r\nSố: 12/QĐ-UBND \r\n\r\n")
    assert clean_page_text(typed) == "Quyết định\nSố: 12/QĐ-UBND"
    assert clean_page_text(typed) == unicodedata.normalize("NFC", clean_page_text(typed))


def test_corrections_replace_only_pages_that_still_exist() -> None:
    pages = ["trang mot", "trang hai"]
    applied = apply_page_corrections(pages, {2: "trang hai đã sửa", 5: "không còn trang này"})
    assert pages == ["trang mot", "trang hai đã sửa"]
    assert applied == {2}
