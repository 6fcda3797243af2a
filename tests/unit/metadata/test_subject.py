"""Subject lines: under the title, wrapped, stopped by the authority line; petition matters."""

import pytest

from indexer.metadata.subject import petition_subject, subject_after


def test_caps_subject_stops_at_the_authority_line():
    lines = ["BAN HÀNH QUY CHẾ BẢO VỆ BÍ MẬT NHÀ NƯỚC", "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", "Căn cứ"]
    assert subject_after(lines, "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH") == lines[0]


def test_wrapped_caps_subject_is_joined():
    lines = [
        "THỰC HIỆN CHỈ THỊ SỐ 21/CT-TTG NGÀY 25/5/2020 CỦA THỦ TƯỚNG",
        "CHÍNH PHỦ VỀ TĂNG CƯỜNG PHÒNG NGỪA, XỬ LÝ HOẠT ĐỘNG",
        "LỪA ĐẢO CHIẾM ĐOẠT TÀI SẢN",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
    ]
    assert subject_after(lines, "ỦY BAN NHÂN DÂN") == " ".join(lines[:3])


def test_wrapped_prose_subject_is_joined():
    lines = [
        "Về việc ban hành Quy chế phối hợp giữa các cơ quan",
        "trong công tác tiếp công dân",
        "-----",
    ]
    assert (
        subject_after(lines, None)
        == "Về việc ban hành Quy chế phối hợp giữa các cơ quan trong công tác tiếp công dân"
    )


def test_line_ending_with_a_preposition_continues():
    lines = ["BAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ CỦA", "Ủy ban nhân dân các cấp", "Căn cứ Luật"]
    assert subject_after(lines, None) == "BAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ CỦA Ủy ban nhân dân các cấp"


@pytest.mark.parametrize(
    "first",
    [
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Kính gửi: Chính phủ",
        "Ngày 08/01/2024, Ban Thường vụ họp.",
    ],
)
def test_no_subject_when_the_body_starts(first):
    assert subject_after([first], None) is None


def test_without_a_title_only_marked_lines_are_subjects():
    assert (
        subject_after(["VỀ VIỆC BAN HÀNH QUY CHẾ"], None, under_title=False)
        == "VỀ VIỆC BAN HÀNH QUY CHẾ"
    )
    assert subject_after(["Tuyên Quang là tỉnh miền núi"], None, under_title=False) is None


def test_subject_printed_on_the_title_line():
    assert (
        subject_after(["Căn cứ"], None, rest="Hướng dẫn việc thẩm định")
        == "Hướng dẫn việc thẩm định"
    )


@pytest.mark.parametrize(
    ("code", "lines", "subject"),
    [
        (
            "don_kien_nghi",
            ["(V/v: chậm giải quyết vụ án tranh chấp)", "Kính gửi:"],
            "Kiến nghị về việc chậm giải quyết vụ án tranh chấp",
        ),
        (
            "don_khieu_nai",
            ["(V/v: khiếu nại quyết định thu hồi đất)"],
            "Khiếu nại quyết định thu hồi đất",
        ),
        (
            "don_khieu_nai",
            [
                "Kính gửi: Chủ tịch UBND huyện",
                "Khiếu nại: Quyết định số 12/QĐ-UBND ngày 10/01/2023",
                "Nội dung khiếu nại:",
            ],
            "Khiếu nại Quyết định số 12/QĐ-UBND ngày 10/01/2023",
        ),
        (
            "don_to_cao",
            [
                "Tôi xin tố cáo hành vi vi phạm của: ông Lý Văn Kiểm, đảng viên,",
                "Chủ tịch UBND xã An Giả.",
            ],
            "Tố cáo ông Lý Văn Kiểm, đảng viên, Chủ tịch UBND xã An Giả",
        ),
        ("don_phan_anh", ["Kính gửi: UBND xã", "Tôi xin trình bày như sau"], None),
    ],
)
def test_petition_subjects(code, lines, subject):
    assert petition_subject(code, lines) == subject
