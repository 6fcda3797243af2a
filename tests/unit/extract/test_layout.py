"""Header columns and reading order from positioned text (PDF boxes, OCR lines)."""

from __future__ import annotations

from indexer.extract.layout import Segment, header_lines, reading_order, split_header

WIDTH, HEIGHT = 595.0, 842.0


def seg(x0: float, x1: float, top: float, text: str, lines: int = 1) -> Segment:
    return Segment(x0=x0, x1=x1, top=top, bottom=top + 12.5 * lines, text=text)


STATE_HEADER = [
    seg(140, 257, 56, "ỦY BAN NHÂN DÂN"),
    seg(142, 255, 76, "TỈNH THANH HÓA"),
    seg(184, 213, 95, "-------"),
    seg(148, 249, 115, "Số: 3889/QĐ-UBND"),
    seg(328, 522, 56, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\n", lines=2),
    seg(349, 502, 92, "Độc lập - Tự do - Hạnh phúc"),
    seg(394, 456, 112, "---------------"),
    seg(328, 523, 131, "Thanh Hóa, ngày 05 tháng 10 năm 2015"),
]


def test_state_header_split_at_the_midline() -> None:
    title = seg(269, 355, 177, "QUYẾT ĐỊNH")
    split = split_header([*STATE_HEADER, title], 0, WIDTH, HEIGHT)
    assert split.left_lines == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH THANH HÓA",
        "-------",
        "Số: 3889/QĐ-UBND",
    ]
    assert split.right_lines == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "---------------",
        "Thanh Hóa, ngày 05 tháng 10 năm 2015",
    ]
    assert split.body == [title]


def test_header_ends_at_a_blank_band_even_off_centre() -> None:
    """ "Kính gửi:" sits a little right of the midline, after a gap below the header."""
    kinh_gui = seg(287, 337, 177, "Kính gửi:")
    split = split_header([*STATE_HEADER, kinh_gui], 0, WIDTH, HEIGHT)
    assert split.found and split.body == [kinh_gui]


def test_a_centred_motto_is_no_two_column_header() -> None:
    petition = [
        seg(182, 442, 56, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        seg(236, 388, 76, "Độc lập - Tự do - Hạnh phúc"),
        seg(221, 403, 115, "Thái Bình, ngày 15 tháng 3 năm 2023"),
    ]
    split = split_header(petition, 0, WIDTH, HEIGHT)
    assert not split.found and split.body == petition


def test_rows_of_the_header_ordered_like_nd30() -> None:
    left = ["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA", "-------", "Số: 3889/QĐ-UBND"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "-----",
             "Thanh Hóa, ngày 05 tháng 10 năm 2015"]  # fmt: skip
    assert header_lines(left, right) == [left[0], left[1], left[2], *right[:3], left[3], right[3]]


def test_rows_without_rule_lines_are_cut_at_number_and_date() -> None:
    left = ["BAN CHẤP HÀNH TRUNG ƯƠNG", "Số 137-QĐ/TW"]
    right = ["ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Nội, ngày 01 tháng 12 năm 2023"]
    assert header_lines(left, right) == [left[0], right[0], left[1], right[1]]


def test_reading_order_top_down_and_side_by_side_blocks_left_first() -> None:
    body = seg(85, 538, 300, "Điều 3. Chánh Văn phòng...")
    signer = seg(352, 539, 402, "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n", lines=2)
    recipients = seg(85, 200, 400, "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n", lines=3)
    heading = seg(85, 200, 250, "I. MỤC TIÊU")
    assert reading_order([signer, body, recipients, heading]) == [
        heading,
        body,
        recipients,
        signer,
    ]


def test_place_and_date_line_far_below_the_motto_stays_in_the_right_column() -> None:
    """OCR may read the date line after a blank band, or wider, than the motto above it."""
    header = [
        seg(120, 260, 50, "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"),
        seg(150, 230, 70, "Số: 17/STNMT-VP"),
        seg(330, 520, 50, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        seg(360, 490, 70, "Độc lập - Tự do - Hạnh phúc"),
    ]
    date = seg(200, 560, 125, "Quảng Ngãi, ngay 03 thang 7 nam 2024")
    title = seg(250, 345, 160, "THÔNG BÁO")
    split = split_header([*header, date, title], 0, WIDTH, HEIGHT)
    assert split.right_lines[-1] == "Quảng Ngãi, ngay 03 thang 7 nam 2024"
    assert split.left_lines == ["SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Số: 17/STNMT-VP"]
    assert split.body == [title]


def test_a_dated_body_line_after_the_header_is_not_taken_into_it() -> None:
    """Only a place-and-date line joins the header; a body line mentioning a date does not."""
    citation = seg(300, 560, 190, "Căn cứ Nghị định 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020")
    split = split_header([*STATE_HEADER, citation], 0, WIDTH, HEIGHT)
    assert split.found and split.body == [citation]
