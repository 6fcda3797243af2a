"""First-page thumbnails, rendered once after a document is indexed and kept beside its
stored file (``<sha256>.thumb.png``), for lists and search results.

Word, OpenDocument and RTF files get a PDF rendering by LibreOffice first, kept beside the
file too (``<sha256>.pdf``); their page previews are drawn from it. Rendering runs in the
limited child of ``indexer.preview``; a file that cannot be rendered simply has no
thumbnail (logged), and nothing else about the document changes.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from indexer import runtime
from indexer.extract.base import ExtractionError, ExtractLimits
from indexer.extract.office import run_soffice
from indexer.preview import PREVIEW_KINDS, PreviewError, render_to
from records.models import Document
from records.storage import FileStore

log = logging.getLogger(__name__)

#: Width of a thumbnail in pixels (lists show it at about a third of this on a phone).
THUMBNAIL_WIDTH = 200
#: Kinds shown through their PDF rendering.
RENDERED_AS_PDF = frozenset({"docx", "doc", "odt", "rtf"})


def thumbnail_path(store: FileStore, sha256: str) -> Path:
    return store.derived_path(sha256, "thumb.png")


def pdf_rendering_path(store: FileStore, sha256: str) -> Path:
    return store.derived_path(sha256, "pdf")


def ensure(document_id: int) -> Path | None:
    """The document's thumbnail, rendered now unless it exists; None if it has none."""
    with runtime.database().session() as session:
        document = session.get(Document, document_id)
        if document is None:
            return None
        sha256, kind = document.sha256, document.kind or ""
    store = runtime.store()
    target = thumbnail_path(store, sha256)
    if target.exists():
        return target
    try:
        source, source_kind = previewable_source(store, sha256, kind)
        if source is None:
            return None
        render_to(source, source_kind, 1, target, THUMBNAIL_WIDTH)
    except (PreviewError, ExtractionError, OSError) as err:
        log.warning("no thumbnail for document %s: %s", document_id, err)
        return None
    return target


def previewable_source(
    store: FileStore, sha256: str, kind: str, *, make: bool = True
) -> tuple[Path | None, str]:
    """The file page images are drawn from, and its kind: the stored file itself, or for
    a Word file its PDF rendering (made now if missing and ``make``); None for kinds
    without pages, or a rendering not made."""
    if kind in PREVIEW_KINDS:
        return store.path(sha256), kind
    if kind not in RENDERED_AS_PDF:
        return None, kind
    rendering = pdf_rendering_path(store, sha256)
    if not rendering.exists():
        if not make:
            return None, kind
        _render_pdf(store.path(sha256), kind, rendering)
    return rendering, "pdf"


def _render_pdf(source: Path, kind: str, target: Path) -> None:
    limits = ExtractLimits(convert_timeout_s=float(runtime.settings().parse_timeout_s))
    with tempfile.TemporaryDirectory(prefix="hoso-render-") as tmp:
        work = Path(tmp)
        linked = work / f"document.{kind}"
        linked.symlink_to(source.resolve())
        converted = run_soffice(linked, kind, "pdf", work, limits)
        partial = target.with_name(f".{target.name}.partial")
        shutil.copyfile(converted, partial)
        partial.replace(target)
