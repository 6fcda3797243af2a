"""Classes of extraction error every archive has (issue 14), on invented documents.

Each test is a document written for this file: a PDF-wrapped subject, extra title words,
amendment and draft marks, untitled công văn / notices / reports / petitions, Party
numbering and signatures, excerpts, and OCR noise in the date, number and signer lines.
"""

import datetime as dt

import pytest

from indexer.metadata import extract_metadata
from indexer.metadata.confidence import REVIEW_BELOW, needs_review

PARTY_HEADER = """TỈNH ỦY HÀ TĨNH
BAN NỘI CHÍNH
*
Số 45-BC/BNCTU
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Tĩnh, ngày 14 tháng 8 năm 2023"""


def test_prose_subject_wrapped_after_ngay_is_joined_as_in_the_docx():
    wrapped = """ỦY BAN NHÂN DÂN
HUYỆN ĐỒNG XUÂN
Số: 57/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đồng Xuân, ngày 03 tháng 4 năm 2024
KẾ HOẠCH
Triển khai thực hiện Chỉ thị số 27-CT/TU ngày
20 tháng 12 năm 2023 của Ban Thường vụ Tỉnh ủy về công tác tiếp công dân trên địa bàn tỉnh
Phú Yên
Căn cứ Luật Tiếp công dân năm 2013;"""
    one_line = wrapped.replace("ngày\n20", "ngày 20").replace("tỉnh\nPhú", "tỉnh Phú")
    subject = (
        "Triển khai thực hiện Chỉ thị số 27-CT/TU ngày 20 tháng 12 năm 2023 của Ban Thường vụ "
        "Tỉnh ủy về công tác tiếp công dân trên địa bàn tỉnh Phú Yên"
    )
    assert extract_metadata(wrapped).subject == subject
    assert extract_metadata(one_line).subject == subject


def test_wrapped_subject_stops_at_the_authority_and_the_legal_bases():
    text = """UBND TỈNH BẮC KẠN
THANH TRA TỈNH
Số: 12/QĐ-TTr
Bắc Kạn, ngày 9 tháng 5 năm 2022
QUYẾT ĐỊNH
Về việc thanh tra việc quản lý, sử dụng kinh phí sự nghiệp môi trường tại
Ủy ban nhân dân huyện Ba Bể
CHÁNH THANH TRA TỈNH
Căn cứ Luật Thanh tra năm 2010;"""
    meta = extract_metadata(text)
    assert meta.subject == (
        "Về việc thanh tra việc quản lý, sử dụng kinh phí sự nghiệp môi trường tại "
        "Ủy ban nhân dân huyện Ba Bể"
    )


def test_extra_title_words_in_capitals_are_not_the_subject():
    text = """BAN CHỈ ĐẠO PHÒNG, CHỐNG THAM NHŨNG
TỈNH LÀO CAI
Số: 03/QC-BCĐ
Lào Cai, ngày 2 tháng 3 năm 2021
QUY CHẾ
PHỐI HỢP LIÊN NGÀNH
Trong việc tiếp nhận, xử lý thông tin về hành vi tham nhũng trên địa bàn tỉnh
Lào Cai
Chương I"""
    meta = extract_metadata(text)
    assert meta.doc_type == "quy_che"
    assert meta.subject == (
        "Trong việc tiếp nhận, xử lý thông tin về hành vi tham nhũng trên địa bàn tỉnh Lào Cai"
    )


@pytest.mark.parametrize(
    ("title", "subject_line", "mark", "draft"),
    [
        ("QUY ĐỊNH (BỔ SUNG)", "Về chế độ báo cáo công tác nội chính", "BỔ SUNG", False),
        ("QUY ĐỊNH", "(Sửa đổi, bổ sung) Về chế độ báo cáo công tác nội chính", None, False),
        ("QUY ĐỊNH", "Về chế độ báo cáo công tác nội chính (Dự thảo lần 2)", None, True),
    ],
)
def test_title_marks_go_to_their_own_fields(title, subject_line, mark, draft):
    text = f"""{PARTY_HEADER}
{title}
{subject_line}
Điều 1."""
    meta = extract_metadata(text)
    assert meta.subject == "Về chế độ báo cáo công tác nội chính"
    assert meta.is_draft is draft
    if mark is not None or "Sửa" in subject_line:
        assert meta.title_mark == (mark or "Sửa đổi, bổ sung")


def test_untitled_cong_van_from_a_unit_number_and_an_addressee():
    text = """UBND TỈNH NINH THUẬN
VĂN PHÒNG
Số: 2417/NC
Ninh Thuận, ngày 18 tháng 10 năm 2022
Kính gửi: Sở Tư pháp tỉnh Ninh Thuận
Văn phòng Ủy ban nhân dân tỉnh nhận được văn bản của Sở Tư pháp về việc góp ý."""
    meta = extract_metadata(text)
    assert (meta.doc_type, meta.number) == ("cong_van", "2417/NC")
    assert meta.confidence["doc_type"] >= REVIEW_BELOW


def test_portal_notice_without_header_is_a_notice_with_its_heading_as_subject():
    text = """Lịch làm việc của lãnh đạo Sở tuần 12
Thứ hai: Giám đốc Sở chủ trì giao ban.
Thứ ba: Phó Giám đốc Sở làm việc tại huyện Mộ Đức."""
    meta = extract_metadata(text)
    assert meta.doc_type == "thong_bao"
    assert meta.subject == "Lịch làm việc của lãnh đạo Sở tuần 12"
    assert "subject" in needs_review(meta.confidence)


def test_report_without_title_from_its_verb():
    text = """Kết quả công tác tiếp công dân quý I
Ban Tiếp công dân huyện xin báo cáo kết quả công tác tiếp công dân quý I như sau:
1. Tổng số lượt tiếp: 42 lượt."""
    assert extract_metadata(text).doc_type == "bao_cao"


def test_nothing_points_anywhere_gives_other_with_low_confidence():
    meta = extract_metadata("Ghi chép rời\nMột vài dòng không có dấu hiệu của loại văn bản nào")
    assert meta.doc_type == "other"
    assert "doc_type" in needs_review(meta.confidence)


@pytest.mark.parametrize(
    ("verb_line", "code"),
    [
        (
            "Tôi làm đơn này kiến nghị về việc cấp giấy chứng nhận quyền sử dụng đất.",
            "don_kien_nghi",
        ),
        ("Tôi xin phản ánh việc đổ trộm rác thải ra bờ kênh Xóm Mới.", "don_phan_anh"),
        ("Tôi xin tố cáo ông Trần Văn Giả, cán bộ địa chính xã.", "don_to_cao"),
        ("Tôi khiếu nại Quyết định số 88/QĐ-UBND ngày 02/02/2024.", "don_khieu_nai"),
    ],
)
def test_untitled_citizen_letters_are_petitions_of_their_kind(verb_line, code):
    text = f"""CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bình Định, ngày 4 tháng 9 năm 2024
Kính gửi: Ủy ban nhân dân xã Phước Lộc
Tôi tên là: Phan Thị Hiền, sinh năm 1971
{verb_line}
Người viết đơn
Phan Thị Hiền"""
    meta = extract_metadata(text)
    assert meta.doc_type == code
    assert meta.issuer == "Phan Thị Hiền"


def test_petition_subject_from_vv_and_from_what_it_asks():
    with_vv = """ĐƠN PHẢN ÁNH
(V/v: tiếng ồn của cơ sở xay xát ban đêm)
Kính gửi: Ủy ban nhân dân phường Hòa Cường
Tôi tên là Lâm Văn Giả."""
    assert extract_metadata(with_vv).subject == (
        "Phản ánh về việc tiếng ồn của cơ sở xay xát ban đêm"
    )
    without = """ĐƠN KHIẾU NẠI
Kính gửi: Chủ tịch UBND huyện Tuy An
Họ và tên: Đỗ Văn Giả
Khiếu nại: Quyết định số 402/QĐ-UBND ngày 07/6/2024 của Chủ tịch UBND huyện Tuy An
về việc thu hồi đất.
NGƯỜI KHIẾU NẠI
Đỗ Văn Giả"""
    meta = extract_metadata(without)
    assert meta.subject == (
        "Khiếu nại Quyết định số 402/QĐ-UBND ngày 07/6/2024 của Chủ tịch UBND huyện Tuy An "
        "về việc thu hồi đất"
    )
    assert meta.signer == "Đỗ Văn Giả"


def test_party_report_number_header_and_standing_committee_signature():
    text = f"""{PARTY_HEADER}
BÁO CÁO
Kết quả công tác nội chính 6 tháng đầu năm 2023
I. TÌNH HÌNH CHUNG
Ban Nội chính đã tham mưu cho Ban Thường vụ.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
(Đã ký)
Đặng Quốc Giả"""
    meta = extract_metadata(text)
    assert (meta.doc_type, meta.number) == ("bao_cao", "45-BC/BNCTU")
    assert meta.issuer == "TỈNH ỦY HÀ TĨNH BAN NỘI CHÍNH"
    assert meta.issued_date == dt.date(2023, 8, 14)
    assert (meta.signer, meta.sign_authority) == ("Đặng Quốc Giả", "TM.")


def test_untitled_party_guidance_from_its_number():
    text = """ĐẢNG BỘ TỈNH QUẢNG TRỊ
ỦY BAN KIỂM TRA
Số 06-HD/UBKTTU
Đông Hà, ngày 11 tháng 1 năm 2022
Thực hiện Quy định của Ban Chấp hành Trung ương, Ủy ban Kiểm tra hướng dẫn như sau:"""
    meta = extract_metadata(text)
    assert (meta.doc_type, meta.number) == ("huong_dan", "06-HD/UBKTTU")


def test_excerpt_takes_the_quoted_documents_metadata():
    text = """Kết quả thanh tra việc bồi thường tại dự án Khu dân cư Bắc Sơn
(Trích báo cáo số 31/BC-TTr ngày 22/4/2020 của Thanh tra huyện Sơn Hòa)
Qua thanh tra cho thấy việc kiểm đếm tài sản trên đất còn sai sót."""
    meta = extract_metadata(text)
    assert meta.is_excerpt
    assert (meta.doc_type, meta.number) == ("bao_cao", "31/BC-TTr")
    assert meta.issued_date == dt.date(2020, 4, 22)
    assert meta.issuer == "Thanh tra huyện Sơn Hòa"


def test_ocr_noise_in_the_date_number_and_signer_lines():
    text = """UBND HUYỆN KRÔNG PẮC
THANH TRA HUYỆN
Số: 19/20 l8/KL-TTr
Krông Pắc, ngàv l4 tbáng O9 nărn 2O18
KẾT LUẬN THANH TRA
Về việc quản lý thu chi ngân sách tại xã Ea Phê
I. KẾT QUẢ KIỂM TRA
Thu chi đúng quy định.
CHÁNH THANH TRA
| HoàngMinh Giả ."""
    meta = extract_metadata(text)
    assert meta.number == "19/2018/KL-TTr"
    assert meta.issued_date == dt.date(2018, 9, 14)
    assert meta.signer == "Hoàng Minh Giả"
    assert "signer" in needs_review(meta.confidence)


def test_office_line_not_in_the_table_above_a_name():
    text = """KIỂM TOÁN NHÀ NƯỚC
Số: 7/QĐ-KTNN
Hà Nội, ngày 2 tháng 2 năm 2022
QUYẾT ĐỊNH
Về việc ban hành quy chế
Điều 1. Ban hành kèm theo Quyết định này quy chế.
TỔNG KIỂM TOÁN NHÀ NƯỚC
Ngô Văn Giả"""
    assert extract_metadata(text).signer == "Ngô Văn Giả"


def test_well_read_documents_need_no_review():
    text = f"""{PARTY_HEADER}
BÁO CÁO
Kết quả công tác nội chính năm 2023
I. TÌNH HÌNH
T/M BAN NỘI CHÍNH
TRƯỞNG BAN
Lê Văn Giả"""
    assert needs_review(extract_metadata(text).confidence) == []


def test_signature_read_across_the_recipients_column_of_a_scan():
    text = """UBND HUYỆN CÁT TIÊN
Số: 41/BC-UBND
Cát Tiên, ngày 6 tháng 6 năm 2023
BÁO CÁO
Tình hình tiếp công dân tháng 5
1. Kết quả
Nơi nhận:
- Như trên; KT. CHỦ TỊCH
- Lưu: VT, NC. PHÓ CHỦ TỊCH
(Đã ký)
Vương Thị Giả"""
    meta = extract_metadata(text)
    assert (meta.signer, meta.sign_authority) == ("Vương Thị Giả", "KT.")


def test_a_group_of_citizens_writing_is_a_petition_not_a_cong_van():
    text = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
V/v: xe tải chở cát làm hư hỏng đường liên thôn
Kính gửi: Ủy ban nhân dân xã Tân Lập
Chúng tôi cùng kiến nghị Ủy ban nhân dân xã cấm xe tải trọng lớn đi qua đường liên thôn."""
    assert extract_metadata(text).doc_type == "don_kien_nghi"


def test_plan_subject_starting_with_thuc_hien_and_its_wrapped_years():
    header = """ỦY BAN NHÂN DÂN
HUYỆN MỸ HÀO
Số: 140/KH-UBND
Mỹ Hào, ngày 8 tháng 8 năm 2022
KẾ HOẠCH"""
    prose = f"""{header}
Thực hiện Kết luận số 12-KL/TU của Ban Thường vụ Tỉnh ủy về công tác phòng, chống
tham nhũng, tiêu cực giai đoạn 2022 - 2025
I. MỤC ĐÍCH, YÊU CẦU"""
    assert extract_metadata(prose).subject == (
        "Thực hiện Kết luận số 12-KL/TU của Ban Thường vụ Tỉnh ủy về công tác phòng, chống "
        "tham nhũng, tiêu cực giai đoạn 2022 - 2025"
    )
    caps = f"""{header}
TRIỂN KHAI CÔNG TÁC TIẾP CÔNG DÂN GIAI ĐOẠN
2022 - 2025
Căn cứ Luật Tiếp công dân năm 2013;"""
    assert (
        extract_metadata(caps).subject == "TRIỂN KHAI CÔNG TÁC TIẾP CÔNG DÂN GIAI ĐOẠN 2022 - 2025"
    )
    body_first = f"""{header}
Thực hiện Kế hoạch số 30/KH-UBND ngày 2/3/2022 của Ủy ban nhân dân tỉnh, Ủy ban nhân dân
huyện xây dựng kế hoạch như sau:
I. MỤC ĐÍCH"""
    assert extract_metadata(body_first).subject is None


def test_petition_vv_line_after_the_petitioners_details():
    text = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
ĐƠN PHẢN ÁNH
Kính gửi: Ủy ban nhân dân phường Tân Định
Họ và tên: Lục Thị Giả
Địa chỉ: số 9 đường Hai Bà Trưng
Về việc: quán karaoke hoạt động quá giờ quy định
Tôi xin trình bày như sau."""
    assert extract_metadata(text).subject == (
        "Phản ánh về việc quán karaoke hoạt động quá giờ quy định"
    )


@pytest.mark.parametrize("title", ["._ ĐƠN TỐ CÁO", ""])
def test_scanned_petition_keeps_its_vv_subject_with_specks_or_without_a_title(title):
    text = f"""CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Cà Mau, ngày 3 tháng 1 năm 2024
{title}
(V/v: trưởng ấp thu tiền làm đường không có biên lai)
Kính gửi: Ủy ban Kiểm tra Huyện ủy
Tôi tên là: Hà Văn Giả, sinh năm 1960
Tôi làm đơn này tố cáo việc nêu trên, cụ thể như sau.
NGƯỜI TỐ CÁO
Hà Văn Giả"""
    meta = extract_metadata(text)
    assert meta.doc_type == "don_to_cao"
    assert meta.subject == "Tố cáo về việc trưởng ấp thu tiền làm đường không có biên lai"
