"""Confidentiality, urgency and draft marks on lines of their own."""

import pytest

from indexer.metadata.marks import is_mark, read_marks


@pytest.mark.parametrize(
    ("line", "confidentiality"),
    [
        ("MẬT", "mat"),
        ("TỐI MẬT", "toi_mat"),
        ("TUYỆT MẬT", "tuyet_mat"),
        ("Độ mật: Tối mật", "toi_mat"),
    ],
)
def test_confidentiality(line, confidentiality):
    assert read_marks(["ỦY BAN NHÂN DÂN", line, "Số: 1/BC-UBND"]).confidentiality == confidentiality


@pytest.mark.parametrize(
    ("line", "urgency"),
    [
        ("KHẨN", "khan"),
        ("THƯỢNG KHẨN", "thuong_khan"),
        ("HỎA TỐC", "hoa_toc"),
        ("HOẢ TỐC", "hoa_toc"),
        ("HỎA TỐC HẸN GIỜ", "hoa_toc"),
    ],
)
def test_urgency(line, urgency):
    assert read_marks([line]).urgency == urgency


@pytest.mark.parametrize("line", ["DỰ THẢO", "(Dự thảo)", "Dự thảo lần 2", "DỰ THẢO 3"])
def test_draft(line):
    assert read_marks([line]).is_draft


@pytest.mark.parametrize(
    "line",
    [
        "Bảo vệ bí mật nhà nước",
        "mật",
        "khẩn trương thực hiện",
        "Về dự thảo Nghị định quy định chi tiết",
        "QUY CHẾ BẢO VỆ BÍ MẬT NHÀ NƯỚC",
    ],
)
def test_prose_is_not_a_mark(line):
    assert read_marks([line]) == read_marks([])
    assert not is_mark(line)


def test_scope_marks_are_marks_but_not_levels():
    assert is_mark("LƯU HÀNH NỘI BỘ")
    assert read_marks(["LƯU HÀNH NỘI BỘ"]).confidentiality == "thuong"
