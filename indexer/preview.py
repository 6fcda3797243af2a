"""Page previews: one page of a stored PDF or image rendered to PNG, cached on disk.

Rendering an untrusted file runs in a child interpreter (``python -m indexer.preview``)
with CPU, memory and wall-time limits, like parsing (indexer.sandbox), so a hostile PDF can
cost a preview, never the web worker. Images are written under
``<data dir>/previews/<sha256[:2]>/<sha256>-<page>-<width>.png`` and reused.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from indexer.extract.formats import PREVIEW_KINDS
from indexer.limited_child import last_error_line, limit_this_process, run_limited
from records.storage import StorageError

WIDTHS = (480, 1000)
WALL_S = 30
CPU_S = 20
MEMORY_MB = 1024


class PreviewError(Exception):
    """The page could not be rendered; the message says why."""


def cached_path(previews_dir: Path, sha256: str, page: int, width: int) -> Path:
    return previews_dir / sha256[:2] / f"{sha256}-{page}-{width}.png"


#: Opens the file page images are drawn from as a path on this machine, for a ``with``.
SourceOpener = Callable[[], AbstractContextManager[Path]]


def render(
    open_source: SourceOpener, kind: str, page: int, previews_dir: Path, sha256: str, width: int
) -> Path:
    """The PNG of ``page`` (1-based) at ``width`` pixels, rendered once and then cached.

    The cache is this host's own: the source is fetched (``open_source``) only on a miss.
    """
    if kind not in PREVIEW_KINDS:
        raise PreviewError(f"no page images for files of kind {kind!r}")
    if width not in WIDTHS:
        width = WIDTHS[-1]
    target = cached_path(previews_dir, sha256, page, width)
    if not target.exists():
        try:
            with open_source() as source:
                render_to(source, kind, page, target, width)
        except StorageError as err:
            raise PreviewError(f"the stored file cannot be read: {err}") from err
    return target


def render_to(source: Path, kind: str, page: int, target: Path, width: int) -> None:
    """Render ``page`` of ``source`` to the PNG ``target`` (written whole or not at all)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(prefix=".render-", suffix=".png", dir=target.parent)
    os.close(fd)
    try:
        command = [
            sys.executable,
            "-m",
            "indexer.preview",
            str(source),
            kind,
            str(page),
            partial,
            str(width),
        ]
        try:
            returncode, stderr = run_limited(command, WALL_S)
        except subprocess.TimeoutExpired as err:
            raise PreviewError(f"rendering took longer than {WALL_S} s") from err
        if returncode != 0 or not os.path.getsize(partial):
            raise PreviewError(f"page {page} could not be rendered: {last_error_line(stderr)}")
        os.replace(partial, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)


def _render_child(source: str, kind: str, page: str, target: str, width: str) -> int:
    limit_this_process(CPU_S, MEMORY_MB)
    number, pixels = int(page), int(width)
    if kind == "pdf":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(source)
        if not 1 <= number <= len(pdf):
            raise SystemExit(f"the document has no page {number}")
        pdf_page = pdf[number - 1]
        image = pdf_page.render(scale=pixels / max(pdf_page.get_width(), 1)).to_pil()
    else:
        from PIL import Image

        image = Image.open(source)
        try:
            image.seek(number - 1)
        except EOFError:
            raise SystemExit(f"the image has no page {number}") from None
        image = image.convert("RGB")
        image.thumbnail((pixels, pixels * 4))
    image.save(target, "PNG", optimize=True)
    return 0


if __name__ == "__main__":
    sys.exit(_render_child(*sys.argv[1:6]))
