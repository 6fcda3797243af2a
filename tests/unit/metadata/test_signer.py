"""Signature blocks: authority prefixes, office lines, stamps and names."""

import pytest

from indexer.metadata.signer import Signature, is_person_name, petitioner_name, read_signature


@pytest.mark.parametrize(
    ("lines", "signature"),
    [
        (["TM. UỶ BAN NHÂN DÂN", "CHỦ TỊCH", "Doãn Văn Hưởng"], Signature("Doãn Văn Hưởng", "TM.")),
        (
            ["KT.BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Nguyễn Cao Lục"],
            Signature("Nguyễn Cao Lục", "KT."),
        ),
        (
            [
                "K/T VIỆN TRƯỞNG",
                "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO",
                "PHÓ VIỆN TRƯỞNG",
                "Đã ký: Vũ Đức Khiển",
            ],
            Signature("Vũ Đức Khiển", "KT."),
        ),
        (
            ["T/M BỘ CHÍNH TRỊ", "TỔNG BÍ THƯ", "(đã ký)", "Nông Đức Mạnh"],
            Signature("Nông Đức Mạnh", "TM."),
        ),
        (["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Lê Văn Cường"], Signature("Lê Văn Cường", "TL.")),
        (["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG", "Đỗ Văn Minh"], Signature("Đỗ Văn Minh", "TUQ.")),
        (["Q. CHÁNH ÁN", "Phan Thị Hà"], Signature("Phan Thị Hà", "Q.")),
        (["- Lưu: VT, V10.", "VIỆN TRƯỞNG", "Lê Minh Trí"], Signature("Lê Minh Trí", None)),
        (
            ["NGƯỜI KHIẾU NẠI", "(Chữ ký hoặc điểm chỉ)", "Nguyễn Văn Mẫu"],
            Signature("Nguyễn Văn Mẫu", None),
        ),
        (["GIÁM ĐỐC", "Đại tá Nguyễn Văn Hùng"], Signature("Nguyễn Văn Hùng", None)),
        (
            ["Điều 2.- Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành.", "Tố Hữu", "(Đã ký)"],
            Signature("Tố Hữu", None),
        ),
    ],
)
def test_signature_blocks(lines, signature):
    assert read_signature(lines) == signature


@pytest.mark.parametrize(
    "lines",
    [
        ["Điều 2. Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký."],
        [
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THANH HÓA",
            "Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;",
        ],
        ["Xin trân trọng cảm ơn!"],
    ],
)
def test_no_signer_when_none_is_printed(lines):
    assert read_signature(lines) == Signature(None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lê Minh Trí", True),
        ("Bùi Thị Mẫu Đơn", True),
        ("Hà nội", False),
        ("CHỦ TỊCH", False),
        ("A", False),
    ],
)
def test_person_names(text, expected):
    assert is_person_name(text) is expected


@pytest.mark.parametrize(
    "line",
    [
        "Họ và tên: Nguyễn Văn Mẫu;",
        "Họ và tên người tố cáo: Nguyễn Văn Mẫu",
        "Tôi tên là: Nguyễn Văn Mẫu, sinh năm 1970",
    ],
)
def test_petitioner_name(line):
    assert petitioner_name(["Kính gửi: UBND xã", line]) == "Nguyễn Văn Mẫu"
