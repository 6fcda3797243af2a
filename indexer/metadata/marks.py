"""Stand-alone marks: confidentiality, urgency, circulation scope and drafts (docs/domain.md §1.1).

Confidentiality and urgency marks are capitals on a line of their own ("MẬT", "HỎA TỐC");
the same words in lower case are ordinary prose ("bí mật", "khẩn trương"). Labelled forms
("Độ mật: Tối mật") are read too. Matching is on folded text, so "HOẢ TỐC" and OCR output
without diacritics are read as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.metadata.text import afold, collapse, is_caps

_CONFIDENTIALITY = {"tuyet mat": "tuyet_mat", "toi mat": "toi_mat", "mat": "mat"}
_URGENCY = {
    "hoa toc hen gio": "hoa_toc",
    "hoa toc": "hoa_toc",
    "thuong khan": "thuong_khan",
    "khan": "khan",
}
_SCOPE = ("luu hanh noi bo", "xem xong tra lai", "tra lai sau khi hop", "tai lieu thu hoi")
_LABELLED = re.compile(r"^(?:muc\s+)?do\s+(mat|khan)\s*:\s*(.+)$")
_DRAFT = re.compile(r"^du\s*thao(?:\s+(?:lan\s+)?(?:\d+|[a-z]+))?$")


@dataclass(frozen=True)
class Marks:
    confidentiality: str = "thuong"
    urgency: str | None = None
    is_draft: bool = False


def _bare(line: str) -> str:
    """Folded line without the brackets, stars and punctuation that frame a stamp."""
    return collapse(re.sub(r"[()\[\]*!.:;\-_]+", " ", afold(line)))


def _kind(line: str) -> tuple[str, str] | None:
    """("confidentiality"|"urgency"|"draft"|"scope", value) for a mark line, else None."""
    bare = _bare(line)
    labelled = _LABELLED.match(collapse(afold(line)))
    if labelled:
        table = _CONFIDENTIALITY if labelled.group(1) == "mat" else _URGENCY
        value = table.get(_bare(labelled.group(2)))
        if value:
            return ("confidentiality" if table is _CONFIDENTIALITY else "urgency", value)
    if _DRAFT.match(bare):
        return ("draft", "draft")
    if not is_caps(line):
        return None
    if bare in _CONFIDENTIALITY:
        return ("confidentiality", _CONFIDENTIALITY[bare])
    if bare in _URGENCY:
        return ("urgency", _URGENCY[bare])
    if any(bare.startswith(scope) for scope in _SCOPE):
        return ("scope", bare)
    return None


def is_mark(line: str) -> bool:
    return _kind(line) is not None


def read_marks(lines: list[str]) -> Marks:
    """The marks found on stand-alone lines anywhere in the document."""
    found: dict[str, str] = {}
    for line in lines:
        kind = _kind(line)
        if kind and kind[0] not in found:
            found[kind[0]] = kind[1]
    return Marks(
        confidentiality=found.get("confidentiality", "thuong"),
        urgency=found.get("urgency"),
        is_draft="draft" in found,
    )
