"""Documents cited in the body."""

import datetime as dt

from indexer.metadata.references import Reference, read_references


def test_decision_with_date_and_issuer():
    refs = read_references(
        "Thực hiện Quyết định số 1675/QĐ-TTg ngày 29/8/2016 của Thủ tướng Chính phủ về việc"
    )
    assert refs == [
        Reference(
            "1675/QĐ-TTg", "1675/QĐ/TTG", "quyet_dinh", dt.date(2016, 8, 29), "Thủ tướng Chính phủ"
        )
    ]


def test_law_decree_and_party_rule():
    text = (
        "Căn cứ Luật Tố cáo số 25/2018/QH14; Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 "
        "của Chính phủ; Quy định số 67-QĐ/TW, ngày 02/6/2022 của Bộ Chính trị."
    )
    refs = read_references(text)
    assert [(r.number, r.doc_type, r.issued_date) for r in refs] == [
        ("25/2018/QH14", "luat", None),
        ("30/2020/NĐ-CP", "nghi_dinh", dt.date(2020, 3, 5)),
        ("67-QĐ/TW", "other", dt.date(2022, 6, 2)),
    ]
    assert [r.issuer_hint for r in refs] == [None, "Chính phủ", "Bộ Chính trị"]


def test_ocr_and_glyph_losses():
    refs = read_references(
        "Căn cứ Nghị định sổ 44/2014/NĐ-CP; Nghị định s20/2008/NĐ-CP ngày 14/02/2008"
    )
    assert [(r.number, r.doc_type) for r in refs] == [
        ("44/2014/NĐ-CP", "nghi_dinh"),
        ("20/2008/NĐ-CP", "nghi_dinh"),
    ]
    assert refs[1].issued_date == dt.date(2008, 2, 14)


def test_own_number_dates_and_roman_numerals_are_left_out():
    text = (
        "QUYẾT ĐỊNH SỐ 67-HĐBT NGÀY 8 THÁNG 4 NĂM 1982; khóa XIII; Chương II; "
        "ngày 25/5/2020; Quyết định số 64b-HĐBT ngày 12 tháng 9 năm 1981 của Hội đồng Bộ trưởng"
    )
    refs = read_references(text, own_number="67-HĐBT")
    assert [(r.number, r.doc_type, r.issued_date, r.issuer_hint) for r in refs] == [
        ("64b-HĐBT", "quyet_dinh", dt.date(1981, 9, 12), "Hội đồng Bộ trưởng")
    ]


def test_type_from_the_symbol_when_not_named():
    refs = read_references("theo 21/CT-TTg và văn bản 12/2002/TT-BCA(A11)")
    assert [(r.number, r.doc_type) for r in refs] == [
        ("21/CT-TTg", "chi_thi"),
        ("12/2002/TT-BCA(A11)", "thong_tu"),
    ]
