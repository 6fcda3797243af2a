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
    chars: list[Char]
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def text(self) -> str:
        """The characters with a space wherever a gap separates two words, and a newline."""
        parts: list[str] = []
        right = None
        for char in self.chars:
            margin = _WORD_MARGIN * max(char.x1 - char.x0, char.y1 - char.y0)
            if right is not None and right < char.x0 - margin:
                parts.append(" ")
            right = char.x1
            parts.append(char.text)
        parts.append("\n")
        return "".join(parts)


def text_boxes(chars: list[Char]) -> list[TextBox]:
    """The page's text boxes, in the order of their first line in the content."""
    lines = [line for line in _lines(chars) if not line.text().isspace()]
    return [_box(members) for members in _grouped(lines)]


def _lines(chars: list[Char]) -> list[_Line]:
    lines: list[_Line] = []
    current: _Line | None = None
    previous: Char | None = None
    for char in chars:
        if current is not None and previous is not None and _same_line(previous, char):
            current.chars.append(char)
            current.x0 = min(current.x0, char.x0)
            current.y0 = min(current.y0, char.y0)
            current.x1 = max(current.x1, char.x1)
            current.y1 = max(current.y1, char.y1)
        else:
            current = _Line([char], char.x0, char.y0, char.x1, char.y1)
            lines.append(current)
        previous = char
    return lines


def _same_line(a: Char, b: Char) -> bool:
    """pdfminer's test, with its measure of vertical overlap and horizontal distance."""
    if not (b.y0 <= a.y1 and a.y0 <= b.y1):
        return False
    overlap = min(abs(a.y0 - b.y1), abs(a.y1 - b.y0))
    height = min(a.y1 - a.y0, b.y1 - b.y0)
    overlaps = b.x0 <= a.x1 and a.x0 <= b.x1
    distance = 0.0 if overlaps else min(abs(a.x0 - b.x1), abs(a.x1 - b.x0))
    width = max(a.x1 - a.x0, b.x1 - b.x0)
    return height * _LINE_OVERLAP < overlap and distance < width * _CHAR_MARGIN


def _grouped(lines: list[_Line]) -> list[list[_Line]]:
    """Lines merged with their neighbours, transitively; groups in order of first line."""
    box_of: dict[int, list[_Line]] = {}
    for line in lines:
        members = [line]
        for other in _neighbours(line, lines):
            members.append(other)
            if id(other) in box_of:
                members.extend(box_of.pop(id(other)))
        box: list[_Line] = []
        seen: set[int] = set()
        for member in members:
            if id(member) not in seen:
                seen.add(id(member))
                box.append(member)
                box_of[id(member)] = box
    groups: list[list[_Line]] = []
    done: set[int] = set()
    for line in lines:
        box = box_of.get(id(line))
        if box is not None and id(box) not in done:
            done.add(id(box))
            groups.append(box)
    return groups


def _neighbours(line: _Line, lines: list[_Line]) -> list[_Line]:
    """Lines of the same height within half a line above or below, aligned with ``line``."""
    d = _LINE_MARGIN * line.height
    top, bottom = line.y1 + d, line.y0 - d
    return [
        other
        for other in lines
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
