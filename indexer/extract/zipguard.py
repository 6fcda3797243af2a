"""Refuse ZIP packages (DOCX, ODT) that would unpack to far more than they weigh."""

from __future__ import annotations

import zipfile
from pathlib import Path

from indexer.extract.base import ExtractionError, ExtractLimits

# Members smaller than this are never bombs, whatever their ratio (XML compresses well).
_RATIO_MIN_SIZE = 1 << 20


def check_zip(path: Path, limits: ExtractLimits) -> None:
    """Check the central directory before anything is unpacked.

    The declared sizes are enough: Python's zipfile stops reading a member at its declared
    size and fails on the CRC, so a member cannot unpack to more than the directory says.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as err:
        raise ExtractionError(
            "file is truncated or damaged: no valid ZIP directory", "zip_damaged"
        ) from err
    if len(members) > limits.zip_max_members:
        raise ExtractionError(
            f"archive has too many parts: {len(members)} > {limits.zip_max_members} allowed",
            "zip_members",
            parts=len(members),
            limit=limits.zip_max_members,
        )
    total_mb = sum(m.file_size for m in members) / (1 << 20)
    if total_mb > limits.zip_max_unpacked_mb:
        raise ExtractionError(
            f"archive unpacks to {total_mb:.0f} MB, more than the "
            f"{limits.zip_max_unpacked_mb} MB allowed",
            "zip_size",
            mb=round(total_mb),
            limit=limits.zip_max_unpacked_mb,
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= _RATIO_MIN_SIZE and ratio > limits.zip_max_ratio:
            raise ExtractionError(
                f"archive part {member.filename} is compressed {ratio:.0f}:1, "
                f"more than {limits.zip_max_ratio}:1 allowed (a zip bomb?)",
                "zip_ratio",
                part=member.filename,
                ratio=round(ratio),
                limit=limits.zip_max_ratio,
            )
