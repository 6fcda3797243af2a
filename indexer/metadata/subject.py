"""The subject (trích yếu): the line(s) under the title, the "V/v" text, or a petition's matter."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.metadata.doctypes import match_title
from indexer.metadata.layout import opens_body
from indexer.metadata.marks import is_mark
from indexer.metadata.text import (
    VV_PREFIX,
    afold,
    collapse,
    ends_before_name,
    is_caps,
    is_rule,
    is_wrapped,
    letters,
)

# Bodies and office holders that print their name under the subject of a decision
# ("ỦY BAN NHÂN DÂN TỈNH ...", "CHỦ TỊCH ...", "VIỆN TRƯỞNG ..."): the subject ends there.
_AUTHORITY = re.compile(
    r"^(?:uy\s+ban|ubnd|hoi\s+dong|hdnd|chu\s+tich|vien\s+truong|bo\s+truong|giam\s+doc"
    r"|chanh\s+an|chanh\s+thanh\s+tra|tong\s+thanh\s+tra|ban\s+chap\s+hanh|bo\s+chinh\s+tri"
    r"|ban\s+bi\s+thu|ban\s+thuong\s+vu|thuong\s+truc|thu\s+tuong|chinh\s+phu|tinh\s+uy"
    r"|thanh\s+uy|huyen\s+uy|dang\s+uy|truong\s+ban|ban\s+chi\s+dao|thong\s+doc"
    r"|tong\s+kiem\s+toan|chu\s+nhiem|lien\s+nganh|toa\s+an|vien\s+kiem\s+sat)\b"
)
_ENUMERATED = re.compile(
    r"^(?:[ivxlc]+|\d{1,2}|[a-z])\s*[.)\-/]\s|^(?:chuong|dieu|muc|phan)\s+(?:[ivxlc]+|\d+|thu)\b"
    r"|^(?:phan\s+)?(?:mo\s+dau|dat\s+van\s+de|tinh\s+hinh\s+chung)\b"
)
_IMPLEMENTING = re.compile(r"^(?:thuc\s*hien|trien\s+khai)\s")
_SUBJECT_START = re.compile(r"^\(?\s*(?:v\s*/\s*v|ve\s+viec|ve)\b")
_MOTTO = re.compile(r"^(?:cong\s+hoa\s+xa\s+hoi|doc\s+lap\s*-|dang\s+cong\s+san\s+viet\s+nam)")
# A cited document opening a wrapped line: "Nghị quyết số 12-NQ/TU ...", "Luật Tố cáo".
_CITED_START = re.compile(
    r"^(?:luat|bo\s+luat|nghi\s+(?:quyet|dinh)|quyet\s+dinh|chi\s+thi|ket\s+luan|quy\s+(?:dinh|che)"
    r"|ke\s+hoach|thong\s+(?:tu|bao|tri)|huong\s+dan|chuong\s+trinh|de\s+an|cong\s+van)\b"
)
# Bracketed marks beside a title or subject (folded): "(BỔ SUNG)", "(Sửa đổi, bổ sung)",
# "(Dự thảo lần 2)"; the text they mark is kept, the mark goes to its own field.
_TITLE_MARK = re.compile(
    r"\(\s*(?P<inner>(?:sua\s*doi\s*,?\s*)?bo\s*sung|sua\s*doi|thay\s*the"
    r"|du\s*thao(?:\s*(?:lan\s*)?\w{1,4})?)\s*\)"
)
_VV_PREFIX = re.compile(rf"{VV_PREFIX.pattern}|^\(?\s*Về\s+việc\s*[:.]?\s*")

# The addressee and the petitioner's details, between which a "V/v" line may stand.
_PETITIONER_DETAIL = re.compile(
    r"^(?:kinh\s*gui|ho\s+(?:va\s+)?ten|toi\s+ten|ten\s+toi|dia\s+chi|so\s+(?:cccd|cmnd|the|dien)"
    r"|sinh\s+nam|dien\s+thoai|nam\s+sinh|nghe\s+nghiep|noi\s+o)"
)
_PETITION_VERBS = {
    "don_khieu_nai": "Khiếu nại",
    "don_to_cao": "Tố cáo",
    "don_kien_nghi": "Kiến nghị",
    "don_phan_anh": "Phản ánh",
}
_LABELLED = re.compile(r"^(?:noi\s+dung\s+)?(khieu\s+nai|to\s+cao|kien\s+nghi|phan\s+anh)\s*:\s*")
_FIRST_PERSON = re.compile(
    r"^toi\s+(?:xin\s+|lam\s+don\s+(?:nay\s+)?(?:de\s+)?)?(khieu\s+nai|to\s+cao|kien\s+nghi|phan\s+anh)"
    r"\s*:?\s*(?:hanh\s+vi\s+(?:vi\s+pham\s+)?(?:phap\s+luat\s+)?(?:cua)?|ve\s+viec)?\s*:?\s*"
)


def _same_body(line: str, issuer: str | None) -> bool:
    """The line repeats the issuing body ("ỦY BAN NHÂN DÂN TỈNH ..." under the subject)."""
    if not issuer:
        return False
    line_folded, issuer_folded = collapse(afold(line)), collapse(afold(issuer))
    return line_folded.startswith(issuer_folded) or issuer_folded.startswith(line_folded)


def _standalone_title(line: str) -> bool:
    """A type title alone on its line ("QUY ĐỊNH" heading an attached regulation)."""
    title = match_title(line)
    return title is not None and not title.rest


def _authority(line: str) -> bool:
    """A body or office name on its own ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X"), not a wrapped
    subject line that happens to start with one ("CHÍNH PHỦ VỀ TĂNG CƯỜNG, ...")."""
    folded = afold(line)
    if _AUTHORITY.match(folded) is None or len(line.split()) > 12:
        return False
    return "," not in line and re.search(r"\bve\b", folded) is None


def _stops(line: str, issuer: str | None) -> bool:
    return (
        is_rule(line)
        or is_mark(line)
        or line.startswith("(")
        or _ENUMERATED.match(afold(line)) is not None
        or _authority(line)
        or _standalone_title(line)
        or _same_body(line, issuer)
    )


def _last_of_paragraph(previous: str, line: str) -> bool:
    """``line`` is the short last line of a paragraph the page wrapped after a full-width
    ``previous`` ("... đối với Ban" / "Thường vụ Đảng ủy xã An Bình"), not a sentence."""
    return (
        len(previous) >= 45
        and len(line) < 0.8 * len(previous)
        and not line.endswith((".", ":", ";", ","))
        and ", " not in line[:25]
    )


def _continues_prose(previous: str, line: str) -> bool:
    """``line`` carries on a prose subject that the page (not the author) broke after
    ``previous``: it starts in lower case or with a figure ("... ngày" / "15/3/2019 của"),
    with a name after a word that announces one ("... tỉnh" / "Khánh Hòa"), it is the
    short last line of the wrapped paragraph, or it starts with an abbreviation or a cited
    document ("UBND tỉnh ...", "Nghị quyết số ...")."""
    if is_caps(line):
        return False
    if line[:1].islower() or (line[:1].isdigit() and _ENUMERATED.match(afold(line)) is None):
        return True
    if ends_before_name(previous) and line[:1].isupper():
        return True
    if _last_of_paragraph(previous, line):
        return True
    first = line.split()[0]
    return (len(first) >= 2 and first.isupper()) or _CITED_START.match(afold(line)) is not None


def _continues_caps(line: str) -> bool:
    """``line`` goes on with a subject in capitals: capitals, or figures only ("2021 - 2025")."""
    return is_caps(line) or (not letters(line) and any(c.isdigit() for c in line))


def continue_lines(first: str, lines: list[str], issuer: str | None = None) -> str:
    """``first`` plus the lines that continue it, until the title block ends: a rule, a
    mark, the body ("Căn cứ", "Kính gửi"), an authority or motto line, or a line of the
    other style (capitals after prose, prose after capitals) that does not visibly go on."""
    parts = [first]
    caps = is_caps(first)
    for line in lines:
        if is_rule(line) or is_mark(line) or opens_body(line) or _MOTTO.match(afold(line)):
            break
        if is_wrapped(parts[-1]):
            parts.append(line)
            continue
        if _stops(line, issuer):
            break
        if not (_continues_caps(line) if caps else _continues_prose(parts[-1], line)):
            break
        parts.append(line)
    return collapse(" ".join(parts))


@dataclass(frozen=True)
class TitleBlock:
    """The subject under a title, and the marks printed beside it ("(BỔ SUNG)")."""

    subject: str | None
    mark: str | None = None  # "BỔ SUNG", "SỬA ĐỔI, BỔ SUNG" as printed
    draft: bool = False


def split_marks(text: str) -> tuple[str, str | None, bool]:
    """``text`` without the bracketed marks at its start or end, the amendment mark as
    printed, and whether a draft mark was among them
    ("(Dự thảo) Về việc ..." -> ("Về việc ...", None, True))."""
    mark, draft = None, False
    while "(" in text:
        found = _TITLE_MARK.search(afold(text))
        if found is None or (found.start() > 0 and text[found.end() :].strip()):
            return text, mark, draft
        inner = text[found.start("inner") : found.end("inner")]
        if afold(inner).startswith("du"):
            draft = True
        else:
            mark = mark or collapse(inner)
        text = collapse(text[: found.start()] + " " + text[found.end() :])
    return text, mark, draft


def _qualifier(line: str, following: list[str], issuer: str | None) -> bool:
    """A short line of further title words in capitals ("PHỐI HỢP LIÊN NGÀNH") above a
    subject in ordinary case: the title goes on, the subject is the line after it."""
    if not is_caps(line) or len(line.split()) > 5 or _SUBJECT_START.match(afold(line)):
        return False
    if not following:
        return False
    nxt = following[0]
    return (
        not is_caps(nxt)
        and nxt[:1].isupper()
        and not opens_body(nxt)
        and not _stops(nxt, issuer)
        and not nxt.endswith((".", ":", ";"))
    )


def title_block(lines: list[str], issuer: str | None, *, rest: str = "") -> TitleBlock:
    """The subject and marks of the block under a title line (``rest``: text printed on the
    title line itself)."""
    mark, draft = None, False
    if rest:
        rest, mark, draft = split_marks(rest)
    index = 0
    while index < min(len(lines), 4):
        line = lines[index]
        stripped, line_mark, line_draft = split_marks(line)
        if stripped == line and not is_mark(line):
            break
        mark, draft = mark or line_mark, draft or line_draft or is_mark(line)
        if stripped:
            lines = [stripped, *lines[index + 1 :]]
            index = 0
            break
        index += 1
    lines = lines[index:]
    if not rest and lines and _qualifier(lines[0], lines[1:], issuer):
        lines = lines[1:]
    subject = subject_after(lines, issuer, rest=rest)
    if subject:
        subject, more_mark, more_draft = split_marks(subject)
        mark, draft = mark or more_mark, draft or more_draft
    return TitleBlock(subject or None, mark, draft)


def subject_after(
    lines: list[str], issuer: str | None, *, rest: str = "", under_title: bool = True
) -> str | None:
    """The subject that starts ``lines``: the lines under a title, or after the header.

    ``rest`` is subject text printed on the title line itself. Under a title a line is the
    subject unless it opens the body or ends like a sentence ("thể thức và kỹ thuật trình
    bày ..."); without a title only capitals or "Về việc ..." are taken.
    """
    if rest:
        return continue_lines(rest, lines, issuer)
    for index, line in enumerate(lines[:3]):
        if is_rule(line) or is_mark(line):
            continue
        if under_title and not is_caps(line) and _IMPLEMENTING.match(afold(line)):
            return _implementing_subject(line, lines[index + 1 :], issuer)
        marked = is_caps(line) or _SUBJECT_START.match(afold(line)) is not None
        prose = under_title and not opens_body(line) and not line.endswith((".", ":", ";"))
        if not (marked or prose) or _stops(line, issuer):
            return None
        return continue_lines(line, lines[index + 1 :], issuer)
    return None


def _implementing_subject(first: str, lines: list[str], issuer: str | None) -> str | None:
    """A plan's subject "Thực hiện Kết luận số ..." under its title, told from the body's
    opening sentence "Thực hiện Kế hoạch số ..., Ủy ban ... như sau:" by how it ends."""
    text = continue_lines(first, lines, issuer)
    if text.endswith((".", ":", ";", ",")) or len(text.split()) > 45:
        return None
    return text


def untitled_subject(lines: list[str]) -> str | None:
    """The heading that opens a text without header or title (a portal's page: "Lịch tiếp
    công dân ..."), with its wrapped lines: words that do not make a sentence or open the
    body."""
    if len(lines) < 2:
        return None
    first = lines[0]
    words = first.split()
    if not 2 <= len(words) <= 30 or first.endswith((".", ":", ";", ",")):
        return None
    if opens_body(first) or not first[:1].isupper() or any(c.isdigit() for c in words[0]):
        return None
    heading = continue_lines(first, lines[1:])
    if len(heading.split()) > 40 or ". " in heading:
        return None
    return heading


def petition_subject(code: str, lines: list[str]) -> str | None:
    """The matter of a petition with its verb: from the "(V/v: ...)" / "Về việc ..." line
    ("Kiến nghị về việc <matter>"), else what the letter asks for: the labelled matter
    ("Khiếu nại: Quyết định số ...") or the first-person statement ("Tôi xin tố cáo hành vi
    vi phạm của: <person>") -> "Khiếu nại Quyết định số ...", "Tố cáo <person>".
    """
    kind = _PETITION_VERBS[code]
    for index, line in enumerate(lines[:8]):
        prefix = _VV_PREFIX.match(line)
        if prefix:
            text = continue_lines(line[prefix.end() :], lines[index + 1 :])
            matter = text.rstrip(")").strip(" .;")
            if afold(matter).startswith(afold(kind).lower()):
                return matter[:1].upper() + matter[1:]
            return f"{kind} về việc {matter}" if matter else None
        if opens_body(line) and not _PETITIONER_DETAIL.match(afold(line)):
            break
    for index, line in enumerate(lines[:20]):
        folded = afold(line)
        found = _LABELLED.match(folded) or _FIRST_PERSON.match(folded)
        if found and line[found.end() :].strip():
            text = continue_lines(line[found.end() :], lines[index + 1 :])
            matter = text.rstrip(" .;")
            return f"{kind} {matter}"
    return None
