"""What is made from a stored file (a thumbnail, a PDF rendering) is kept beside it, is
not taken for a stored file, and goes with it."""

from __future__ import annotations

import io
from pathlib import Path

from records.storage import FileStore


def test_derived_files_sit_beside_the_file_and_go_with_it(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    stored = store.put(io.BytesIO(b"%PDF-1.4 a document"))
    thumb = store.derived_path(stored.sha256, "thumb.png")
    assert thumb.parent == stored.path.parent and thumb.name == f"{stored.sha256}.thumb.png"
    thumb.write_bytes(b"png")
    store.derived_path(stored.sha256, "pdf").write_bytes(b"pdf")
    assert list(store.iter_digests()) == [stored.sha256]
    assert store.remove(stored.sha256)
    assert list(stored.path.parent.iterdir()) == []
