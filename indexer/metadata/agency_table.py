"""How texts name the ten bodies hoso tags (docs/contracts.md codes; docs/domain.md §3.2, §4.7).

Data only; ``agencies.py`` is the matcher. Phrases are written in Vietnamese and matched
without diacritics or case (OCR output and "Uỷ/Ủy" variants included). ``abbreviations``
are regular expressions matched case-sensitively on the printed text, because in lower
case they are ordinary syllables ("CA tỉnh" vs "ca", "TU" vs "tu").

A phrase with conditions counts only when one of them holds; this is how the common
words are kept apart from the bodies:
- "văn phòng" and "ban tổ chức" are a Party body only next to a Party committee
  ("Văn phòng Tỉnh ủy", "Ban Tổ chức Trung ương"), under a Party committee in a header
  ("TỈNH ỦY THÁI BÌNH" / "BAN TỔ CHỨC"), or bare inside a list of Party bodies
  ("gồm: Văn phòng, ban tổ chức, ban tuyên giáo, ...") — not "Văn phòng UBND tỉnh",
  "Văn phòng Chính phủ", "Ban tổ chức của Chính phủ" or an event's "Ban tổ chức hội nghị";
- "thanh tra" is the inspectorate with a level ("Thanh tra tỉnh", "Thanh tra Chính phủ"),
  after "Chánh"/"Tổng"/"cơ quan"/"ngành", or as an item of a joint issuer list
  ("CÔNG AN - THANH TRA - ..."); "kế hoạch thanh tra", "Luật Thanh tra" are the activity;
- "ủy ban kiểm tra" is always the Party commission; "kiểm tra" alone is the activity;
- "công an" is the police, "công ăn việc làm" (jobs) is not; "cơ quan điều tra" and
  "Cục Cảnh sát ..." are not tagged (they may belong to the procuracy or the army).
The merged "Ban Tuyên giáo và Dân vận" (2025) counts as both tuyen_giao and dan_van.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Name:
    phrase: str
    followed_by: tuple[str, ...] = ()
    followed_by_caps: tuple[str, ...] = ()  # printed capitals after the phrase ("TU")
    preceded_by: tuple[str, ...] = ()
    bare_in_party_list: bool = False
    under_party_committee: bool = False  # a header line below "TỈNH ỦY X" ("BAN TỔ CHỨC")
    in_issuer_list: bool = False  # an item of "A - B - C" in capitals
    not_preceded_by: tuple[str, ...] = ()
    not_followed_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Agency:
    names: tuple[Name, ...]
    abbreviations: tuple[str, ...] = ()


PARTY_COMMITTEES = (
    "trung ương",
    "tỉnh ủy",
    "thành ủy",
    "huyện ủy",
    "quận ủy",
    "thị ủy",
    "đảng ủy",
    "cấp ủy",
)
PARTY_COMMITTEE_CAPS = ("TU", "TW", "TƯ", "HU", "QU", "ĐU")
# Header lines naming the Party committee above one of its bodies.
PARTY_COMMITTEE_LINES = (
    "tỉnh ủy",
    "thành ủy",
    "huyện ủy",
    "quận ủy",
    "thị ủy",
    "đảng ủy",
    "đảng bộ",
    "ban chấp hành trung ương",
)
# Bodies near a bare "văn phòng" / "ban tổ chức" list item that make it a list of Party bodies.
PARTY_CONTEXT = ("ban tuyên giáo", "ban dân vận", "ban nội chính", "ủy ban kiểm tra")
STATE_LEVELS = (
    "chính phủ",
    "tỉnh",
    "thành phố",
    "huyện",
    "quận",
    "thị xã",
    "bộ",
    "sở",
    "tổng cục",
    "cục",
    "nhà nước",
    "tp",
    "cp",
)
INSPECTION_ACTIVITY = (
    "luật",
    "đoàn",
    "cuộc",
    "kế hoạch",
    "hoạt động",
    "công tác",
    "tiến hành",
    "quy trình",
    "kết luận",
    "thời hạn",
    "đối tượng",
    "nội dung",
    "việc",
    "kiểm tra",
    "đã",
    "sẽ",
    "được",
    "bị",
    "chưa",
    "đang",
    "cần",
    "phải",
)

AGENCIES: dict[str, Agency] = {
    "noi_chinh": Agency(
        names=(Name("ban nội chính"),),
        abbreviations=(r"BNC(?:TU|TW|TƯ|HU)?",),
    ),
    "to_chuc": Agency(
        names=(
            Name(
                "ban tổ chức",
                under_party_committee=True,
                followed_by=PARTY_COMMITTEES,
                followed_by_caps=PARTY_COMMITTEE_CAPS,
                bare_in_party_list=True,
            ),
        ),
        abbreviations=(r"BTC(?:TU|TW|TƯ|HU)", r"BTC\s+(?:Tỉnh|Thành|Huyện)\s+[uủ][yỷ]"),
    ),
    "tuyen_giao": Agency(
        names=(Name("ban tuyên giáo"),),
        abbreviations=(r"BTG(?:TU|TW|TƯ|HU)?",),
    ),
    "dan_van": Agency(
        names=(Name("ban dân vận"), Name("ban tuyên giáo và dân vận")),
        abbreviations=(r"BDV(?:TU|TW|TƯ|HU)?", r"BTGDV(?:TU|TW|TƯ)?"),
    ),
    "van_phong": Agency(
        names=(
            Name(
                "văn phòng",
                under_party_committee=True,
                followed_by=(*PARTY_COMMITTEES, "trung ương đảng"),
                followed_by_caps=PARTY_COMMITTEE_CAPS,
                bare_in_party_list=True,
            ),
        ),
        abbreviations=(r"VP(?:TU|TW|TƯ|HU)",),
    ),
    "uy_ban_kiem_tra": Agency(
        names=(Name("ủy ban kiểm tra"),),
        abbreviations=(r"UBKT(?:TU|TW|TƯ|HU)?",),
    ),
    "vien_kiem_sat": Agency(
        names=(Name("viện kiểm sát"), Name("viện ksnd"), Name("viện ks")),
        abbreviations=(r"VKS(?:ND)?(?:TC|CC|QS)?", r"VKSTC"),
    ),
    "toa_an": Agency(
        names=(Name("tòa án"),),
        abbreviations=(r"TAND(?:TC|CC)?", r"TAQS"),
    ),
    "cong_an": Agency(
        names=(Name("công an", not_followed_by=("việc làm",)),),
        abbreviations=(
            r"BCA",
            r"CAT",
            r"CAND",
            r"CA\s+(?:tỉnh|huyện|quận|xã|phường|thị xã|thành phố|TP)",
        ),
    ),
    "thanh_tra": Agency(
        names=(
            Name(
                "thanh tra",
                followed_by=STATE_LEVELS,
                preceded_by=("chánh", "phó chánh", "tổng", "cơ quan", "ngành"),
                in_issuer_list=True,
                not_preceded_by=INSPECTION_ACTIVITY,
            ),
        ),
        abbreviations=(r"TTCP",),
    ),
}
