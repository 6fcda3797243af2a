"""Characters with their boxes grouped into words, lines and text boxes.

The rules and thresholds are pdfminer.six's layout analysis with the parameters hoso used
with it (``LAParams`` defaults: line overlap 0.5, char margin 2.0, line margin 0.5, word
margin 0.1), so a page read by PDFium gives the boxes pdfminer gave, and the reading order
and header split of ``indexer.extract.layout`` work on them unchanged:

* a line is a run of consecutive characters (in content order) that overlap vertically by
  half the lower one's height and are closer horizontally than twice the wider one's width;
* inside a line, a gap wider than a tenth of a character's size is a word break;
* lines of about the same height, less than half a line apart and aligned left, right or
  centre, belong to the same box; a box's lines read top to bottom.

Coordinates are PDF points, y upwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

_LINE_OVERLAP = 0.5
_CHAR_MARGIN = 2.0
_LINE_MARGIN = 0.5
_WORD_MARGIN = 0.1


class Char(NamedTuple):
    """One character and its box."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True, slots=True)
class TextBox:
    """Lines of text (each ending in a newline) and the box around them."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(slots=True)
class _Line:
    """Characters of one line as text, with a space wherever a gap separates two words."""

    parts: list[str]
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def text(self) -> str:
        return "".join(self.parts) + "\n"


def text_boxes(chars: list[Char]) -> list[TextBox]:
    """The page's text boxes, in the order of their first line in the content."""
    lines = [line for line in _lines(chars) if not line.text().isspace()]
    return [_box(members) for members in _grouped(lines)]


def _lines(chars: list[Char]) -> list[_Line]:
    """Runs of consecutive characters on one line (pdfminer's test: vertical overlap by
    more than half the lower one's height, measured its way, and a horizontal distance
    under twice the wider one's width)."""
    lines: list[_Line] = []
    current: _Line | None = None
    a0 = b0 = a1 = b1 = 0.0  # the previous character's box
    for text, x0, y0, x1, y1 in chars:
        same_line = False
        if current is not None and y0 <= b1 and b0 <= y1:
            # Written out with comparisons: this runs for every character of the file.
            above, below = y1 - b0, b1 - y0
            overlap = above if above < below else below
            height = b1 - b0 if b1 - b0 < y1 - y0 else y1 - y0
            width = a1 - a0 if a1 - a0 > x1 - x0 else x1 - x0
            distance = a0 - x1 if x1 < a0 else (x0 - a1 if a1 < x0 else 0.0)
            same_line = height * _LINE_OVERLAP < overlap and distance < width * _CHAR_MARGIN
        if same_line and current is not None:
            size = x1 - x0 if x1 - x0 > y1 - y0 else y1 - y0
            if a1 < x0 - _WORD_MARGIN * size:
                current.parts.append(" ")
            current.parts.append(text)
            if x0 < current.x0:
                current.x0 = x0
            if y0 < current.y0:
                current.y0 = y0
            if x1 > current.x1:
                current.x1 = x1
            if y1 > current.y1:
                current.y1 = y1
        else:
            current = _Line([text], x0, y0, x1, y1)
            lines.append(current)
        a0, b0, a1, b1 = x0, y0, x1, y1
    return lines


def _grouped(lines: list[_Line]) -> list[list[_Line]]:
    """Lines joined with their neighbours, transitively (what pdfminer's merging of boxes
    comes to); groups in the order of their first line, lines in content order."""
    root = list(range(len(lines)))

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    for i, line in enumerate(lines):
        for j in _neighbours(line, lines):
            a, b = find(i), find(j)
            if a != b:
                root[max(a, b)] = min(a, b)
    groups: dict[int, list[_Line]] = {}
    for i, line in enumerate(lines):
        groups.setdefault(find(i), []).append(line)
    return list(groups.values())


def _neighbours(line: _Line, lines: list[_Line]) -> list[int]:
    """Lines of the same height within half a line above or below, aligned with ``line``."""
    d = _LINE_MARGIN * line.height
    top, bottom = line.y1 + d, line.y0 - d
    return [
        j
        for j, other in enumerate(lines)
        if not (other.x1 <= line.x0 or line.x1 <= other.x0 or other.y1 <= bottom or top <= other.y0)
        and abs(line.height - other.height) <= d
        and (
            abs(line.x0 - other.x0) <= d
            or abs(line.x1 - other.x1) <= d
            or abs((line.x0 + line.x1) - (other.x0 + other.x1)) / 2 <= d
        )
    ]


def _box(members: list[_Line]) -> TextBox:
    ordered = sorted(members, key=lambda line: -line.y1)
    return TextBox(
        x0=min(line.x0 for line in members),
        y0=min(line.y0 for line in members),
        x1=max(line.x1 for line in members),
        y1=max(line.y1 for line in members),
        text="".join(line.text() for line in ordered),
    )
