"""First-page thumbnails, rendered once after a document is indexed and kept in the file
store as derived files of the document's file (``<sha256>.thumb.png``), for lists and
search results.

Word, OpenDocument and RTF files get a PDF rendering by LibreOffice first, kept as a
derived file too (``<sha256>.pdf``); their page previews are drawn from it. Derived files
live beside the file in the folder or under their own keys in the object store, and are
removed with it. Rendering runs in the limited child of ``indexer.preview``; a file that
cannot be rendered simply has no thumbnail (logged), and nothing else changes.
"""

from __future__ import annotations

import logging
import tempfile
from functools import partial
from pathlib import Path

from indexer import runtime
from indexer.extract.base import ExtractionError, ExtractLimits
from indexer.extract.formats import PREVIEW_KINDS, RENDERED_AS_PDF
from indexer.extract.office import run_soffice
from indexer.preview import PreviewError, SourceOpener, render_to
from records.models import Document
from records.storage import FileStore, StorageError

log = logging.getLogger(__name__)

#: Width of a thumbnail in pixels (lists show it at about a third of this on a phone).
THUMBNAIL_WIDTH = 200
THUMBNAIL = "thumb.png"
PDF_RENDERING = "pdf"


def ensure(document_id: int) -> bool:
    """Render the document's thumbnail now unless it exists; False if it has none."""
    with runtime.database().session() as session:
        document = session.get(Document, document_id)
        if document is None:
            return False
        sha256, kind = document.sha256, document.kind or ""
    store = runtime.store()
    try:
        if store.has_derived(sha256, THUMBNAIL):
            return True
        source, source_kind = page_source(store, sha256, kind)
        if source is None:
            return False
        with tempfile.TemporaryDirectory(prefix="hoso-thumb-") as tmp:
            target = Path(tmp) / THUMBNAIL
            with source() as path:
                render_to(path, source_kind, 1, target, THUMBNAIL_WIDTH)
            store.put_derived(sha256, THUMBNAIL, target)
    except (PreviewError, ExtractionError, StorageError, OSError) as err:
        log.warning("no thumbnail for document %s: %s", document_id, err)
        return False
    return True


def page_source(
    store: FileStore, sha256: str, kind: str, *, make: bool = True
) -> tuple[SourceOpener | None, str]:
    """What page images are drawn from, and its kind: the stored file itself, or for a
    Word file its PDF rendering (made now if missing and ``make``); None for kinds without
    pages, or a rendering not made."""
    if kind in PREVIEW_KINDS:
        return partial(store.local_path, sha256), kind
    if kind not in RENDERED_AS_PDF:
        return None, kind
    if not store.has_derived(sha256, PDF_RENDERING):
        if not make:
            return None, kind
        _render_pdf(store, sha256, kind)
    return partial(store.local_derived, sha256, PDF_RENDERING), "pdf"


def _render_pdf(store: FileStore, sha256: str, kind: str) -> None:
    limits = ExtractLimits(convert_timeout_s=float(runtime.settings().parse_timeout_s))
    with (
        tempfile.TemporaryDirectory(prefix="hoso-render-") as tmp,
        store.local_path(sha256) as source,
    ):
        work = Path(tmp)
        linked = work / f"document.{kind}"
        linked.symlink_to(source.resolve())
        converted = run_soffice(linked, kind, "pdf", work, limits)
        store.put_derived(sha256, PDF_RENDERING, converted)
