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
from pathlib import Path

from indexer.limited_child import last_error_line, limit_this_process, run_limited
from records.storage import FileStore, StorageError

PREVIEW_KINDS = frozenset({"pdf", "jpeg", "png", "tiff"})
WIDTHS = (480, 1000)
WALL_S = 30
CPU_S = 20
MEMORY_MB = 1024


class PreviewError(Exception):
    """The page could not be rendered; the message says why."""


def cached_path(previews_dir: Path, sha256: str, page: int, width: int) -> Path:
    return previews_dir / sha256[:2] / f"{sha256}-{page}-{width}.png"


def render(
    store: FileStore, kind: str, page: int, previews_dir: Path, sha256: str, width: int
) -> Path:
    """The PNG of ``page`` (1-based) at ``width`` pixels, rendered once and then cached.

    The cache is this host's own: the stored file is fetched from ``store`` only on a miss.
    """
    if kind not in PREVIEW_KINDS:
        raise PreviewError(f"no page images for files of kind {kind!r}")
    if width not in WIDTHS:
        width = WIDTHS[-1]
    target = cached_path(previews_dir, sha256, page, width)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(prefix=".render-", suffix=".png", dir=target.parent)
    os.close(fd)
    try:
        _render_into(store, sha256, kind, page, partial, width)
        os.replace(partial, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
    return target


def _render_into(
    store: FileStore, sha256: str, kind: str, page: int, partial: str, width: int
) -> None:
    try:
        with store.local_path(sha256) as source:
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
            returncode, stderr = run_limited(command, WALL_S)
    except subprocess.TimeoutExpired as err:
        raise PreviewError(f"rendering took longer than {WALL_S} s") from err
    except StorageError as err:
        raise PreviewError(f"the stored file cannot be read: {err}") from err
    if returncode != 0 or not os.path.getsize(partial):
        raise PreviewError(f"page {page} could not be rendered: {last_error_line(stderr)}")


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
