"""Addressees: the "Kính gửi" list and the "Nơi nhận" list, without archive and cross-references."""

from __future__ import annotations

import re

from indexer.metadata.text import afold, collapse

_KINH_GUI = re.compile(r"^kinh\s*gui\s*[:：]?\s*")
_NOI_NHAN = re.compile(r"^noi\s*nhan\s*[:：]?\s*")
# "Như trên", "Như Điều 3" (references to the text above) and the archive line "Lưu: VT".
_SKIP = re.compile(r"^(?:nhu\s+(?:tren|dieu|khoan|muc|kinh\s+gui)|luu\b|luu\s*:)")
_ITEM = re.compile(r"^[-+•*]\s*")


def _items(first: str, following: list[str]) -> list[str]:
    """Items of a list that starts on the label's line and goes on with "-"/"+" lines."""
    raw = [first] if first else []
    skipped = 0
    for line in following:
        if not _ITEM.match(line):
            # An empty label may be followed by a line of the other column first.
            skipped += 1
            if raw or skipped > 2:
                break
            continue
        raw.append(line)
        if re.match(r"^luu\b", afold(_ITEM.sub("", line))):
            break
    items = []
    for entry in raw:
        for piece in re.split(r";", _ITEM.sub("", entry)):
            item = collapse(piece).strip(" .;,")
            if item and not _SKIP.match(afold(item)):
                items.append(item)
    return items


def read_recipients(lines: list[str]) -> list[str]:
    """Recipients in order of appearance, without duplicates."""
    found: list[str] = []
    for index, line in enumerate(lines):
        folded = afold(line)
        label = _KINH_GUI.match(folded) or _NOI_NHAN.match(folded)
        if label is None:
            continue
        first = line[label.end() :].strip()
        following = lines[index + 1 : index + 40]
        for item in _items(first, following):
            if item not in found:
                found.append(item)
    return found
