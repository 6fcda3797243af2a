"""The subject (trích yếu): the line(s) under the title, the "V/v" text, or a petition's matter."""

from __future__ import annotations

import re

from indexer.metadata.doctypes import match_title
from indexer.metadata.layout import opens_body
from indexer.metadata.marks import is_mark
from indexer.metadata.text import afold, collapse, is_caps, is_rule, is_wrapped

# Bodies and office holders that print their name under the subject of a decision
# ("ỦY BAN NHÂN DÂN TỈNH ...", "CHỦ TỊCH ...", "VIỆN TRƯỞNG ..."): the subject ends there.
_AUTHORITY = re.compile(
    r"^(?:uy\s+ban|ubnd|hoi\s+dong|hdnd|chu\s+tich|vien\s+truong|bo\s+truong|giam\s+doc"
    r"|chanh\s+an|chanh\s+thanh\s+tra|tong\s+thanh\s+tra|ban\s+chap\s+hanh|bo\s+chinh\s+tri"
    r"|ban\s+bi\s+thu|ban\s+thuong\s+vu|thuong\s+truc|thu\s+tuong|chinh\s+phu|tinh\s+uy"
    r"|thanh\s+uy|huyen\s+uy|dang\s+uy|truong\s+ban|ban\s+chi\s+dao|thong\s+doc"
    r"|tong\s+kiem\s+toan|chu\s+nhiem|lien\s+nganh|toa\s+an|vien\s+kiem\s+sat)\b"
)
_ENUMERATED = re.compile(r"^(?:[ivxlc]+|\d+|[a-z])\s*[.)\-/]\s|^(?:chuong|dieu|muc|phan)\s")
_SUBJECT_START = re.compile(r"^\(?\s*(?:v\s*/\s*v|ve\s+viec|ve)\b")
_VV_PREFIX = re.compile(r"^\(?\s*V\s*/\s*[vV]\b\s*[:.]?\s*|^\(?\s*[Vv]ề\s+việc\s*[:.]?\s*")

_PETITION_WORDS = {
    "don_khieu_nai": ("Khiếu nại", "khieu nai"),
    "don_to_cao": ("Tố cáo", "to cao"),
    "don_kien_nghi": ("Kiến nghị", "kien nghi"),
    "don_phan_anh": ("Phản ánh", "phan anh"),
}
_LABELLED = re.compile(r"^(?:noi\s+dung\s+)?(khieu\s+nai|to\s+cao|kien\s+nghi|phan\s+anh)\s*:\s*")
_FIRST_PERSON = re.compile(
    r"^toi\s+(?:xin\s+)?(khieu\s+nai|to\s+cao|kien\s+nghi|phan\s+anh)\s+"
    r"(?:hanh\s+vi\s+(?:vi\s+pham\s+)?(?:phap\s+luat\s+)?(?:cua)?|ve\s+viec|viec)?\s*:?\s*"
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


def continue_lines(first: str, lines: list[str], issuer: str | None = None) -> str:
    """``first`` plus the lines that continue it: wrapped capitals, wrapped prose (a lower-case
    start), or any line after one that visibly goes on ("... của", "... ,")."""
    parts = [first]
    caps = is_caps(first)
    for line in lines:
        if is_rule(line) or is_mark(line) or opens_body(line):
            break
        if is_wrapped(parts[-1]):
            parts.append(line)
            continue
        if _stops(line, issuer) or not (is_caps(line) if caps else line[:1].islower()):
            break
        parts.append(line)
    return collapse(" ".join(parts))


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
        marked = is_caps(line) or _SUBJECT_START.match(afold(line)) is not None
        prose = under_title and not opens_body(line) and not line.endswith((".", ":", ";"))
        if not (marked or prose) or _stops(line, issuer):
            return None
        return continue_lines(line, lines[index + 1 :], issuer)
    return None


def petition_subject(code: str, lines: list[str]) -> str | None:
    """The matter of a petition, as "<Kind> về việc <matter>" from a "(V/v: ...)" line.

    Without one: the labelled matter ("Khiếu nại: Quyết định số ...") or the first-person
    statement ("Tôi xin tố cáo hành vi vi phạm của: <person>").
    """
    kind, kind_folded = _PETITION_WORDS[code]
    for index, line in enumerate(lines[:3]):
        prefix = _VV_PREFIX.match(line)
        if prefix:
            text = continue_lines(line[prefix.end() :], lines[index + 1 :])
            matter = text.rstrip(")").strip()
            if afold(matter).startswith(kind_folded):
                return matter[:1].upper() + matter[1:]
            return f"{kind} về việc {matter}"
    for index, line in enumerate(lines[:20]):
        folded = afold(line)
        found = _LABELLED.match(folded) or _FIRST_PERSON.match(folded)
        if found and line[found.end() :].strip():
            text = continue_lines(line[found.end() :], lines[index + 1 :])
            matter = text.rstrip(" .;")
            return f"{kind} {matter}"
    return None
