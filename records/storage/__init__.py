"""Where stored files live: the local folder (default) or an S3-compatible object store.

``open_store(settings)`` gives the store ``HOSO_STORAGE_URL`` names: empty (the default) is
the folder ``<HOSO_DATA_DIR>/files``; ``file:///path`` another folder; ``s3://bucket/prefix``
an object store. The S3 client (boto3) is imported only when an object store is used.
"""

from __future__ import annotations

from pathlib import Path

from records.config import Settings
from records.storage.base import (
    CHUNK,
    CorruptFile,
    FileMissing,
    FileStore,
    FileTooLarge,
    StorageError,
    StoredFile,
    StoreUnavailable,
    file_sha256,
    relative_name,
)
from records.storage.local import LocalStore

__all__ = [
    "CHUNK",
    "CorruptFile",
    "FileMissing",
    "FileStore",
    "FileTooLarge",
    "LocalStore",
    "StorageError",
    "StoreUnavailable",
    "StoredFile",
    "file_sha256",
    "open_store",
    "relative_name",
    "store_at",
]


def store_at(url: str, default_folder: Path) -> FileStore:
    """The store a storage URL names; an empty URL is ``default_folder``."""
    url = url.strip()
    if not url:
        return LocalStore(default_folder)
    if url.startswith("file://"):
        return LocalStore(Path(url.removeprefix("file://")))
    if url.startswith("s3://"):
        from records.storage.s3 import S3Store

        return S3Store(url, spool_dir=default_folder.parent / "tmp")
    raise ValueError(f"a storage URL starts with s3:// or file://, got {url!r}")


def open_store(settings: Settings) -> FileStore:
    return store_at(settings.storage_url, settings.files_dir)
