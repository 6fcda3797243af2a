"""DOC, ODT and RTF: converted to DOCX by LibreOffice, then read as DOCX."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from indexer.extract.base import Extracted, ExtractionError, ExtractLimits, UnsupportedFormat
from indexer.extract.docx import extract_docx
from indexer.extract.zipguard import check_zip

_NAMES = {
    "doc": "Word 97-2003 (.doc)",
    "docx": "Word (.docx)",
    "odt": "OpenDocument (.odt)",
    "rtf": "RTF",
}


def extract_office(path: Path, kind: str, limits: ExtractLimits) -> Extracted:
    """Convert with `soffice --headless` in a private directory and profile, then read."""
    if kind == "odt":
        check_zip(path, limits)
    with tempfile.TemporaryDirectory(prefix="hoso-office-") as tmp:
        work = Path(tmp)
        source = work / f"document.{kind}"
        source.symlink_to(path.resolve())
        converted = run_soffice(source, kind, "docx", work, limits)
        result = extract_docx(converted, limits)
    result.kind = kind
    return result


def extract_doc(path: Path, limits: ExtractLimits) -> Extracted:
    return extract_office(path, "doc", limits)


def extract_odt(path: Path, limits: ExtractLimits) -> Extracted:
    return extract_office(path, "odt", limits)


def extract_rtf(path: Path, limits: ExtractLimits) -> Extracted:
    return extract_office(path, "rtf", limits)


def run_soffice(source: Path, kind: str, to: str, work: Path, limits: ExtractLimits) -> Path:
    """Convert ``source`` to format ``to`` with `soffice --headless`, in the private
    directory ``work`` (its own profile); return the converted file."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise UnsupportedFormat(
            f"{_NAMES.get(kind, kind)} files need LibreOffice, which is not installed",
            "office_missing",
            kind=kind,
        )
    command = [
        soffice,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless", "--norestore", "--nolockcheck", "--nodefault",
        "--convert-to", to, "--outdir", str(work / "out"), str(source),
    ]  # fmt: skip
    _run(command, limits.convert_timeout_s, kind)
    converted = work / "out" / f"{source.stem}.{to}"
    if not converted.is_file():
        raise ExtractionError(
            f"LibreOffice could not read this {_NAMES.get(kind, kind)} file",
            "office_unreadable",
            kind=kind,
        )
    return converted


def _run(command: list[str], timeout_s: float, kind: str) -> None:
    """Run LibreOffice in its own process group; whatever is left of it is killed after."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired as err:
        raise ExtractionError(
            f"converting the {_NAMES[kind]} file took longer than {timeout_s:g} s",
            "office_timeout",
            kind=kind,
            seconds=timeout_s,
        ) from err
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
