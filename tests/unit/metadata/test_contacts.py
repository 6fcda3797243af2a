"""A letter's sender numbers are read after their labels, in the forms people write them,
and nothing else is taken for them (a document number, a date, an amount)."""

from __future__ import annotations

import pytest

from indexer.metadata.contacts import id_number, phone


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tôi là Đỗ Văn Quyllen, CCCD số 001188002345, điện thoại 0987654321.", "001188002345"),
        ("Số CCCD: 001 188 002 345 cấp ngày 12/3/2021", "001188002345"),
        ("CMND số 123456789 do Công an tỉnh cấp", "123456789"),
        ("Căn cước công dân số: 079.188.002.345", "079188002345"),
        ("Số định danh cá nhân 001188002345", "001188002345"),
        ("Quyết định số 123456/QĐ-UBND ngày 12/3/2021", ""),  # no label
        ("CCCD số 12345 (mất)", ""),  # too short to be one
    ],
)
def test_the_citizen_id_after_its_label(text: str, expected: str) -> None:
    assert id_number(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("điện thoại 0987654321, trú tại số 12 đường Lê Lợi", "0987654321"),
        ("SĐT: 0987.654.321", "0987654321"),
        ("ĐT liên hệ: +84 987 654 321", "0987654321"),
        ("Điện thoại di động: 0912-345-678", "0912345678"),
        ("Số ĐT 0236 3822 123 (cơ quan)", "02363822123"),
        ("Địa chỉ: số 12, tổ 3, phường 4; điện thoại: không có", ""),
        ("ĐT 0987654321 - 0912345678", "0987654321"),
        ("Tổng số tiền 1.234.567.890 đồng", ""),  # no label
    ],
)
def test_the_phone_after_its_label(text: str, expected: str) -> None:
    assert phone(text) == expected
