"""Header parsing: known right-column strings, number, date, V/v and the issuing body."""

import datetime as dt

from indexer.metadata.header import header_from_columns, mask_known, read_header, read_heading


def test_interleaved_columns_on_one_line():
    header = read_header(
        "BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG * Số 36-HD/VPTW ĐẢNG CỘNG SẢN VIỆT NAM "
        "Hà Nội, ngày 03 tháng 4 năm 2018"
    )
    assert header.issuer == "BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG"
    assert header.number == "36-HD/VPTW"
    assert header.date.place == "Hà Nội"


def test_truncated_national_title_and_odd_motto():
    header = read_header(
        "BỘ Y TẾ TRƯỜNG ĐẠI HỌC ĐIỀU DƯỠNG Số: 1893/QĐ-ĐDN CỘNG HOÀ XÃ HỘI … "
        "Độc lập -Tự do- Hạnh phúc Nam Định, ngày 09 tháng 12 năm"
    )
    assert header.issuer == "BỘ Y TẾ TRƯỜNG ĐẠI HỌC ĐIỀU DƯỠNG"
    assert header.number == "1893/QĐ-ĐDN"
    assert header.date.place == "Nam Định"
    assert header.date.date is None


def test_known_strings_tolerate_ocr_and_tone_variants():
    masked = mask_known(
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCỘNG HỊA XÃ HỘI CHỦ NGHĨA VĨỆT NAM\n"
        "Độc ỉập – Tự – Hạnh phúc\nĐẢNG CỘNG SẢN VIỆT NAM"
    )
    assert masked.strip() == ""


def test_country_name_pushed_to_the_next_line_by_the_other_column():
    header = read_header(
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nTỈNH THANH HÓA VIỆT NAM\nSố: 3889/QĐ-UBND"
    )
    assert header.issuer == "ỦY BAN NHÂN DÂN TỈNH THANH HÓA"


def test_number_on_the_next_line_and_ocr_so():
    assert read_header("UBND TỈNH X\nSố:\n35/2022/QĐ-UBND").number == "35/2022/QĐ-UBND"
    assert read_header("UBND TỈNH X\nSô: 12/QĐ-UBND").number == "12/QĐ-UBND"
    assert read_header("UBND TỈNH X\nSố: 46 /VKSTC").number == "46 /VKSTC"


def test_blank_serial_keeps_the_symbol_but_no_number():
    header = read_header("ỦY BAN NHÂN DÂN\nTỈNH X\nSố:    /QĐ-UBND")
    assert header.number_printed == "/QĐ-UBND"
    assert header.number is None


def test_other_uses_of_so_are_not_the_number():
    header = read_header(
        "Mẫu số 01\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nThái Bình, ngày 1 tháng 2 năm 2023"
    )
    assert header.number_printed is None
    assert header.issuer is None


def test_vv_line_with_wrapped_continuation():
    header = read_header(
        "VĂN PHÒNG CHÍNH PHỦ\nSố: 8960/VPCP-NN\nV/v phê duyệt điều chỉnh quy hoạch\n"
        "sử dụng đất của tỉnh Long An\nHà Nội, ngày 23 tháng 08 năm 2017"
    )
    assert header.vv == "V/v phê duyệt điều chỉnh quy hoạch sử dụng đất của tỉnh Long An"
    assert header.issuer == "VĂN PHÒNG CHÍNH PHỦ"
    assert header.date.date == dt.date(2017, 8, 23)


def test_marks_and_rules_are_not_part_of_the_issuer():
    header = read_header("MẬT\nTỈNH ỦY THÁI BÌNH\nBAN NỘI CHÍNH\n*\n-----\nSố 05-BC/BNCTU")
    assert header.issuer == "TỈNH ỦY THÁI BÌNH BAN NỘI CHÍNH"


def test_columns_from_the_layout():
    header = header_from_columns(
        "Trang 1\nỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n-\n"
        "Số: 55/2010/QĐ-UBND Long Xuyên, ngày 17 tháng 11 năm 2010",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nNAM Độc lập - Tự do - Hạnh phúc\n-",
    )
    assert header.issuer == "ỦY BAN NHÂN DÂN TỈNH AN GIANG"
    assert header.number == "55/2010/QĐ-UBND"
    assert header.date.place == "Long Xuyên"


def test_petition_header_has_no_issuer():
    header = header_from_columns(
        "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nThái Bình, ngày 15 tháng 3 năm 2023"
    )
    assert header.issuer is None
    assert header.date.date == dt.date(2023, 3, 15)


def test_citation_heading():
    heading = read_heading(
        "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập"
    )
    assert (heading.code, heading.number) == ("chi_thi", "05-CT/TW")
    assert heading.date.date == dt.date(2016, 5, 15)
    assert heading.subject == "về đẩy mạnh học tập"
    assert read_heading("Căn cứ Luật số 25/2018/QH14") is None
