"""What every file store offers: content-addressed put, streaming get, verified reads.

A stored file is named by the sha256 of its bytes. Two back ends implement this interface:
the local folder (:mod:`records.storage.local`) and an S3-compatible object store
(:mod:`records.storage.s3`). Callers never build paths or keys themselves.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024
HEX = frozenset("0123456789abcdef")


class StorageError(Exception):
    """A file store cannot do what was asked; the message names the store."""


class StoreUnavailable(StorageError):
    """The store cannot be reached (network, credentials, missing bucket)."""


class FileMissing(StorageError):
    """No file is stored under that digest."""


class CorruptFile(StorageError):
    """The bytes read do not hash to the name they are stored under."""


class FileTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"file is larger than the {limit // (1024 * 1024)} MB allowed")
        self.limit = limit


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int


def check_digest(sha256: str) -> str:
    if len(sha256) != 64 or not HEX.issuperset(sha256):
        raise ValueError("not a sha256 hex digest")
    return sha256


def relative_name(sha256: str) -> str:
    """``ab/cd/abcd…``: the layout shared by the folder, the bucket and backups."""
    check_digest(sha256)
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


class FileStore(ABC):
    """A content-addressed store of files; see the module docstring."""

    #: Where the files are, for messages: a folder or an ``s3://`` URL (never a secret).
    location: str

    @abstractmethod
    def put(self, stream: BinaryIO, *, max_bytes: int | None = None) -> StoredFile:
        """Store a stream durably and return its digest; raises FileTooLarge past max_bytes.

        The stream is read once, in chunks; no file is held whole in memory.
        """

    @abstractmethod
    def exists(self, sha256: str) -> bool: ...

    @abstractmethod
    def size(self, sha256: str) -> int:
        """The stored file's size in bytes; raises FileMissing."""

    @abstractmethod
    def open(self, sha256: str) -> BinaryIO:
        """A reader of the stored bytes (the caller closes it); raises FileMissing.

        Reading to the end raises CorruptFile when the bytes do not match their digest.
        """

    @abstractmethod
    def local_path(self, sha256: str) -> AbstractContextManager[Path]:
        """A path on this machine holding the file, for tools that want one (parsing,
        previews, redaction): the folder's own file, or a temporary copy fetched from the
        object store and checked against its sha256 on the way.

        The path is only valid inside the ``with`` block; never write to it.
        """

    @abstractmethod
    def remove(self, sha256: str) -> bool:
        """Delete a stored file and what was made from it (disposal); False when the file
        was not there."""

    # Derived files: made from a stored file (its first-page thumbnail ``thumb.png``, a
    # Word file's PDF rendering ``pdf``), kept under ``<sha256>.<suffix>`` beside it, never
    # counted as stored files, and removed with the file.
    @abstractmethod
    def has_derived(self, sha256: str, suffix: str) -> bool: ...

    @abstractmethod
    def put_derived(self, sha256: str, suffix: str, source: Path) -> None:
        """Keep the file ``source`` as the ``suffix`` derived file of ``sha256`` (whole or
        not at all)."""

    @abstractmethod
    def open_derived(self, sha256: str, suffix: str) -> BinaryIO:
        """A reader of a derived file (the caller closes it); raises FileMissing."""

    @abstractmethod
    def local_derived(self, sha256: str, suffix: str) -> AbstractContextManager[Path]:
        """A path on this machine holding a derived file, valid inside the ``with`` block;
        raises FileMissing."""

    @abstractmethod
    def iter_digests(self) -> Iterator[str]: ...

    @abstractmethod
    def clear(self) -> None:
        """Delete every stored file (restore --force)."""

    @abstractmethod
    def check(self) -> None:
        """Raise StorageError when the store cannot take files now (readiness probe)."""

    def verify(self, sha256: str) -> bool:
        """True when the stored bytes still hash to their name."""
        try:
            with self.open(sha256) as reader:
                while reader.read(CHUNK):
                    pass
        except (FileMissing, CorruptFile):
            return False
        return True

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location})"


class VerifyingReader(io.RawIOBase):
    """Reads ``raw`` through, hashing; at its end raises CorruptFile on a digest mismatch."""

    def __init__(self, raw: BinaryIO, sha256: str, location: str) -> None:
        super().__init__()
        self._raw = raw
        self._expected = sha256
        self._location = location
        self._digest = hashlib.sha256()
        self._checked = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        if not data:
            self._check()
            return 0
        self._digest.update(data)
        buffer[: len(data)] = data
        return len(data)

    def _check(self) -> None:
        if self._checked:
            return
        self._checked = True
        if self._digest.hexdigest() != self._expected:
            raise CorruptFile(
                f"stored file {self._expected} in {self._location} does not match its sha256"
            )

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


def spool(
    stream: BinaryIO, folder: Path | None, *, max_bytes: int | None, fsync: bool
) -> tuple[Path, str, int]:
    """Copy ``stream`` into a new temporary file while hashing it: (path, sha256, size).

    The caller moves or deletes the file; it is deleted here when copying fails.
    """
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".incoming-")
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
            if fsync:
                os.fsync(out.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp, digest.hexdigest(), size


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
