"""The file store contract, held by both back ends: the local folder and the real S3 object
store (SeaweedFS, started by deploy/dev/services.sh)."""

from __future__ import annotations

import hashlib
import io
import os
import socket
import tracemalloc
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import func, select

from indexer.preview import PreviewError, render
from records.config import Settings
from records.db import Database
from records.models import Document
from records.storage import (
    CorruptFile,
    FileMissing,
    FileStore,
    FileTooLarge,
    LocalStore,
    StoreUnavailable,
    store_at,
)
from tests.support.ingest import signed_in
from tests.support.objectstore import (
    CREDENTIALS,
    ENDPOINT,
    ensure_object_store,
    fresh_storage_url,
    overwrite,
)
from tests.unit.extract.pdfgen import text_pdf
from webapp import create_app

MB = 1024 * 1024


@pytest.fixture(params=["local", "s3"])
def store(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FileStore]:
    if request.param == "local":
        yield LocalStore(tmp_path / "files")
        return
    ensure_object_store()
    for key, value in CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    s3 = store_at(fresh_storage_url(), tmp_path / "files")
    yield s3
    s3.clear()


class Pattern(io.RawIOBase):
    """``size`` bytes of a repeating pattern, produced as they are read (never held whole)."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.block = bytes(range(256)) * 4096

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = min(len(buffer), self.left, len(self.block))
        buffer[:n] = self.block[:n]
        self.left -= n
        return n


def _read(store: FileStore, sha256: str) -> bytes:
    with store.open(sha256) as reader:
        return reader.read()


def test_files_are_stored_once_under_their_sha256(store: FileStore) -> None:
    first = store.put(io.BytesIO(b"van ban so 1"))
    again = store.put(io.BytesIO(b"van ban so 1"))
    other = store.put(io.BytesIO(b"van ban so 2"))
    assert first == again
    assert first.sha256 == hashlib.sha256(b"van ban so 1").hexdigest() and first.size == 12
    assert sorted(store.iter_digests()) == sorted({first.sha256, other.sha256})
    assert store.exists(first.sha256) and store.size(other.sha256) == 12
    assert _read(store, first.sha256) == b"van ban so 1"
    assert store.verify(first.sha256) and store.verify(other.sha256)
    with store.local_path(other.sha256) as path:
        assert path.read_bytes() == b"van ban so 2"


def test_a_large_file_streams_in_and_out_without_being_held_in_memory(store: FileStore) -> None:
    size = 40 * MB  # past the 8 MB multipart threshold of the object store
    tracemalloc.start()
    try:
        stored = store.put(Pattern(size))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert stored.size == size and peak < size // 2
    digest = hashlib.sha256()
    with store.open(stored.sha256) as reader:
        while chunk := reader.read(MB):
            digest.update(chunk)
    assert digest.hexdigest() == stored.sha256 == _pattern_sha256(size)


def _pattern_sha256(size: int) -> str:
    digest = hashlib.sha256()
    source = Pattern(size)
    while chunk := source.read(MB):
        digest.update(chunk)
    return digest.hexdigest()


def test_an_oversized_stream_is_refused_and_leaves_nothing(
    store: FileStore, tmp_path: Path
) -> None:
    with pytest.raises(FileTooLarge, match="larger than"):
        store.put(io.BytesIO(b"x" * 2048), max_bytes=1024)
    assert list(store.iter_digests()) == []
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_damaged_bytes_are_caught_on_every_read(store: FileStore) -> None:
    stored = store.put(io.BytesIO(b"quyet dinh goc"))
    overwrite(store, stored.sha256, b"quyet dinh sua")
    assert not store.verify(stored.sha256)
    with pytest.raises(CorruptFile, match=stored.sha256), store.open(stored.sha256) as reader:
        reader.read()


def test_missing_files_and_removal(store: FileStore) -> None:
    stored = store.put(io.BytesIO(b"tieu huy"))
    assert store.remove(stored.sha256) is True
    assert store.remove(stored.sha256) is False
    assert not store.exists(stored.sha256) and not store.verify(stored.sha256)
    with pytest.raises(FileMissing):
        store.open(stored.sha256)
    with pytest.raises(FileMissing), store.local_path(stored.sha256):
        pass
    with pytest.raises(FileMissing):
        store.size(stored.sha256)


def test_derived_files_are_not_stored_files_and_go_with_the_file(
    store: FileStore, tmp_path: Path
) -> None:
    stored = store.put(io.BytesIO(b"%PDF-1.4 a document"))
    assert not store.has_derived(stored.sha256, "thumb.png")
    with pytest.raises(FileMissing), store.local_derived(stored.sha256, "thumb.png"):
        pass
    made = tmp_path / "made.png"
    made.write_bytes(b"png")
    store.put_derived(stored.sha256, "thumb.png", made)
    made.write_bytes(b"pdf")
    store.put_derived(stored.sha256, "pdf", made)
    assert store.has_derived(stored.sha256, "thumb.png")
    with store.open_derived(stored.sha256, "thumb.png") as reader:
        assert reader.read() == b"png"
    with store.local_derived(stored.sha256, "pdf") as path:
        assert path.read_bytes() == b"pdf"
    assert list(store.iter_digests()) == [stored.sha256]
    assert store.remove(stored.sha256)
    assert not store.has_derived(stored.sha256, "thumb.png")
    assert not store.has_derived(stored.sha256, "pdf")
    if isinstance(store, LocalStore):
        assert list(store.path(stored.sha256).parent.iterdir()) == []


def test_names_never_come_from_user_input(store: FileStore) -> None:
    for bad in ("../../etc/passwd", "A" * 64, ""):
        with pytest.raises(ValueError):
            store.exists(bad)


def test_clear_empties_the_store(store: FileStore) -> None:
    for n in range(3):
        store.put(io.BytesIO(f"ban {n}".encode()))
    store.clear()
    assert list(store.iter_digests()) == []


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_object_store_is_named_in_the_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    url = f"s3://hoso/x?endpoint=http://127.0.0.1:{_closed_port()}"
    store = store_at(url, tmp_path / "files")
    with pytest.raises(StoreUnavailable, match=r"s3://hoso/x at http://127\.0\.0\.1:\d+"):
        store.put(io.BytesIO(b"khong gui duoc"))
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_wrong_credentials_are_refused_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ensure_object_store()
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", CREDENTIALS["AWS_ACCESS_KEY_ID"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
    store = store_at(fresh_storage_url(), tmp_path / "files")
    with pytest.raises(StoreUnavailable, match="refused"):
        store.put(io.BytesIO(b"sai khoa"))
    assert ENDPOINT in store.location and "not-the-secret" not in store.location
    assert "not-the-secret" not in os.environ.get("HOSO_STORAGE_URL", "")


def test_an_upload_while_the_object_store_is_away_is_refused_and_leaves_no_record(
    hoso_settings: Settings, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    away = f"s3://hoso/x?endpoint=http://127.0.0.1:{_closed_port()}"
    app = create_app(hoso_settings.with_overrides(storage_url=away))
    client, token = signed_in(app, db, "vanthu", roles=("clerk",))
    answer = client.post(
        "/documents/upload",
        data={"csrf_token": token, "files": [(io.BytesIO(b"cong van"), "cv.txt")]},
        headers={"Accept": "application/json"},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 503
    assert answer.json["files"][0]["status"] == "failed"
    assert "Kho lưu tệp" in answer.json["files"][0]["error"]
    with db.session() as session:
        assert session.scalar(select(func.count(Document.id))) == 0
    app.extensions["hoso"].db.dispose()


def test_page_previews_fetch_the_file_once_then_come_from_this_hosts_cache(
    store: FileStore, tmp_path: Path
) -> None:
    stored = store.put(io.BytesIO(text_pdf(2)))
    previews = tmp_path / "previews"
    source = partial(store.local_path, stored.sha256)
    first = render(source, "pdf", 2, previews, stored.sha256, 480)
    assert first.read_bytes().startswith(b"\x89PNG")
    store.remove(stored.sha256)  # the cached page no longer needs the stored file
    assert render(source, "pdf", 2, previews, stored.sha256, 480) == first
    with pytest.raises(PreviewError, match="cannot be read"):
        render(source, "pdf", 1, previews, stored.sha256, 480)
    assert not list((tmp_path / "tmp").glob("hoso-file-*"))  # no temporary copy left behind
