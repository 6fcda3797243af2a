"""Repeat petitions: the similarity measure and its threshold, matching the same person, and
removing identities from copies (pure functions, no services)."""

from __future__ import annotations

from indexer.normalize import fold
from records.models import Petitioner
from records.petitions.identity import PetitionerData, address_key, name_key, phone_key, redact
from records.petitions.repeats import (
    CONTENT_THRESHOLD,
    content_similarity,
    same_person,
    same_respondent,
)

FIRST = (
    "Khiếu nại Quyết định số 125/QĐ-UBND ngày 12/3/2026 của UBND xã Tân Phong về việc thu hồi "
    "320 m2 đất nông nghiệp của gia đình tôi tại thửa số 45, tờ bản đồ số 7 mà không bồi "
    "thường thỏa đáng."
)
RESENT = (
    "Tôi khiếu nại Quyết định số 125/QĐ-UBND ngày 12/3/2026 của UBND xã Tân Phong về việc thu "
    "hồi 320 m2 đất nông nghiệp của gia đình tôi tại thửa số 45, tờ bản đồ số 7 nhưng không "
    "bồi thường thỏa đáng, đề nghị xem xét."
)
RETOLD = (
    "Đề nghị xem xét lại việc UBND xã Tân Phong ra Quyết định 125/QĐ-UBND thu hồi đất nông "
    "nghiệp thửa số 45 tờ bản đồ số 7 của gia đình tôi, mức bồi thường không thỏa đáng."
)
RETOLD_SHORT = (
    "Gia đình tôi bị UBND xã Tân Phong thu hồi 320 m2 đất nông nghiệp (thửa 45, tờ bản đồ 7) "
    "theo Quyết định 125/QĐ-UBND nhưng bồi thường quá thấp, đề nghị giải quyết."
)
OTHER_MATTERS = (
    "Tố cáo ông Trần Văn C, cán bộ địa chính xã Tân Phong, nhận tiền của người dân để làm giấy "
    "chứng nhận quyền sử dụng đất nhanh.",
    "Khiếu nại việc UBND xã Tân Phong không giải quyết chế độ trợ cấp người có công cho mẹ tôi "
    "từ năm 2024 đến nay.",
)


def test_threshold_separates_repeats_from_other_matters() -> None:
    assert content_similarity(FIRST, RESENT, fold) > 0.8
    for retold in (RETOLD, RETOLD_SHORT):
        assert CONTENT_THRESHOLD <= content_similarity(FIRST, retold, fold) < 0.4
    for other in OTHER_MATTERS:
        assert content_similarity(FIRST, other, fold) < 0.1
    # Typed without diacritics, the same letter is still the same letter.
    assert content_similarity(FIRST, fold(FIRST), fold) == 1.0


def _person(name: str, address: str = "", number: str = "", phone: str = "") -> Petitioner:
    return Petitioner(
        name=name,
        address=address,
        id_number=number,
        phone=phone,
        name_key=name_key(name, fold),
        id_key="".join(c for c in number if c.isdigit()),
        phone_key=phone_key(phone),
        address_key=address_key(address, fold),
    )


def test_same_person_needs_the_name_and_one_more_identifier() -> None:
    an = _person("Nguyễn Văn An", "Thôn 3, xã Tân Phong", "001080012345", "0912 345 678")
    assert same_person(an, _person("NGUYEN VAN AN", "thon 3 xa Tan Phong"))
    assert same_person(an, _person("Nguyễn Văn An", "", "", "+84 912345678"))
    assert same_person(an, _person("Nguyễn Văn An", "", "001080012345"))
    assert not same_person(an, _person("Nguyễn Văn An"))  # a name alone is not enough
    assert not same_person(an, _person("Nguyễn Văn An", "Thôn 3, xã Tân Phong", "001080099999"))
    # Folding cannot tell "Ân" from "An": one more reason a match is only a suggestion.
    assert same_person(an, _person("Nguyễn Văn Ân", "Thôn 3, xã Tân Phong"))


def test_same_respondent() -> None:
    assert same_respondent(
        "Chủ tịch UBND xã Tân Phong", "ông Lê B, Chủ tịch UBND xã Tân Phong", fold
    )
    assert same_respondent("", "", fold)
    assert not same_respondent("UBND xã Tân Phong", "Công an huyện", fold)
    assert not same_respondent("UBND xã Tân Phong", "", fold)


def test_redact_hides_names_numbers_and_addresses_whatever_the_spelling() -> None:
    people = [_person("Trần Thị Bình", "Tổ 5, phường Trần Hưng Đạo", "034190001234", "0987654321")]
    text = (
        "Bà TRAN THI BINH (CCCD 034190001234, ĐT 0987654321) ở tổ 5 phường Trần Hưng Đạo tố "
        "cáo ông Lê Văn C; bà Trần Thị Bình đề nghị giữ bí mật."
    )
    redacted = redact(text, people, fold)
    assert redacted == (
        "Bà […] (CCCD […], ĐT […]) ở […] tố cáo ông Lê Văn C; bà […] đề nghị giữ bí mật."
    )
    assert redact("Không có tên", [], fold) == "Không có tên"


def test_blank_petitioner_rows_are_ignored() -> None:
    assert PetitionerData("  ").is_blank()
    assert not PetitionerData("", "Thôn 1").is_blank()
