"""Parse an untrusted file in a child process bounded in CPU time, memory and wall time.

The child is a fresh interpreter, `python -m indexer.sandbox`, started with `subprocess`
rather than `multiprocessing`:

* Celery's prefork workers are daemonic processes, and `multiprocessing` refuses to start
  children from those; a plain subprocess works from any worker, thread or pool.
* Nothing is forked from a possibly multi-threaded worker, and nothing of its state (open
  connections, locks, imported modules) reaches the child.
* The child runs in its own session, so a timeout kills it together with the Tesseract or
  LibreOffice processes it started.

The child sets its own limits (RLIMIT_CPU, RLIMIT_AS, no core files) before it opens the
file, so no `preexec_fn` (unsafe in threaded parents) is needed, and reports back as JSON
in a private directory; no pickle crosses from the process that touched the file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from indexer.extract import Extracted, ExtractionError, ExtractLimits, UnsupportedFormat, extract

# Exit status of a child that ran out of memory before it could write its report.
_EXIT_MEMORY = 3
# CPU seconds between the soft limit (SIGXCPU) and the hard one (SIGKILL).
_CPU_GRACE_S = 5
_STDERR_TAIL = 2000


def extract_limited(path: Path, limits: ExtractLimits) -> Extracted:
    """`indexer.extract.extract` in a sandboxed child; its failures come back as
    ExtractionError (UnsupportedFormat for files of a kind hoso cannot read)."""
    with tempfile.TemporaryDirectory(prefix="hoso-sandbox-") as tmp:
        report = Path(tmp) / "report.json"
        stderr_path = Path(tmp) / "stderr.txt"
        command = [
            sys.executable, "-m", "indexer.sandbox",
            str(Path(path).resolve()), str(report), json.dumps(dataclasses.asdict(limits)),
        ]  # fmt: skip
        with stderr_path.open("wb") as stderr:
            returncode = _run(command, stderr, limits)
        if report.is_file():
            return _read_report(report)
        raise ExtractionError(_failure(returncode, limits, _tail(stderr_path)))


def _run(command: list[str], stderr: object, limits: ExtractLimits) -> int:
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        start_new_session=True,
    )
    try:
        return process.wait(timeout=limits.wall_s)
    except subprocess.TimeoutExpired as err:
        raise ExtractionError(f"parsing took longer than {limits.wall_s:g} s") from err
    finally:
        # Tesseract or LibreOffice may outlive the child; the whole session goes.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _read_report(report: Path) -> Extracted:
    data = json.loads(report.read_text(encoding="utf-8"))
    if "error" in data:
        error = UnsupportedFormat if data.get("unsupported") else ExtractionError
        raise error(data["error"])
    return Extracted(**data["result"])


def _failure(returncode: int, limits: ExtractLimits, stderr: str) -> str:
    if returncode == _EXIT_MEMORY or "MemoryError" in stderr:
        return f"parsing needed more than {limits.memory_mb} MB of memory"
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return f"parsing used more than {limits.cpu_s} s of CPU time"
    if returncode < 0:
        return f"the parser crashed on this file ({signal.Signals(-returncode).name})"
    return f"the parser stopped without a result (exit status {returncode})"


def _tail(path: Path) -> str:
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - _STDERR_TAIL))
        return fh.read().decode("utf-8", "replace")


def _limit_self(limits: ExtractLimits) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_s, limits.cpu_s + _CPU_GRACE_S))
    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _child(path: str, report: str, limits_json: str) -> int:
    limits = ExtractLimits(**json.loads(limits_json))
    _limit_self(limits)
    try:
        data: dict[str, object] = {"result": dataclasses.asdict(extract(Path(path), limits=limits))}
    except MemoryError:
        return _EXIT_MEMORY
    except ExtractionError as err:
        data = {"error": str(err), "unsupported": isinstance(err, UnsupportedFormat)}
    partial = Path(report + ".tmp")
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    partial.rename(report)
    return 0


if __name__ == "__main__":
    sys.exit(_child(*sys.argv[1:4]))
