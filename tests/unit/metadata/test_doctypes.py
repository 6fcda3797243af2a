"""Document type: the title line first, then "V/v", then the symbol."""

import pytest

from indexer.metadata.doctypes import (
    Title,
    decide_type,
    match_title,
    self_reference_type,
    symbol_type,
)
from indexer.metadata.numbers import parse_number


@pytest.mark.parametrize(
    ("line", "code", "rest"),
    [
        ("QUYẾT ĐỊNH", "quyet_dinh", ""),
        ("QUYẾTĐỊNH", "quyet_dinh", ""),
        ("KẾHOẠCH", "ke_hoach", ""),
        ("QUYẾT ĐỊNH CỦA VIỆN TRƯỞNG VIỆN KSND TỐI CAO", "quyet_dinh", ""),
        ("THÔNG Tư LIÊN TỊCH Hướng dẫn việc thẩm định", "other", "Hướng dẫn việc thẩm định"),
        ("KẾT LUẬN THANH TRA", "ket_luan_thanh_tra", ""),
        ("ĐƠN KHIẾU NẠI", "don_khieu_nai", ""),
        ("ĐƠN KHIẾU NẠI LẦN HAI", "don_khieu_nai", ""),
        ("ĐƠN TỐ CÁO", "don_to_cao", ""),
        ("ĐƠN KIẾN NGHỊ", "don_kien_nghi", ""),
        ("ĐƠN PHẢN ÁNH", "don_phan_anh", ""),
        ("TỜ TRÌNH", "to_trinh", ""),
        ("HƯỚNG DẪN", "huong_dan", ""),
        ("NGHỊ QUYẾT", "nghi_quyet", ""),
        ("QUY ĐỊNH", "other", ""),
        ("BIÊN BẢN", "bien_ban", ""),
        ("THÔNG BÁO", "thong_bao", ""),
        ("BÁO CÁO", "bao_cao", ""),
        ("CHỈ THỊ", "chi_thi", ""),
        ("QUY CHẾ", "quy_che", ""),
    ],
)
def test_title_lines(line, code, rest):
    assert match_title(line) == Title(code=code, rest=rest)


@pytest.mark.parametrize(
    "line",
    [
        "QUYẾT ĐỊNH:",
        "Quyết định số 290-QĐ/TW",
        "ĐƠN VỊ THỰC HIỆN",
        "BỘ CHÍNH TRỊ QUYẾT ĐỊNH",
        "LUẬT SƯ",
    ],
)
def test_not_title_lines(line):
    assert match_title(line) is None


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("12/QĐ-UBND", "quyet_dinh"),
        ("15/2013/QD-UBND", "quyet_dinh"),
        ("12-NQ/TU", "nghi_quyet"),
        ("08/CT-UBND", "chi_thi"),
        ("104/KH-UBND", "ke_hoach"),
        ("77/TTr-STP", "to_trinh"),
        ("36-HD/VPTW", "huong_dan"),
        ("01/HĐ-UBND", "other"),
        ("8960/VPCP-NN", None),
        ("46 /VKSTC", None),
    ],
)
def test_symbol_types(printed, code):
    assert symbol_type(parse_number(printed)) == code


def decide(**kwargs):
    defaults = {"title": None, "heading_code": None, "has_vv": False, "parts": None, "issuer": None}
    defaults.update({"subject": None, "body": ""})
    defaults.update(kwargs)
    return decide_type(**defaults).code


def test_title_wins_over_the_symbol():
    assert decide(title=match_title("QUY ĐỊNH"), parts=parse_number("67-QĐ/TW")) == "other"


def test_vv_makes_a_cong_van():
    assert decide(has_vv=True, parts=parse_number("2150/UBND-NC")) == "cong_van"


def test_cong_van_symbol_without_a_type():
    assert decide(parts=parse_number("8960/VPCP-NN")) == "cong_van"


def test_party_qd_is_a_regulation_when_the_text_says_so():
    parts = parse_number("137-QĐ/TW")
    assert decide(parts=parts, body="1. Quy định này quy định về chức năng") == "other"
    assert decide(parts=parts, body="Điều 1. Ban hành kèm theo Quyết định này") == "quyet_dinh"


def test_conclusion_of_an_inspectorate():
    title = match_title("KẾT LUẬN")
    assert decide(title=title, parts=parse_number("05/KL-TTr")) == "ket_luan_thanh_tra"
    assert decide(title=title, issuer="THANH TRA TỈNH NAM ĐỊNH") == "ket_luan_thanh_tra"
    assert decide(title=title, issuer="BỘ CHÍNH TRỊ", subject="về công tác cán bộ") == "other"


def test_bare_petition_title_takes_the_kind_from_the_content():
    title = match_title("ĐƠN")
    assert decide(title=title, body="Tôi làm đơn này để tố cáo ông A") == "don_to_cao"
    assert decide(title=title, body="xin cấp giấy phép") == "other"


def test_self_reference():
    assert self_reference_type("Kế hoạch này được phổ biến") == "ke_hoach"
    assert self_reference_type("không có gì") is None


@pytest.mark.parametrize(
    "line",
    [
        "ĐƠN KHIẾU NẠI VÀ TỐ CÁO",
        "ĐƠN KHIẾU NẠI - TỐ CÁO",
        "ĐƠN KIẾN NGHỊ VÀ TỐ CÁO",
        "ĐƠN PHẢN ÁNH VÀ TỐ GIÁC",
        "ĐƠN TỐ CÁO VÀ KHIẾU NẠI",
    ],
)
def test_a_petition_that_also_denounces_is_a_denunciation(line):
    assert match_title(line) == Title(code="don_to_cao", rest="")
