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

import contextlib
import io
import json
import math
import os
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

REDACTABLE_KINDS = frozenset({"pdf", "jpeg", "png", "tiff"})
#: Resolution of the rebuilt pages: legible print quality, a few hundred KB per page.
DPI = 150
WALL_S = 120
CPU_S = 90
MEMORY_MB = 1536


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
    with tempfile.TemporaryDirectory(prefix="hoso-redact-") as work:
        target = Path(work) / "copy.pdf"
        command = [
            sys.executable,
            "-m",
            "indexer.redaction",
            str(source),
            kind,
            json.dumps(plan.to_json()),
            str(target),
        ]
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            _, stderr = process.communicate(timeout=WALL_S)
        except subprocess.TimeoutExpired as err:
            raise RedactionError(f"redacting took longer than {WALL_S} s") from err
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if process.returncode != 0 or not target.is_file():
            detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["crashed"]
            raise RedactionError(f"the copy could not be made: {detail[0][:300]}")
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


def _child(source: str, kind: str, plan: str, target: str) -> int:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_S, CPU_S + 5))
    memory = MEMORY_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        data = redact_in_process(Path(source), kind, Plan.from_json(json.loads(plan)))
    except RedactionError as err:
        raise SystemExit(str(err)) from None
    Path(target).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(_child(*sys.argv[1:5]))
