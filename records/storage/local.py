"""The local folder back end (the default): ``<root>/ab/cd/<sha256>``.

A file is written to a temporary name in the same folder, flushed to disk, then renamed,
so a crash never leaves a half-written file under a real name.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, cast

from records.storage.base import (
    FileMissing,
    FileStore,
    StorageError,
    StoredFile,
    VerifyingReader,
    relative_name,
    spool,
)


class LocalStore(FileStore):
    def __init__(self, root: Path) -> None:
        self.root = root
        self.location = str(root)

    def path(self, sha256: str) -> Path:
        """Where the file of ``sha256`` is (or would be) in the folder."""
        return self.root / relative_name(sha256)

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def size(self, sha256: str) -> int:
        try:
            return self.path(sha256).stat().st_size
        except FileNotFoundError as err:
            raise FileMissing(f"no file {sha256} in {self.location}") from err

    def put(self, stream: BinaryIO, *, max_bytes: int | None = None) -> StoredFile:
        tmp, sha256, size = spool(stream, self.root, max_bytes=max_bytes, fsync=True)
        try:
            final = self.path(sha256)
            final.parent.mkdir(parents=True, exist_ok=True)
            if final.exists():
                tmp.unlink()
            else:
                os.chmod(tmp, 0o640)
                os.replace(tmp, final)
                _fsync_dir(final.parent)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return StoredFile(sha256=sha256, size=size)

    def open(self, sha256: str) -> BinaryIO:
        try:
            handle = self.path(sha256).open("rb")
        except FileNotFoundError as err:
            raise FileMissing(f"no file {sha256} in {self.location}") from err
        return cast(BinaryIO, VerifyingReader(handle, sha256, self.location))

    @contextmanager
    def local_path(self, sha256: str) -> Iterator[Path]:
        path = self.path(sha256)
        if not path.is_file():
            raise FileMissing(f"no file {sha256} in {self.location}")
        yield path

    def remove(self, sha256: str) -> bool:
        path = self.path(sha256)
        for derived in path.parent.glob(f"{sha256}.*"):
            derived.unlink(missing_ok=True)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        _fsync_dir(path.parent)
        return True

    def iter_digests(self) -> Iterator[str]:
        for path in self.root.glob("??/??/*"):
            if path.is_file() and not path.name.startswith(".") and "." not in path.name:
                yield path.name

    def derived_path(self, sha256: str, suffix: str) -> Path:
        return self.path(sha256).with_name(f"{sha256}.{suffix}")

    def has_derived(self, sha256: str, suffix: str) -> bool:
        return self.derived_path(sha256, suffix).is_file()

    def put_derived(self, sha256: str, suffix: str, source: Path) -> None:
        target = self.derived_path(sha256, suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        shutil.copyfile(source, partial)
        os.replace(partial, target)

    def open_derived(self, sha256: str, suffix: str) -> BinaryIO:
        try:
            return self.derived_path(sha256, suffix).open("rb")
        except FileNotFoundError as err:
            raise FileMissing(f"no {suffix} made from {sha256} in {self.location}") from err

    @contextmanager
    def local_derived(self, sha256: str, suffix: str) -> Iterator[Path]:
        path = self.derived_path(sha256, suffix)
        if not path.is_file():
            raise FileMissing(f"no {suffix} made from {sha256} in {self.location}")
        yield path

    def check(self) -> None:
        folder = self.root
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StorageError(f"the file folder {self.location} is not writable")

    def clear(self) -> None:
        if not self.root.is_dir():
            return
        for child in self.root.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
