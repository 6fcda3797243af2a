"""Document types: the title line, the type abbreviation in the symbol, and the codes.

The title line ("QUYẾT ĐỊNH", "KẾ HOẠCH", "ĐƠN KHIẾU NẠI"...) decides first; the symbol
only when there is no title (docs/domain.md §1.2: a Party "Quy định" often carries QĐ, and in a
công văn the first symbol element is the issuer, not a type).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.metadata.numbers import NumberParts
from indexer.metadata.text import afold, caps_ratio, words_pattern

OTHER = "other"
PETITIONS = ("don_khieu_nai", "don_to_cao", "don_kien_nghi", "don_phan_anh")
# Resolved later from the symbol, the issuer or the content.
_CONCLUSION = "?ket_luan"
_PETITION = "?don"

# Title words -> code. Longest phrases are tried first.
TITLES: dict[str, str] = {
    "quyết định": "quyet_dinh",
    "chỉ thị": "chi_thi",
    "quy chế": "quy_che",
    "kế hoạch": "ke_hoach",
    "báo cáo": "bao_cao",
    "kết luận thanh tra": "ket_luan_thanh_tra",
    "kết luận": _CONCLUSION,
    "thông báo": "thong_bao",
    "biên bản": "bien_ban",
    "công văn": "cong_van",
    "nghị quyết": "nghi_quyet",
    "hướng dẫn": "huong_dan",
    "tờ trình": "to_trinh",
    "đơn khiếu nại": "don_khieu_nai",
    "đơn tố cáo": "don_to_cao",
    "đơn tố giác": "don_to_cao",
    "đơn kiến nghị": "don_kien_nghi",
    "đơn đề nghị": "don_kien_nghi",
    "đơn phản ánh": "don_phan_anh",
    "thư khiếu nại": "don_khieu_nai",
    "thư tố cáo": "don_to_cao",
    "thư kiến nghị": "don_kien_nghi",
    "thư phản ánh": "don_phan_anh",
    "đơn": _PETITION,
    "đơn thư": _PETITION,
    "quy định": OTHER,
    "thông tư liên tịch": OTHER,
    "thông tư": OTHER,
    "thông tri": OTHER,
    "thông cáo": OTHER,
    "nghị định": OTHER,
    "luật": OTHER,
    "bộ luật": OTHER,
    "pháp lệnh": OTHER,
    "chương trình": OTHER,
    "đề án": OTHER,
    "phương án": OTHER,
    "dự án": OTHER,
    "công điện": OTHER,
    "giấy mời": OTHER,
    "giấy giới thiệu": OTHER,
    "giấy ủy quyền": OTHER,
    "phiếu chuyển": OTHER,
    "phiếu gửi": OTHER,
    "phiếu báo": OTHER,
    "hợp đồng": OTHER,
    "bản ghi nhớ": OTHER,
    "bản thỏa thuận": OTHER,
    "bản án": OTHER,
    "cáo trạng": OTHER,
    "điều lệ": OTHER,
}
# Folded title words -> code, for titles written in running text ("Quyết định số ...").
TITLE_CODES = {afold(phrase): code for phrase, code in TITLES.items()}
# Titles that only count when they are the whole line ("ĐƠN VỊ ..." is not a petition).
_WHOLE_LINE_ONLY = frozenset({"đơn", "đơn thư", "luật"})
_DENUNCIATION_LETTER = TITLES["đơn tố cáo"]
#: A petition title that also denounces ("ĐƠN KHIẾU NẠI VÀ TỐ CÁO", "ĐƠN KIẾN NGHỊ - TỐ
#: CÁO") names a denouncer like any denunciation, so it is typed (and protected) as one.
_DENOUNCES = re.compile(r"\bto\s*(?:cao|giac)\b")

# Type abbreviations inside a symbol (ND 30 App. III, TT 01/2011, HD 36).
SYMBOL_TYPES: dict[str, str] = {
    "NQ": "nghi_quyet",
    "QĐ": "quyet_dinh",
    "CT": "chi_thi",
    "QC": "quy_che",
    "QYĐ": OTHER,
    "QĐI": OTHER,
    "KL": _CONCLUSION,
    "TB": "thong_bao",
    "TC": OTHER,
    "TT": OTHER,
    "TTLT": OTHER,
    "NĐ": OTHER,
    "HD": "huong_dan",
    "CTR": OTHER,
    "KH": "ke_hoach",
    "PA": OTHER,
    "ĐA": OTHER,
    "DA": OTHER,
    "BC": "bao_cao",
    "BB": "bien_ban",
    "TTR": "to_trinh",
    "HĐ": OTHER,
    "CĐ": OTHER,
    "CV": "cong_van",
    "GM": OTHER,
    "GGT": OTHER,
    "GUQ": OTHER,
    "GNP": OTHER,
    "PG": OTHER,
    "PC": OTHER,
    "PB": OTHER,
    "SY": OTHER,
    "TRS": OTHER,
    "SL": OTHER,
    "BGN": OTHER,
    "BTT": OTHER,
}


def _ascii_symbol_types() -> dict[str, str]:
    """Symbol types typed without Đ ("QD"), keeping only the unambiguous ones (HD ≠ HĐ)."""
    table: dict[str, set[str]] = {}
    for abbr, code in SYMBOL_TYPES.items():
        table.setdefault(afold(abbr).upper(), set()).add(code)
    return {abbr: codes.pop() for abbr, codes in table.items() if len(codes) == 1}


_SYMBOL_TYPES_ASCII = _ascii_symbol_types()


def _title_pattern(phrase: str) -> re.Pattern[str]:
    # Words may be glued by the extraction ("KẾHOẠCH"), so the spaces are optional.
    glued = words_pattern(phrase).replace(r"\s+", r"\s*")
    return re.compile(rf"^{glued}(?=\s|$)")


_TITLE_RULES = [
    (phrase, code, _title_pattern(phrase))
    for phrase, code in sorted(TITLES.items(), key=lambda item: -len(item[0]))
]
_SELF_REFERENCE = re.compile(
    r"\b(quyet\s+dinh|quy\s+dinh|quy\s+che|ke\s+hoach|chi\s+thi|thong\s+bao|bao\s+cao|"
    r"huong\s+dan|nghi\s+quyet|to\s+trinh|cong\s+van|thong\s+tu)\s+nay\b"
)
_PETITION_KINDS = (
    ("khieu nai", "don_khieu_nai"),
    ("to cao", "don_to_cao"),
    ("kien nghi", "don_kien_nghi"),
    ("phan anh", "don_phan_anh"),
)


@dataclass(frozen=True)
class Title:
    """A type title line. ``rest`` is subject text printed on the same line, if any."""

    code: str
    rest: str


def match_title(line: str) -> Title | None:
    """The type title at the start of ``line`` ("QUYẾT ĐỊNH", "THÔNG TƯ LIÊN TỊCH Hướng dẫn...").

    A title is written in capitals and never ends with a colon (that is the operative
    "QUYẾT ĐỊNH:" line). Text after it is either the issuing authority ("QUYẾT ĐỊNH CỦA BỘ
    TRƯỞNG...", dropped), a petition qualifier ("ĐƠN KHIẾU NẠI LẦN HAI", dropped), or the
    subject printed on the same line.
    """
    stripped = line.strip()
    if stripped.endswith(":"):
        return None
    folded = afold(stripped)
    for phrase, code, pattern in _TITLE_RULES:
        match = pattern.match(folded)
        if not match:
            continue
        if caps_ratio(stripped[: match.end()]) < 0.75:
            return None
        rest = stripped[match.end() :].strip()
        if rest and phrase in _WHOLE_LINE_ONLY:
            return None
        if code in PETITIONS and _DENOUNCES.search(afold(rest)):
            code = _DENUNCIATION_LETTER
        if rest and (code in PETITIONS or code == _PETITION or afold(rest).startswith("cua ")):
            rest = ""
        return Title(code=code, rest=rest)
    return None


def symbol_type(parts: NumberParts) -> str | None:
    """Type code from the symbol's type element, or None when it holds no known type."""
    candidate = parts.type_candidate
    if candidate is None:
        return None
    upper = candidate.upper()
    return SYMBOL_TYPES.get(upper) or _SYMBOL_TYPES_ASCII.get(afold(upper).upper())


def self_reference_type(body: str) -> str | None:
    """The type a text gives itself: "Quyết định này...", "Quy định này quy định...".

    Used when the title line is missing and the symbol is ambiguous (Party QĐ is both
    Quyết định and Quy định).
    """
    match = _SELF_REFERENCE.search(afold(body))
    if match is None:
        return None
    return TITLE_CODES.get(" ".join(match.group(1).split()))


def _petition_kind(context: str) -> str:
    folded = afold(context)
    found = [(folded.find(word), code) for word, code in _PETITION_KINDS if word in folded]
    return min(found)[1] if found else OTHER


def _conclusion_kind(parts: NumberParts | None, issuer: str | None, context: str) -> str:
    inspectorate = parts is not None and any(afold(p) == "ttr" for p in parts.symbol[1:])
    if inspectorate or "thanh tra" in afold(issuer or "") or "thanh tra" in afold(context):
        return "ket_luan_thanh_tra"
    return OTHER


# A citizen writing in the first person, or signing as one ("NGƯỜI KHIẾU NẠI").
_PETITIONER = re.compile(
    r"(?:^|\n)\s*(?:toi\s+ten\s+la|ten\s+toi\s+la|toi\s+la\b|ho\s+(?:va\s+)?ten(?:\s+nguoi\s+\w+\s+\w+)?\s*:)"
    r"|\btoi\s+(?:xin\s+|lam\s+don\s+(?:nay\s+)?(?:de\s+)?)?(?:khieu\s+nai|to\s+cao|kien\s+nghi|phan\s+anh)\b"
    r"|\bnguoi\s+(?:khieu\s+nai|to\s+cao|kien\s+nghi|phan\s+anh)\s*(?:\n|$)"
    r"|\bchung\s+toi\s+(?:xin\s+|cung\s+|lam\s+don\s+(?:nay\s+)?)?(?:khieu\s+nai|to\s+cao|kien\s+nghi|phan\s+anh)\b"
)
# What the opening of a document without a title does: announce, report, record.
_NOTICE = re.compile(
    r"\b(?:xin\s+|tran\s+trong\s+)?thong\s+bao\b"
    r"|\blich\s+(?:tiep\s+cong\s+dan|lam\s+viec|cong\s+tac)\b"
)
_REPORT = re.compile(
    r"\b(?:xin|kinh|tran\s+trong)\s+bao\s+cao\b"
    r"|\bbao\s+cao\s+(?:nhu\s+sau|ket\s+qua|tinh\s+hinh)\b"
)
_MINUTES = re.compile(r"\bhom\s+nay,?\s+(?:vao\s+)?(?:hoi\s+)?\d|\bchung\s+toi\s+gom\b")
_CONTENT_TYPES = ((_NOTICE, "thong_bao"), (_REPORT, "bao_cao"), (_MINUTES, "bien_ban"))
_ADDRESSEE = re.compile(r"(?:^|\n)\s*kinh\s*gui\b")


@dataclass(frozen=True)
class TypeDecision:
    """A type code and how sure the evidence makes it (0..1)."""

    code: str
    confidence: float


def _from_symbol(parts: NumberParts, body: str) -> str | None:
    code = symbol_type(parts)
    if code is None and len(parts.symbol) == 1:  # "1234/NC", "56/CV": the unit, or CV
        code = SYMBOL_TYPES.get(parts.symbol[0].upper())
        if code is None and not parts.party:
            code = "cong_van"
    if code == "quyet_dinh" and parts.party:
        code = self_reference_type(body) or code
    elif code is None and not parts.party and len(parts.symbol) >= 2:
        code = "cong_van"  # ND 30: a công văn symbol is <body>-<unit>, with no type
    return code


def _from_content(opening: str) -> str | None:
    """The type the opening words of an untitled text give: a petitioner's letter, a
    notice, a report, minutes, or a letter with an addressee (công văn)."""
    if _PETITIONER.search(opening):
        kind = _petition_kind(opening)
        if kind != OTHER:
            return kind
    first = opening[:600]
    for pattern, code in _CONTENT_TYPES:
        if pattern.search(first):
            return code
    return "cong_van" if _ADDRESSEE.search(opening) else None


def decide_type(
    *,
    title: Title | None,
    heading_code: str | None,
    has_vv: bool,
    parts: NumberParts | None,
    issuer: str | None,
    subject: str | None,
    body: str,
) -> TypeDecision:
    """Title first, then a citation-style heading, then a petitioner's letter, "V/v"
    (công văn), the symbol, and last what the opening of the text does."""
    context = f"{subject or ''} {body[:1500]}"
    opening = afold(f"{subject or ''}\n{body[:1500]}")
    code, confidence = (title.code, 0.95) if title else (heading_code, 0.9)
    citizen = parts is None and _PETITIONER.search(opening) is not None  # no number: no body
    if code is None and citizen and _petition_kind(opening) != OTHER:
        code, confidence = _petition_kind(opening), 0.75
    if code is None and has_vv:
        code, confidence = "cong_van", 0.85
    if code is None and parts is not None:
        code, confidence = _from_symbol(parts, body), 0.8
    if code is None:
        code, confidence = self_reference_type(body), 0.7
    if code is None:
        code, confidence = _from_content(opening), 0.6
    if code is None:
        return TypeDecision(OTHER, 0.3)
    if code == _CONCLUSION:
        return TypeDecision(_conclusion_kind(parts, issuer, subject or ""), confidence)
    if code == _PETITION:
        return TypeDecision(_petition_kind(context), confidence)
    return TypeDecision(code, confidence)
