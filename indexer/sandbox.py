"""Parse an untrusted file in a child process bounded in CPU time, memory and wall time.

Each file is parsed by a process forked for it alone from a *fork server*: a fresh
interpreter, ``python -m indexer.sandbox --serve``, started with ``subprocess`` once per
calling process, that has imported the extractors and does nothing but fork. Starting an
interpreter and importing pdfminer, python-docx, lxml, Pillow and pypdfium2 costs about
0.3 s, ten times the parse of a typical DOCX or one-page PDF; a fork costs milliseconds.

Why not ``multiprocessing``:

* Celery's prefork workers are daemonic processes, and ``multiprocessing`` refuses to start
  children from those; a plain subprocess works from any worker, thread or pool.
* Nothing is forked from a possibly multi-threaded worker, and nothing of its state (open
  connections, locks, imported modules) reaches the child: the fork server is
  single-threaded and has never touched a file or a connection.

Each parse child starts a session of its own, so a timeout kills it together with the
Tesseract or LibreOffice processes it started. It sets its own limits (RLIMIT_CPU,
RLIMIT_AS, no core files) before it opens the file, and reports back as JSON in a private
directory; no pickle crosses from the process that touched the file.

When the fork server cannot be used (it died, or another thread of the caller is using
it), the file is parsed by a one-off ``python -m indexer.sandbox PATH REPORT LIMITS``
child instead, with the same limits and report.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import gc
import json
import math
import os
import resource
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

from indexer.extract import Extracted, ExtractionError, ExtractLimits, UnsupportedFormat, extract
from indexer.extract.formats import FORMATS
from indexer.limited_child import die_with_parent

# Exit status of a child that ran out of memory before it could write its report.
_EXIT_MEMORY = 3
# CPU seconds between the soft limit (SIGXCPU) and the hard one (SIGKILL).
_CPU_GRACE_S = 5
# Wall-clock seconds after which a parse child kills itself if nobody else did.
_ALARM_GRACE_S = 30
_STDERR_TAIL = 2000
# How long the fork server may take to start a child or report its end.
_SERVER_REPLY_S = 30.0


class _ServerGone(Exception):
    """The fork server stopped answering; the caller parses the file another way."""


def extract_limited(path: Path, limits: ExtractLimits, *, fork_server: bool = True) -> Extracted:
    """`indexer.extract.extract` in a sandboxed child; its failures come back as
    ExtractionError (UnsupportedFormat for files of a kind hoso cannot read).

    ``fork_server=False`` starts a fresh interpreter for the file instead (slower; the
    benchmarks compare the two)."""
    with tempfile.TemporaryDirectory(prefix="hoso-sandbox-") as tmp:
        job = {
            "path": str(Path(path).resolve()),
            "report": str(Path(tmp) / "report.json"),
            "stderr": str(Path(tmp) / "stderr.txt"),
            "limits": dataclasses.asdict(limits),
        }
        returncode = _run(job, limits) if fork_server else _run_once(job, limits)
        report = Path(job["report"])
        if report.is_file():
            return _read_report(report)
        stderr = Path(job["stderr"])
        tail = _tail(stderr) if stderr.is_file() else ""
        raise _failure(returncode, limits, tail)


def _run(job: dict[str, Any], limits: ExtractLimits) -> int:
    server = _server()
    if server is not None and server.lock.acquire(blocking=False):
        try:
            return server.run(job, limits.wall_s)
        except _ServerGone:
            server.close()
        finally:
            server.lock.release()
    return _run_once(job, limits)


# -- the caller's side ---------------------------------------------------------------------
class _ForkServer:
    """A running ``python -m indexer.sandbox --serve`` and the pipes to talk to it.

    Protocol, one JSON line each way: the caller sends a job; the server forks a child
    for it and answers ``{"pid": …}``, then ``{"status": …}`` once the child has ended
    (``status`` as ``subprocess.Popen.returncode``: negative for a signal).
    """

    def __init__(self) -> None:
        self.owner = os.getpid()
        self.lock = threading.Lock()
        self._buffer = b""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "indexer.sandbox", "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def usable(self) -> bool:
        return self.owner == os.getpid() and self.process.poll() is None

    def run(self, job: dict[str, Any], wall_s: float) -> int:
        self._send(job)
        pid = int(self._receive(_SERVER_REPLY_S)["pid"])
        try:
            reply = self._receive(wall_s)
        except TimeoutError:
            _kill_group(pid)
            try:
                self._receive(_SERVER_REPLY_S)  # the server has reaped the child
            except TimeoutError as err:
                raise _ServerGone("the fork server did not reap a killed child") from err
            raise _timeout(wall_s) from None
        except _ServerGone:
            _kill_group(pid)
            raise
        return int(reply["status"])

    def close(self) -> None:
        """Stop the server (it exits when its input closes)."""
        if self.owner != os.getpid():
            return
        with contextlib.suppress(OSError):
            self.process.stdin.close()  # type: ignore[union-attr]
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _send(self, job: dict[str, Any]) -> None:
        data = json.dumps(job, ensure_ascii=False).encode() + b"\n"
        try:
            os.write(self.process.stdin.fileno(), data)  # type: ignore[union-attr]
        except (BrokenPipeError, ValueError, OSError) as err:
            raise _ServerGone(str(err)) from err

    def _receive(self, timeout_s: float) -> dict[str, Any]:
        fd = self.process.stdout.fileno()  # type: ignore[union-attr]
        deadline = time.monotonic() + timeout_s
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(fd, 4096)
            if not chunk:
                raise _ServerGone("the fork server exited")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line)


_current: _ForkServer | None = None
_current_lock = threading.Lock()


def _server() -> _ForkServer | None:
    """This process's fork server, started on first use and again after it died."""
    global _current
    with _current_lock:
        if _current is None or not _current.usable():
            try:
                _current = _ForkServer()
            except OSError:
                _current = None
        return _current


@atexit.register
def _stop_server() -> None:
    if _current is not None:
        _current.close()


def _run_once(job: dict[str, Any], limits: ExtractLimits) -> int:
    """Parse in a one-off interpreter (no fork server); return its exit status."""
    command = [
        sys.executable, "-m", "indexer.sandbox",
        job["path"], job["report"], json.dumps(job["limits"]),
    ]  # fmt: skip
    with open(job["stderr"], "wb") as stderr:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )
    try:
        return process.wait(timeout=limits.wall_s)
    except subprocess.TimeoutExpired:
        raise _timeout(limits.wall_s) from None
    finally:
        # Tesseract or LibreOffice may outlive the child; the whole session goes.
        _kill_group(process.pid)
        process.wait()


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _read_report(report: Path) -> Extracted:
    data = json.loads(report.read_text(encoding="utf-8"))
    if "error" in data:
        error = UnsupportedFormat if data.get("unsupported") else ExtractionError
        raise error(data["error"], data.get("code", "damaged"), **data.get("params", {}))
    return Extracted(**data["result"])


def _timeout(wall_s: float) -> ExtractionError:
    return ExtractionError(f"parsing took longer than {wall_s:g} s", "timeout", seconds=wall_s)


def _failure(returncode: int, limits: ExtractLimits, stderr: str) -> ExtractionError:
    if returncode == _EXIT_MEMORY or "MemoryError" in stderr:
        return ExtractionError(
            f"parsing needed more than {limits.memory_mb} MB of memory",
            "memory",
            mb=limits.memory_mb,
        )
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return ExtractionError(
            f"parsing used more than {limits.cpu_s} s of CPU time", "cpu", seconds=limits.cpu_s
        )
    if returncode == -signal.SIGALRM:
        return _timeout(limits.wall_s)
    if returncode < 0:
        name = signal.Signals(-returncode).name
        return ExtractionError(f"the parser crashed on this file ({name})", "crashed", signal=name)
    return ExtractionError(
        f"the parser stopped without a result (exit status {returncode})",
        "no_result",
        status=returncode,
    )


def _tail(path: Path) -> str:
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - _STDERR_TAIL))
        return fh.read().decode("utf-8", "replace")


# -- the child's side ----------------------------------------------------------------------
def _limit_self(limits: ExtractLimits) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_s, limits.cpu_s + _CPU_GRACE_S))
    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _child(path: str, report: str, limits_json: str) -> int:
    die_with_parent()
    limits = ExtractLimits(**json.loads(limits_json))
    _limit_self(limits)
    try:
        data: dict[str, object] = {"result": dataclasses.asdict(extract(Path(path), limits=limits))}
    except MemoryError:
        return _EXIT_MEMORY
    except ExtractionError as err:
        data = {
            "error": str(err),
            "code": err.code,
            "params": err.params,
            "unsupported": isinstance(err, UnsupportedFormat),
        }
    partial = Path(report + ".tmp")
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    partial.rename(report)
    return 0


# -- the fork server -----------------------------------------------------------------------
def _serve(requests: IO[bytes]) -> int:
    """Fork one child per job read from ``requests``; answer on file descriptor 1."""
    die_with_parent()  # a killed worker process takes its fork server along
    _warm_up()
    # Objects that exist now are never collected: the children's garbage collector then
    # does not touch (and copy) every page of the server's memory.
    gc.freeze()
    for line in requests:
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                status = _forked_child(job)
            finally:
                os._exit(status)
        _reply({"pid": pid})
        # Kill what the child left running (OCR, LibreOffice) before its pid is reaped
        # and could be reused.
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
        _kill_group(pid)
        _, status = os.waitpid(pid, 0)
        _reply({"status": os.waitstatus_to_exitcode(status)})
    return 0


def _warm_up() -> None:
    """Import every extractor and parse the formats' samples once, so the children share
    what parsing loads lazily (library modules, syllable tables, pdfminer's glyph tables,
    python-docx's element classes) instead of loading it again per file. A sample that
    fails costs only speed."""
    limits = ExtractLimits()
    with tempfile.TemporaryDirectory(prefix="hoso-warmup-") as tmp:
        for fmt in FORMATS:
            fmt.load()
            for sample in fmt.write_samples(Path(tmp)):
                try:
                    extract(sample, limits=limits)
                except ExtractionError:
                    continue


def _forked_child(job: dict[str, Any]) -> int:
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)  # never read the server's requests
    os.dup2(devnull, 1)  # never write into the server's replies
    stderr = os.open(job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(stderr, 2)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.alarm(math.ceil(job["limits"]["wall_s"]) + _ALARM_GRACE_S)
    return _child(job["path"], job["report"], json.dumps(job["limits"]))


def _reply(message: dict[str, int]) -> None:
    os.write(1, json.dumps(message).encode() + b"\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        sys.exit(_serve(sys.stdin.buffer))
    sys.exit(_child(*sys.argv[1:4]))
