"""Where the parts of the first page are: the header zone, the title line, the body start."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.metadata.doctypes import Title, match_title
from indexer.metadata.text import afold, caps_ratio, is_caps

# First words of the body: legal bases, addressee, articles, petitioner details.
_BODY_START = re.compile(
    r"^(?:-\s*)?(?:can\s*cu|kinh\s*gui|noi\s+nhan|dieu\s+1\b|chuong\s+(?:i|1)\b"
    r"|phan\s+(?:i|1)\b|ho\s+va\s+ten)"
)
# Openings of a body sentence that also start subjects in capitals ("THỰC HIỆN CHỈ THỊ ...").
_PROSE_START = re.compile(
    r"^(?:thuc\s*hien|theo\s+de\s+nghi|xet\s+de\s+nghi|toi\s+ten|ten\s+toi|toi\s+la\b"
    r"|ngay\s+\d)"
)
_VV = re.compile(r"^\(?\s*v\s*/\s*v\b")
_TITLE_SEARCH = 30  # lines in which a title may appear
_ZONE_MAX = 20  # header lines at most when there is no title


def opens_body(line: str) -> bool:
    """A line starting with words that open the body ("Căn cứ", "Kính gửi", "Điều 1",
    "Thực hiện ..." unless in capitals)."""
    folded = afold(line)
    if _BODY_START.match(folded):
        return True
    return _PROSE_START.match(folded) is not None and not is_caps(line)


def is_body_start(line: str) -> bool:
    """A line that can only belong to the body: it opens it, or it is a long sentence."""
    if opens_body(line):
        return True
    long_prose = len(line.split()) >= 15 and caps_ratio(line) < 0.5
    return long_prose and not _VV.match(afold(line))


@dataclass(frozen=True)
class Layout:
    """``zone_end``: the header zone is ``lines[:zone_end]``."""

    zone_end: int
    title: Title | None = None
    title_index: int | None = None


def find_layout(lines: list[str]) -> Layout:
    """The title line (before any body line) and the end of the header zone."""
    for index, line in enumerate(lines[:_TITLE_SEARCH]):
        title = match_title(line)
        if title is not None:
            return Layout(zone_end=index, title=title, title_index=index)
        if is_body_start(line):
            return Layout(zone_end=min(index, _ZONE_MAX))
    return Layout(zone_end=min(len(lines), _ZONE_MAX))
