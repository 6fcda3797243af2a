"""Redacted copies of PDF and image files: chosen pages and regions blacked out, with no
text left under them.

A page with something to hide is rendered to an image, the regions (or the whole page) are
painted black, and the page is rebuilt as an image-only PDF page of the same size: the text
layer of that page is gone, not merely covered. Pages with nothing to hide are copied as
they are (their text stays searchable). An image file becomes a PDF of its frames first.

The untrusted file is handled in a child interpreter (``python -m indexer.redaction``) with
CPU, memory and wall-time limits, like previews (indexer.preview).
"""

from __future__ import annotations

import io
import json
import math
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from indexer.extract.formats import REDACTABLE_KINDS
from indexer.limited_child import last_error_line, limit_this_process, run_limited

#: Resolution of the rebuilt pages: legible print quality, a few hundred KB per page.
DPI = 150
WALL_S = 120
CPU_S = 90
MEMORY_MB = 1536
#: Added around a suggested region, in percent of the page (ascenders, tone marks).
MARGIN = 0.4


class RedactionError(Exception):
    """The copy could not be made; the message says why."""


@dataclass(frozen=True)
class Region:
    """A rectangle on a page, in percent of the page's width and height from its top left
    corner (as the page is shown), so it does not depend on the resolution of a preview."""

    page: int
    left: float
    top: float
    width: float
    height: float

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValueError("page numbers start at 1")
        if self.width <= 0 or self.height <= 0:
            raise ValueError("a region needs a width and a height")
        if not all(0 <= v <= 100 for v in (self.left, self.top, self.width, self.height)):
            raise ValueError("coordinates are percentages of the page (0 to 100)")

    def box(self, width_px: int, height_px: int) -> tuple[int, int, int, int]:
        """The rectangle in pixels of an image of the page, clipped to it."""
        x0 = int(self.left / 100 * width_px)
        y0 = int(self.top / 100 * height_px)
        x1 = min(width_px, math.ceil((self.left + self.width) / 100 * width_px))
        y1 = min(height_px, math.ceil((self.top + self.height) / 100 * height_px))
        return x0, y0, x1, y1


@dataclass(frozen=True)
class Plan:
    """What to hide: whole pages and regions (page numbers from 1)."""

    pages: frozenset[int] = frozenset()
    regions: tuple[Region, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.pages and not self.regions

    def touched(self) -> set[int]:
        return set(self.pages) | {region.page for region in self.regions}

    def to_json(self) -> dict[str, object]:
        return {"pages": sorted(self.pages), "regions": [asdict(r) for r in self.regions]}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Plan:
        pages = data.get("pages") or []
        regions = data.get("regions") or []
        assert isinstance(pages, list) and isinstance(regions, list)
        return cls(frozenset(int(p) for p in pages), tuple(Region(**r) for r in regions))


def redact(source: Path, kind: str, plan: Plan) -> bytes:
    """The redacted copy of the file ``source`` (of ``kind``) as PDF bytes."""
    if kind not in REDACTABLE_KINDS:
        raise RedactionError(f"files of kind {kind!r} cannot be redacted (PDF or images only)")
    if plan.empty:
        raise RedactionError("nothing to redact: choose pages or regions")
    return _in_child("redact", source, kind, json.dumps(plan.to_json()))


def suggest_regions(source: Path, patterns: Sequence[str]) -> list[Region]:
    """Regions of a PDF's text layer where one of ``patterns`` matches, to offer as regions
    to hide. The patterns are regular expressions over folded text (lower case, no
    diacritics), as ``records.petitions.identity.identity_patterns`` writes them; where one
    has a group ``hide``, only that group is covered."""
    if not patterns:
        return []
    found = json.loads(_in_child("suggest", source, "pdf", json.dumps(list(patterns))))
    return [Region(**region) for region in found]


def _in_child(mode: str, source: Path, kind: str, argument: str) -> bytes:
    """Run ``mode`` on the untrusted file in a limited child; return what it wrote."""
    with tempfile.TemporaryDirectory(prefix="hoso-redact-") as work:
        target = Path(work) / "out"
        command = [sys.executable, "-m", "indexer.redaction", mode, str(source), kind, argument]
        try:
            returncode, stderr = run_limited([*command, str(target)], WALL_S)
        except subprocess.TimeoutExpired as err:
            raise RedactionError(f"{mode} took longer than {WALL_S} s") from err
        if returncode != 0 or not target.is_file():
            raise RedactionError(f"the file could not be processed: {last_error_line(stderr)}")
        return target.read_bytes()


def redact_in_process(source: Path, kind: str, plan: Plan) -> bytes:
    """:func:`redact` without the child process (the child's own work)."""
    import pypdfium2

    original = _as_pdf(source) if kind != "pdf" else pypdfium2.PdfDocument(str(source))
    count = len(original)
    outside = sorted(page for page in plan.touched() if not 1 <= page <= count)
    if outside:
        raise RedactionError(f"the document has {count} pages; no page {outside[0]}")
    copy = pypdfium2.PdfDocument.new()
    for number in range(1, count + 1):
        if number not in plan.touched():
            copy.import_pages(original, [number - 1])
            continue
        regions = [r for r in plan.regions if r.page == number]
        flat = pypdfium2.PdfDocument(
            io.BytesIO(_blacked_out(original[number - 1], plan, number, regions))
        )
        copy.import_pages(flat, [0])
    buffer = io.BytesIO()
    copy.save(buffer)
    return buffer.getvalue()


def _blacked_out(page: object, plan: Plan, number: int, regions: Iterable[Region]) -> bytes:
    """One page as a single-page, image-only PDF with the regions painted black."""
    from PIL import Image, ImageDraw

    width_pt, height_pt = page.get_size()  # type: ignore[attr-defined]
    if number in plan.pages:
        image = Image.new("L", (round(width_pt / 72 * DPI), round(height_pt / 72 * DPI)), 0)
    else:
        image = page.render(scale=DPI / 72).to_pil().convert("RGB")  # type: ignore[attr-defined]
        draw = ImageDraw.Draw(image)
        for region in regions:
            draw.rectangle(region.box(*image.size), fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=image.width * 72 / width_pt)  # the page's own size
    return buffer.getvalue()


def _as_pdf(source: Path) -> object:
    """An image file (every frame of a TIFF) as a PDF of image pages."""
    import pypdfium2
    from PIL import Image, ImageSequence

    with Image.open(source) as image:
        frames = [frame.convert("RGB") for frame in ImageSequence.Iterator(image)]
        dpi = image.info.get("dpi", (DPI, DPI))[0] or DPI
    buffer = io.BytesIO()
    frames[0].save(buffer, "PDF", resolution=float(dpi), save_all=True, append_images=frames[1:])
    return pypdfium2.PdfDocument(io.BytesIO(buffer.getvalue()))


def suggest_in_process(source: Path, patterns: Sequence[str]) -> list[Region]:
    """:func:`suggest_regions` without the child process: pdfminer's character boxes of
    every match on a line (diacritics and case ignored), widened a little."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    from indexer.normalize import fold

    compiled = [re.compile(pattern) for pattern in patterns]
    regions: list[Region] = []

    def lines(container: object) -> Iterable[LTTextLine]:
        for item in container:  # type: ignore[attr-defined]
            if isinstance(item, LTTextLine):
                yield item
            elif isinstance(item, LTTextContainer):
                yield from lines(item)

    for number, page in enumerate(extract_pages(str(source)), start=1):
        width, height = page.width or 1, page.height or 1
        for line in lines(page):
            items = list(line)
            folded, origin = [], []
            for index, item in enumerate(items):
                piece = fold(item.get_text()) or " "
                folded.append(piece)
                origin += [index] * len(piece)
            for start, end in _matches(compiled, "".join(folded)):
                boxes = [
                    items[i].bbox
                    for i in sorted(set(origin[start:end]))
                    if isinstance(items[i], LTChar)
                ]
                if not boxes:
                    continue
                x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
                x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
                left = max(0.0, x0 / width * 100 - MARGIN)
                top = max(0.0, (height - y1) / height * 100 - MARGIN)
                regions.append(
                    Region(
                        number,
                        round(left, 2),
                        round(top, 2),
                        round(min(100 - left, (x1 - x0) / width * 100 + 2 * MARGIN), 2),
                        round(min(100 - top, (y1 - y0) / height * 100 + 2 * MARGIN), 2),
                    )
                )
    return regions


def _matches(patterns: Sequence[re.Pattern[str]], text: str) -> list[tuple[int, int]]:
    """Where the patterns match ``text`` (their ``hide`` group where they have one), in
    order, overlapping matches joined."""
    spans = []
    for pattern in patterns:
        group = "hide" if "hide" in pattern.groupindex else 0
        for match in pattern.finditer(text):
            if match.end(group) > match.start(group):
                spans.append((match.start(group), match.end(group)))
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def _child(mode: str, source: str, kind: str, argument: str, target: str) -> int:
    limit_this_process(CPU_S, MEMORY_MB)
    try:
        if mode == "suggest":
            found = suggest_in_process(Path(source), json.loads(argument))
            data = json.dumps([asdict(region) for region in found]).encode()
        else:
            data = redact_in_process(Path(source), kind, Plan.from_json(json.loads(argument)))
    except RedactionError as err:
        raise SystemExit(str(err)) from None
    Path(target).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(_child(*sys.argv[1:6]))
