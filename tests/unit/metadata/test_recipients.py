"""Recipients from "Kính gửi" and "Nơi nhận", without cross-references and archive lines."""

from indexer.metadata.recipients import read_recipients


def test_kinh_gui_on_one_line():
    assert read_recipients(["Kính gửi: Chính phủ", "Thực hiện ..."]) == ["Chính phủ"]


def test_kinh_gui_list_and_noi_nhan():
    lines = [
        "Kính gửi:",
        "- Bộ Tài nguyên và Môi trường;",
        "- Ủy ban nhân dân tỉnh Long An.",
        "Về đề nghị của Ủy ban nhân dân tỉnh Long An ...",
        "Nơi nhận:",
        "- Như trên;",
        "- Thủ tướng, các PTTg;",
        "- VPCP: BTCN, các PCN; TGĐ Cổng TTĐT;",
        "- Lưu: VT, NN(3b).NTT",
        "KT. BỘ TRƯỞNG, CHỦ NHIỆM",
    ]
    assert read_recipients(lines) == [
        "Bộ Tài nguyên và Môi trường",
        "Ủy ban nhân dân tỉnh Long An",
        "Thủ tướng, các PTTg",
        "VPCP: BTCN, các PCN",
        "TGĐ Cổng TTĐT",
    ]


def test_party_style_with_plus_items_and_nhu_dieu():
    lines = [
        "Nơi nhận:",
        "+ Như Điều 3,",
        "+ Thường trực Tỉnh ủy,",
        "+ Lưu Văn phòng Tỉnh ủy.",
        "T/M BAN THƯỜNG VỤ",
    ]
    assert read_recipients(lines) == ["Thường trực Tỉnh ủy"]


def test_label_followed_by_the_other_column_first():
    lines = ["Nơi nhận:", "KT. CHỦ TỊCH", "- Sở Tư pháp;", "- Lưu: VT."]
    assert read_recipients(lines) == ["Sở Tư pháp"]


def test_no_duplicates():
    lines = ["Kính gửi: Thanh tra tỉnh", "Nơi nhận:", "- Thanh tra tỉnh;", "- Lưu: VT."]
    assert read_recipients(lines) == ["Thanh tra tỉnh"]
