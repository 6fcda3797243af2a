"""Canonical issuer names for the issuer facet."""

from __future__ import annotations

import pytest

from indexer.issuers import canonical_issuer

UBND_THAI_BINH = "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH"


@pytest.mark.parametrize(
    "printed",
    [
        "UBND TỈNH THÁI BÌNH",
        "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH",
        "Uỷ ban nhân dân tỉnh Thái Bình",
        "ỦY BAN NHÂM DÂN TỈNH THÁI BÌNH",  # OCR: one letter misread
        "ỦY BAN NHÂN DÂN  TỈNH THÁI BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
        "Hạnh phúc Số: 39/2011/QĐ-UBND Thái Bình, ngày 6 tháng 12 năm 2011",  # read too far
    ],
)
def test_spellings_of_one_body_give_one_name(printed: str) -> None:
    assert canonical_issuer(printed) == UBND_THAI_BINH


def test_different_bodies_stay_apart() -> None:
    assert canonical_issuer("VKSND TỈNH THÁI BÌNH") == "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH"
    assert canonical_issuer("ỦY BAN NHÂN DÂN") == "ỦY BAN NHÂN DÂN"  # which province: unknown
    assert canonical_issuer("THANH TRA TỈNH THÁI BÌNH") != UBND_THAI_BINH
    assert canonical_issuer("") is None and canonical_issuer(None) is None
