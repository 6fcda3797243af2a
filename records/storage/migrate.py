"""Copying every stored file from one store into another (``hoso storage migrate``).

Resumable: a file the target already holds is not copied again (its name is its sha256, and
the target only ever stores bytes that hashed to their name). Every copied file is read
back from the target and hashed, so the copy is known good before anyone switches over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from records.storage.base import CorruptFile, FileMissing, FileStore


@dataclass
class MigrationReport:
    copied: int = 0
    already_there: int = 0
    bytes_copied: int = 0
    #: Digests the source could not give intact (missing or damaged): not copied.
    unreadable: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.unreadable


def migrate(
    source: FileStore,
    target: FileStore,
    digests: Iterable[str],
    *,
    advance: Callable[[str], None] = lambda _sha256: None,
) -> MigrationReport:
    """Copy each of ``digests`` from ``source`` to ``target``; call ``advance`` after each."""
    report = MigrationReport()
    for sha256 in digests:
        if target.exists(sha256):
            report.already_there += 1
        else:
            _copy(source, target, sha256, report)
        advance(sha256)
    return report


def _copy(source: FileStore, target: FileStore, sha256: str, report: MigrationReport) -> None:
    try:
        with source.open(sha256) as reader:
            stored = target.put(reader)
    except (FileMissing, CorruptFile):
        report.unreadable.append(sha256)
        return
    if stored.sha256 != sha256 or not target.verify(sha256):
        target.remove(stored.sha256)
        report.unreadable.append(sha256)
        return
    report.copied += 1
    report.bytes_copied += stored.size
