import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.normalize import canonical_tones, fold, normalize_text, repair

WORDS = """
    cộng hòa hoà xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc ủy uỷ ban nhân dân tỉnh
    thủy thuỷ khỏe khoẻ quý qúy già gìa người khuỷu xoáy huyện quyết định số thông tư liên
    tịch tòa toà án viện kiểm sát tối cao thanh tra chính phủ đảng ủy ban nội chính tuyên
    giáo dân vận tổ chức văn phòng công an điều khoản khiếu nại tố cáo kiến nghị phản ánh
    giải quyết thẩm quyền trách nhiệm hướng dẫn thực hiện kế hoạch báo cáo kết luận đơn thư
    tiếp công dân hồ sơ vụ việc phòng chống tham nhũng lãng phí bảo vệ bí mật nhà nước
    khánh hòa hoà tuy thái bình quảng trị đông hà nha trang ngày tháng năm giữa gìn giữ
    hoạch huỳnh thuở ngoẹo khuya nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ
"""
VOCABULARY = WORDS.split()

SEPARATORS = [" ", ", ", ". ", "\n", " - ", ": "]


@st.composite
def vietnamese_text(draw) -> str:
    words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=30))
    cased = [draw(st.sampled_from([str.lower, str.title, str.upper]))(word) for word in words]
    text = cased[0]
    for word in cased[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + word
    return text


noisy_text = st.text(
    alphabet="aăâeêioôơuưyAĂÂEÊIOÔƠƯYbcdđghklmnpqrstvxĐÐð-–\n\r\t "
    "\u00a0\u200b\u00ad\u0300\u0301\u0303\u0309\u0323\x85",
    max_size=60,
)


@settings(deadline=None)
@given(st.one_of(st.text(), noisy_text, vietnamese_text()))
def test_normalize_text_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@settings(deadline=None)
@given(vietnamese_text())
def test_repair_leaves_unicode_vietnamese_alone(text):
    assert repair(text) == (text, "unicode")


@settings(deadline=None)
@given(vietnamese_text(), st.sampled_from(["NFC", "NFD"]))
def test_fold_ignores_normalisation(text, form):
    text = unicodedata.normalize(form, text)
    assert fold(normalize_text(text)) == fold(text)


@settings(deadline=None)
@given(st.one_of(st.text(), noisy_text, vietnamese_text()))
def test_canonical_tones_keeps_length_and_is_idempotent(text):
    canonical = canonical_tones(text)
    assert len(canonical) == len(unicodedata.normalize("NFC", text))
    assert canonical_tones(canonical) == canonical


@settings(deadline=None)
@given(vietnamese_text())
def test_canonical_tones_only_moves_marks(text):
    assert fold(canonical_tones(text)) == fold(text)
