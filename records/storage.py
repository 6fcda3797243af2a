"""Content-addressed file store: every file is kept once, under its sha256.

A file is written to a temporary name in the same folder, flushed to disk, then renamed,
so a crash never leaves a half-written file under a real name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024


class FileTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"file is larger than the {limit // (1024 * 1024)} MB allowed")
        self.limit = limit


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    path: Path


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError("not a sha256 hex digest")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def derived_path(self, sha256: str, suffix: str) -> Path:
        """Where something made from a stored file is kept beside it (``<sha256>.<suffix>``:
        its first-page thumbnail, a Word file's PDF rendering); removed with the file."""
        return self.path(sha256).with_name(f"{sha256}.{suffix}")

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, stream: BinaryIO, *, max_bytes: int | None = None) -> StoredFile:
        """Store a stream durably and return its digest; raises FileTooLarge past max_bytes."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise FileTooLarge(max_bytes)
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha256 = digest.hexdigest()
            final = self.path(sha256)
            final.parent.mkdir(parents=True, exist_ok=True)
            if final.exists():
                tmp.unlink()
            else:
                os.chmod(tmp, 0o640)
                os.replace(tmp, final)
                _fsync_dir(final.parent)
            return StoredFile(sha256=sha256, size=size, path=final)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def remove(self, sha256: str) -> bool:
        """Delete a stored file and what was made from it (disposal); False when the file
        was not there."""
        path = self.path(sha256)
        for derived in path.parent.glob(f"{sha256}.*"):
            derived.unlink(missing_ok=True)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        _fsync_dir(path.parent)
        return True

    def verify(self, sha256: str) -> bool:
        """True when the stored bytes still hash to their name."""
        path = self.path(sha256)
        if not path.is_file():
            return False
        return file_sha256(path) == sha256

    def iter_digests(self) -> Iterator[str]:
        for path in self.root.glob("??/??/*"):
            if path.is_file() and not path.name.startswith(".") and "." not in path.name:
                yield path.name


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
