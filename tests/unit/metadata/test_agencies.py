"""The ten bodies: names, abbreviations, and the false friends that are not bodies."""

import pytest

from indexer.metadata import mentioned_agencies


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Ban Nội chính Tỉnh ủy chủ trì", ["noi_chinh"]),
        ("gửi BNC TU và UBKT Tỉnh ủy", ["noi_chinh", "uy_ban_kiem_tra"]),
        ("Ban Tổ chức Trung ương", ["to_chuc"]),
        ("Ban Tổ chức Tỉnh ủy Thái Bình", ["to_chuc"]),
        ("Ban Tuyên giáo Tỉnh ủy", ["tuyen_giao"]),
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy", ["tuyen_giao", "dan_van"]),
        ("Ban Dân vận Trung ương chủ trì", ["dan_van"]),
        ("Văn phòng Tỉnh uỷ Thái Bình", ["van_phong"]),
        ("Văn phòng Trung ương Đảng", ["van_phong"]),
        ("cơ quan ủy ban kiểm tra", ["uy_ban_kiem_tra"]),
        ("VKSND tỉnh, Viện KSND huyện", ["vien_kiem_sat"]),
        ("Viện kiểm sát nhân dân tối cao", ["vien_kiem_sat"]),
        ("TAND tỉnh", ["toa_an"]),
        ("Toà án nhân dân huyện", ["toa_an"]),
        ("CA tỉnh phối hợp", ["cong_an"]),
        ("Giám đốc Công an tỉnh", ["cong_an"]),
        ("Thông tư số 24/2020/TT-BCA", ["cong_an"]),
        ("Chánh Thanh tra tỉnh", ["thanh_tra"]),
        ("Thanh tra Chính phủ", ["thanh_tra"]),
        ("giao Thanh tra huyện kiểm tra", ["thanh_tra"]),
        (
            "LIÊN NGÀNH\nVIỆN KIỂM SÁT - TÒA ÁN - CÔNG AN - THANH TRA - CỤC THUẾ",
            ["vien_kiem_sat", "toa_an", "cong_an", "thanh_tra"],
        ),
        (
            "cơ quan tham mưu gồm: Văn phòng, ban tổ chức, ban tuyên giáo, ban dân vận.",
            ["to_chuc", "tuyen_giao", "dan_van", "van_phong"],
        ),
        ("UY BAN KIEM TRA TINH UY", ["uy_ban_kiem_tra"]),
        ("TỈNH ỦY THÁI BÌNH\nBAN TỔ CHỨC\n*\nSố 12-HD/BTCTU", ["to_chuc"]),
        ("TỈNH ỦY THÁI BÌNH\nVĂN PHÒNG\n*", ["van_phong"]),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG * Số 36-HD/VPTW", ["van_phong"]),
    ],
)
def test_bodies_are_found(text, codes):
    assert mentioned_agencies(text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "nâng cao hiệu quả giám sát, kiểm tra, thanh tra nhằm phòng ngừa",
        "GIÁM SÁT, KIỂM TRA, THANH TRA NHẰM PHÒNG NGỪA",
        "kế hoạch thanh tra hàng năm; Luật Thanh tra năm 2010; Đoàn thanh tra tỉnh",
        "công tác tổ chức, cán bộ",
        "Ban tổ chức của Chính phủ",
        "Ban tổ chức hội nghị đã chuẩn bị",
        "Chánh Văn phòng UBND tỉnh; Văn phòng Chính phủ; Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nThường trực Tỉnh ủy",
        "công tác dân vận, công tác tuyên giáo, công tác nội chính",
        "giải quyết việc làm, tạo công ăn việc làm",
        "Cơ quan điều tra; Cục Cảnh sát quản lý hành chính",
        "kiểm sát hoạt động tư pháp tại phiên tòa",
        "Thông tư liên tịch 87/2016/TTLT-BTC-BTNMT",
        "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH\nVĂN PHÒNG",
    ],
)
def test_false_friends_are_not_bodies(text):
    assert mentioned_agencies(text) == []
