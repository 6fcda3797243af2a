"""End-to-end samples: a hand-written document of each kind and the variants of
docs/domain.md §1.5."""

import datetime as dt

from indexer.metadata import extract_metadata

PARTY_RESOLUTION = """\
TỈNH ỦY THÁI BÌNH
*
Số 12-NQ/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Thái Bình, ngày 05 tháng 3 năm 2024
NGHỊ QUYẾT
về tăng cường công tác phòng, chống tham nhũng, tiêu cực
-----
Căn cứ Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương khóa XIII;
Căn cứ Quy định số 67-QĐ/TW ngày 02/6/2022 của Bộ Chính trị;
Ban Thường vụ Tỉnh ủy giao Ban Nội chính Tỉnh ủy chủ trì theo dõi, đôn đốc.
Nơi nhận:
- Ban Nội chính Trung ương,
- Các đồng chí Tỉnh ủy viên,
- Lưu Văn phòng Tỉnh ủy.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Nguyễn Văn An
"""

STATE_DECISION = """\
ỦY BAN NHÂN DÂN
TỈNH THÁI BÌNH
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 1234/QĐ-UBND
Thái Bình, ngày 18 tháng 6 năm 2020
QUYẾT ĐỊNH
Về việc thành lập Tổ công tác liên ngành giải quyết đơn thư khiếu nại, tố cáo
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH
Căn cứ Luật Tố cáo số 25/2018/QH14;
Căn cứ Nghị định số 31/2019/NĐ-CP ngày 10 tháng 4 năm 2019 của Chính phủ;
Theo đề nghị của Chánh Thanh tra tỉnh tại Tờ trình số 89/TTr-TTr ngày 10/6/2020,
QUYẾT ĐỊNH:
Điều 1. Thành lập Tổ công tác gồm đại diện Công an tỉnh, Viện KSND tỉnh, TAND tỉnh.
Nơi nhận:
- Như Điều 3;
- Thường trực Tỉnh ủy;
- UBKT Tỉnh ủy;
- Lưu: VT, NC.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Thị Bình
"""

OFFICIAL_LETTER = """\
ỦY BAN NHÂN DÂN
TỈNH THÁI BÌNH
Số: 2150/UBND-NC
V/v đôn đốc giải quyết đơn thư
tồn đọng của công dân
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thái Bình, ngày 02 tháng 11 năm 2023
Kính gửi:
- Thanh tra tỉnh;
- Công an tỉnh;
- Ủy ban nhân dân các huyện, thành phố.
Thực hiện chỉ đạo của Thường trực Tỉnh ủy, Ủy ban nhân dân tỉnh yêu cầu các cơ quan rà soát.
Nơi nhận:
- Như trên;
- Lưu: VT, NC.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Lê Văn Cường
"""

INSPECTION_CONCLUSION = """\
THANH TRA TỈNH THÁI BÌNH
Số: 05/KL-TTr
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thái Bình, ngày 20 tháng 9 năm 2023
KẾT LUẬN
Thanh tra việc quản lý, sử dụng đất đai tại Ủy ban nhân dân xã An Bình
Thực hiện Quyết định thanh tra số 45/QĐ-TTr ngày 05/7/2023 của Chánh Thanh tra tỉnh.
CHÁNH THANH TRA
Phạm Văn Đức
"""

MINUTES = """\
BAN CHỈ ĐẠO PHÒNG, CHỐNG THAM NHŨNG, TIÊU CỰC TỈNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thái Bình, ngày 14 tháng 8 năm 2024
BIÊN BẢN
Họp Thường trực Ban Chỉ đạo phiên tháng 8 năm 2024
Hồi 14 giờ 00 ngày 14/8/2024, tại Ban Nội chính Tỉnh ủy, Thường trực Ban Chỉ đạo họp.
THƯ KÝ
Vũ Thị Hoa
CHỦ TRÌ
Đỗ Minh Tuấn
"""

NOTICE = """\
TỈNH ỦY THÁI BÌNH
*
Số 215-TB/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Thái Bình, ngày 10 tháng 01 năm 2024
THÔNG BÁO
kết luận của Ban Thường vụ Tỉnh ủy về công tác kiểm tra, giám sát năm 2023
Ngày 08/01/2024, Ban Thường vụ Tỉnh ủy nghe Ủy ban Kiểm tra Tỉnh ủy báo cáo.
T/L BAN THƯỜNG VỤ
CHÁNH VĂN PHÒNG
Hoàng Văn Thái
"""

REPORT = """\
CÔNG AN TỈNH THÁI BÌNH
Số: 318/BC-CAT-PC03
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thái Bình, ngày 30 tháng 6 năm 2024
MẬT
BÁO CÁO
Kết quả điều tra, xử lý các vụ án tham nhũng 6 tháng đầu năm 2024
Kính gửi: Ban Nội chính Tỉnh ủy
"""

SUBMISSION = """\
SỞ TƯ PHÁP TỈNH THÁI BÌNH
Số: 77/TTr-STP
HỎA TỐC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thái Bình, ngày 03 tháng 5 năm 2024
TỜ TRÌNH
Về việc đề nghị ban hành Quy chế phối hợp trong công tác tiếp công dân
Kính gửi: Ủy ban nhân dân tỉnh
"""

COMPLAINT = """\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nam, ngày 01 tháng 4 năm 2024
ĐƠN KHIẾU NẠI
(V/v: quyết định thu hồi đất của UBND huyện Kim Bảng)
Kính gửi: Chủ tịch Ủy ban nhân dân huyện Kim Bảng
Họ và tên người khiếu nại: Đặng Văn Thử;
Tôi khiếu nại quyết định trên vì không đúng quy định.
NGƯỜI KHIẾU NẠI
(Ký, ghi rõ họ tên)
Đặng Văn Thử
"""

DENUNCIATION = """\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
ĐƠN TỐ CÁO
Kính gửi: Thanh tra huyện Vũ Thư
Tôi tên là: Lã Thị Mơ, sinh năm 1980
Tôi xin tố cáo hành vi vi phạm của: bà Cao Thị Giả, cán bộ địa chính xã Việt Hùng.
Vũ Thư, ngày 09 tháng 5 năm 2024
NGƯỜI TỐ CÁO
Lã Thị Mơ
"""

FEEDBACK = """\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thái Bình, ngày 11 tháng 11 năm 2024
ĐƠN PHẢN ÁNH
Kính gửi: Ban Tuyên giáo và Dân vận Tỉnh ủy
Phản ánh: tình trạng ô nhiễm do cơ sở chăn nuôi tại thôn Đông.
NGƯỜI PHẢN ÁNH
Mai Văn Lành
"""


def test_party_resolution():
    meta = extract_metadata(PARTY_RESOLUTION)
    assert meta.doc_type == "nghi_quyet"
    assert meta.number == "12-NQ/TU"
    assert meta.number_key == "12/NQ/TU"
    assert meta.issued_date == dt.date(2024, 3, 5)
    assert meta.date_precision == "day"
    assert meta.place == "Thái Bình"
    assert meta.issuer == "TỈNH ỦY THÁI BÌNH"
    assert meta.subject == "về tăng cường công tác phòng, chống tham nhũng, tiêu cực"
    assert (meta.signer, meta.sign_authority) == ("Nguyễn Văn An", "TM.")
    assert meta.recipients == ["Ban Nội chính Trung ương", "Các đồng chí Tỉnh ủy viên"]
    assert [r.number for r in meta.references] == ["67-QĐ/TW"]
    assert meta.references[0].issued_date == dt.date(2022, 6, 2)
    assert meta.references[0].issuer_hint == "Bộ Chính trị"
    assert set(meta.agencies) == {"noi_chinh", "van_phong"}


def test_state_decision_signed_by_a_deputy():
    meta = extract_metadata(STATE_DECISION)
    assert meta.doc_type == "quyet_dinh"
    assert meta.number == "1234/QĐ-UBND"
    assert meta.issuer == "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH"
    assert meta.subject == (
        "Về việc thành lập Tổ công tác liên ngành giải quyết đơn thư khiếu nại, tố cáo"
    )
    assert (meta.signer, meta.sign_authority) == ("Trần Thị Bình", "KT.")
    assert meta.recipients == ["Thường trực Tỉnh ủy", "UBKT Tỉnh ủy"]
    references = {r.number: r for r in meta.references}
    assert references["25/2018/QH14"].doc_type == "luat"
    assert references["31/2019/NĐ-CP"].doc_type == "nghi_dinh"
    assert references["31/2019/NĐ-CP"].issued_date == dt.date(2019, 4, 10)
    assert references["89/TTr-TTr"].doc_type == "to_trinh"
    assert set(meta.agencies) == {
        "thanh_tra",
        "cong_an",
        "vien_kiem_sat",
        "toa_an",
        "uy_ban_kiem_tra",
    }


def test_official_letter_has_no_title_but_a_vv_line():
    meta = extract_metadata(OFFICIAL_LETTER)
    assert meta.doc_type == "cong_van"
    assert meta.number == "2150/UBND-NC"
    assert meta.subject == "V/v đôn đốc giải quyết đơn thư tồn đọng của công dân"
    assert meta.issued_date == dt.date(2023, 11, 2)
    assert meta.recipients == [
        "Thanh tra tỉnh",
        "Công an tỉnh",
        "Ủy ban nhân dân các huyện, thành phố",
    ]
    assert (meta.signer, meta.sign_authority) == ("Lê Văn Cường", "TL.")
    assert set(meta.agencies) == {"thanh_tra", "cong_an"}


def test_inspection_conclusion():
    meta = extract_metadata(INSPECTION_CONCLUSION)
    assert meta.doc_type == "ket_luan_thanh_tra"
    assert meta.number == "05/KL-TTr"
    assert meta.issuer == "THANH TRA TỈNH THÁI BÌNH"
    assert meta.subject == "Thanh tra việc quản lý, sử dụng đất đai tại Ủy ban nhân dân xã An Bình"
    assert meta.signer == "Phạm Văn Đức"
    assert meta.agencies == ["thanh_tra"]


def test_minutes_without_number():
    meta = extract_metadata(MINUTES)
    assert meta.doc_type == "bien_ban"
    assert meta.number is None
    assert meta.issuer == "BAN CHỈ ĐẠO PHÒNG, CHỐNG THAM NHŨNG, TIÊU CỰC TỈNH"
    assert meta.subject == "Họp Thường trực Ban Chỉ đạo phiên tháng 8 năm 2024"
    assert meta.signer == "Vũ Thị Hoa"
    assert meta.agencies == ["noi_chinh"]


def test_party_notice_by_order():
    meta = extract_metadata(NOTICE)
    assert meta.doc_type == "thong_bao"
    assert meta.number == "215-TB/TU"
    assert meta.issued_date == dt.date(2024, 1, 10)
    assert (meta.signer, meta.sign_authority) == ("Hoàng Văn Thái", "TL.")
    assert meta.agencies == ["uy_ban_kiem_tra"]


def test_secret_report_of_the_police():
    meta = extract_metadata(REPORT)
    assert meta.doc_type == "bao_cao"
    assert meta.number == "318/BC-CAT-PC03"
    assert meta.confidentiality == "mat"
    assert meta.issuer == "CÔNG AN TỈNH THÁI BÌNH"
    assert meta.subject == "Kết quả điều tra, xử lý các vụ án tham nhũng 6 tháng đầu năm 2024"
    assert meta.recipients == ["Ban Nội chính Tỉnh ủy"]
    assert set(meta.agencies) == {"cong_an", "noi_chinh"}


def test_urgent_submission():
    meta = extract_metadata(SUBMISSION)
    assert meta.doc_type == "to_trinh"
    assert meta.urgency == "hoa_toc"
    assert meta.issuer == "SỞ TƯ PHÁP TỈNH THÁI BÌNH"
    assert meta.subject.startswith("Về việc đề nghị ban hành Quy chế phối hợp")
    assert meta.agencies == []


def test_complaint_with_vv_line():
    meta = extract_metadata(COMPLAINT)
    assert meta.doc_type == "don_khieu_nai"
    assert meta.number is None
    assert meta.issuer == meta.signer == "Đặng Văn Thử"
    assert meta.subject == "Khiếu nại về việc quyết định thu hồi đất của UBND huyện Kim Bảng"
    assert meta.place == "Hà Nam"


def test_denunciation_dated_above_the_signature():
    meta = extract_metadata(DENUNCIATION)
    assert meta.doc_type == "don_to_cao"
    assert meta.issued_date == dt.date(2024, 5, 9)
    assert meta.place == "Vũ Thư"
    assert meta.issuer == "Lã Thị Mơ"
    assert meta.subject == "Tố cáo bà Cao Thị Giả, cán bộ địa chính xã Việt Hùng"
    assert meta.agencies == ["thanh_tra"]


def test_feedback_petition_to_the_merged_commission():
    meta = extract_metadata(FEEDBACK)
    assert meta.doc_type == "don_phan_anh"
    assert meta.subject == "Phản ánh tình trạng ô nhiễm do cơ sở chăn nuôi tại thôn Đông"
    assert meta.signer == "Mai Văn Lành"
    assert set(meta.agencies) == {"tuyen_giao", "dan_van"}


def test_two_column_interleave_on_one_line():
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG * Số 36-HD/VPTW ĐẢNG CỘNG SẢN VIỆT NAM "
        "Hà Nội, ngày 03 tháng 4 năm 2018\nHƯỚNG DẪN\n"
        "thể thức và kỹ thuật trình bày văn bản của Đảng\n-----\nCăn cứ Điều lệ Đảng;"
    )
    meta = extract_metadata(text)
    assert meta.issuer == "BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG"
    assert meta.number == "36-HD/VPTW"
    assert meta.place == "Hà Nội"
    assert meta.issued_date == dt.date(2018, 4, 3)
    assert meta.doc_type == "huong_dan"
    assert meta.subject == "thể thức và kỹ thuật trình bày văn bản của Đảng"


def test_line_breaks_inside_fields_and_glued_words():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\nSố:\n35/2022/QĐ-UBND\n|\nHòa Bình, ngày 16\n"
        "tháng 9 năm 2022\nQUYẾT ĐỊNH\nBANHÀNH QUY CHẾ PHỐI HỢP TRONG CÔNG TÁC THEO DÕI\n"
        "TÌNH HÌNH THI HÀNH PHÁP LUẬT\nỦY BAN NHÂN DÂN TỈNH HÒA BÌNH\nCăn cứ Luật"
    )
    meta = extract_metadata(text)
    assert meta.number == "35/2022/QĐ-UBND"
    assert meta.issued_date == dt.date(2022, 9, 16)
    assert meta.issuer == "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH"
    assert (
        meta.subject
        == "BANHÀNH QUY CHẾ PHỐI HỢP TRONG CÔNG TÁC THEO DÕI TÌNH HÌNH THI HÀNH PHÁP LUẬT"
    )


def test_blank_number_and_date_of_a_draft():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố:    /QĐ-UBND\n"
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Quảng Ninh, ngày    tháng    năm 2024\nDỰ THẢO\nQUYẾT ĐỊNH\n"
        "V/V BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA TỔ CÔNG TÁC\nCăn cứ Luật"
    )
    meta = extract_metadata(text)
    assert meta.number is None
    assert meta.number_key is None
    assert (meta.issued_date, meta.date_precision) == (dt.date(2024, 1, 1), "year")
    assert meta.is_draft
    assert meta.doc_type == "quyet_dinh"
    assert meta.subject == "V/V BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA TỔ CÔNG TÁC"
    assert meta.issuer == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"


def test_ocr_noise_in_the_header():
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nTỈNH NAM ĐỊNH VIỆT NAM\n"
        "—_—— Độc lập - Tự do - Hạnh phúc\nSô: 45/KH-UBND\n"
        "Nam Dinh, ngay 7 thang 3 nam 2019\nKẾ HOẠCH\nTriển khai công tác tiếp công dân năm 2019"
    )
    meta = extract_metadata(text)
    assert meta.issuer == "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH"
    assert meta.number == "45/KH-UBND"
    assert (meta.place, meta.issued_date) == ("Nam Dinh", dt.date(2019, 3, 7))
    assert meta.doc_type == "ke_hoach"
    assert meta.subject == "Triển khai công tác tiếp công dân năm 2019"


def test_roman_numerals_and_ordinals_are_not_numbers():
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 10 tháng 10 năm 2021\n"
        "QUY ĐỊNH\nvề kiểm tra, giám sát\n"
        "- Căn cứ Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương khóa XIII;\n"
        "Chương II\nI- TÌNH HÌNH\n"
    )
    meta = extract_metadata(text)
    assert meta.number is None
    assert meta.references == []
    assert meta.doc_type == "other"


def test_header_columns_from_the_layout_take_precedence():
    body = "QUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ LÀM VIỆC\nCăn cứ Luật Tổ chức chính quyền địa phương;"
    meta = extract_metadata(
        body,
        header_left="ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\n-------\nSố: 23/2021/QĐ-UBND",
        header_right=(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Ninh Bình, ngày 25 tháng 6 năm 2021"
        ),
    )
    assert meta.issuer == "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"
    assert meta.number == "23/2021/QĐ-UBND"
    assert meta.issued_date == dt.date(2021, 6, 25)
    assert meta.subject == "BAN HÀNH QUY CHẾ LÀM VIỆC"


def test_citation_heading_instead_of_a_header():
    text = (
        "Quyết định số 290-QĐ/TW, ngày 25/02/2010 của Bộ Chính trị về việc ban hành Quy chế "
        "công tác dân vận của hệ thống chính trị\n- Căn cứ Điều lệ Đảng;\nT/M BỘ CHÍNH TRỊ\n"
        "TỔNG BÍ THƯ\n(đã ký)\nNông Đức Mạnh"
    )
    meta = extract_metadata(text)
    assert meta.doc_type == "quyet_dinh"
    assert meta.number == "290-QĐ/TW"
    assert meta.issued_date == dt.date(2010, 2, 25)
    assert meta.issuer is None
    assert meta.subject == "về việc ban hành Quy chế công tác dân vận của hệ thống chính trị"
    assert (meta.signer, meta.sign_authority) == ("Nông Đức Mạnh", "TM.")
