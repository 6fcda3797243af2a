"""Parse an untrusted file in a child process bounded in CPU time, memory and wall time.

Files are parsed by a *parse child* forked from a *fork server*: a fresh interpreter,
``python -m indexer.sandbox --serve``, started with ``subprocess`` once per calling
process, that has imported the extractors and does nothing but fork. Starting an
interpreter and importing pdfminer, python-docx, lxml, Pillow and pypdfium2 costs about
0.3 s, ten times the parse of a typical DOCX or one-page PDF; a fork costs milliseconds,
and a child serves many files before it is recycled (``indexer.parse_child``), so most
files cost neither.

Why not ``multiprocessing``:

* Celery's prefork workers are daemonic processes, and ``multiprocessing`` refuses to start
  children from those; a plain subprocess works from any worker, thread or pool.
* Nothing is forked from a possibly multi-threaded worker, and nothing of its state (open
  connections, locks, imported modules) reaches the child: the fork server is
  single-threaded and has never touched a file or a connection.

Each parse child starts a session of its own, so a timeout kills it together with the
Tesseract or LibreOffice processes it started. It sets its own limits (RLIMIT_CPU,
RLIMIT_AS, no core files, an alarm) for each file before it opens it, and reports back as
JSON in a private directory; no pickle crosses from the process that touched the file. A
file that breaks a limit or crashes the parser kills the child and fails alone: the next
file gets a new child.

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
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

from indexer import parse_child
from indexer.extract import Extracted, ExtractionError, ExtractLimits, UnsupportedFormat, extract
from indexer.extract.formats import FORMATS
from indexer.limited_child import die_with_parent

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

    Protocol, one JSON line each way: the caller sends a job; the server hands it to its
    parse child (forking one when it has none) and answers ``{"pid": …}`` with the
    child's pid, then ``{"status": …}`` once the child has parsed the file (0) or ended
    (``status`` as ``subprocess.Popen.returncode``: negative for a signal). To stop a
    parse that takes too long, the caller kills the child's process group.
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
    # PDFium (as pypdfium2 builds it) and C++ code without a handler for std::bad_alloc
    # abort() when an allocation fails under the address-space cap; their other fatal
    # checks trap (SIGTRAP, SIGILL) instead.
    if returncode in (parse_child.EXIT_MEMORY, -signal.SIGABRT) or "MemoryError" in stderr:
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


# -- the fork server -----------------------------------------------------------------------
class _ParseChild:
    """The server's handle on a forked child that parses file after file
    (:func:`indexer.parse_child.serve_files`) and the pipes to it."""

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        jobs_read, self._jobs = os.pipe()
        self._replies, replies_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            status = 1
            try:
                os.close(self._jobs)
                os.close(self._replies)
                _detach()
                status = parse_child.serve_files(jobs_read, replies_write, memory_mb)
            finally:
                os._exit(status)
        os.close(jobs_read)
        os.close(replies_write)

    def take(self, job: dict[str, Any]) -> bool:
        """Hand the child one job; False when it is gone."""
        try:
            os.write(self._jobs, json.dumps(job, ensure_ascii=False).encode() + b"\n")
        except BrokenPipeError:
            return False
        return True

    def result(self) -> int | None:
        """None when the child parsed the file and takes more; else the exit status of
        the child, which has ended and been reaped."""
        answer = _read_line(self._replies)
        if answer == parse_child.DONE:
            return None
        status = self.stop()
        return 0 if answer == parse_child.RETIRED else status

    def stop(self) -> int:
        """End the child (it exits when its job pipe closes) and what it left running."""
        with contextlib.suppress(OSError):
            os.close(self._jobs)
        with contextlib.suppress(OSError):
            os.close(self._replies)
        # Kill what the child left running (OCR, LibreOffice) before its pid is reaped
        # and could be reused.
        os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOWAIT)
        _kill_group(self.pid)
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)


def _serve(requests: IO[bytes]) -> int:
    """Have a parse child parse each job read from ``requests``; answer on file
    descriptor 1."""
    die_with_parent()  # a killed worker process takes its fork server along
    _warm_up()
    # Objects that exist now are never collected: the children's garbage collector then
    # does not touch (and copy) every page of the server's memory.
    gc.freeze()
    child: _ParseChild | None = None
    for line in requests:
        job = json.loads(line)
        memory_mb = int(job["limits"]["memory_mb"])
        if child is not None and (child.memory_mb != memory_mb or not child.take(job)):
            child.stop()
            child = None
        if child is None:
            child = _ParseChild(memory_mb)
            child.take(job)
        _reply({"pid": child.pid})
        status = child.result()
        if status is not None:
            child = None
        _reply({"status": status or 0})
    if child is not None:
        child.stop()
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


def _detach() -> None:
    """In a new parse child: its own session; never read the server's requests or write
    into its replies."""
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _read_line(fd: int) -> bytes:
    """One short line from ``fd``, or what came before end of file."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(fd, 64)
        if not chunk:
            break
        data += chunk
    return data


def _reply(message: dict[str, int]) -> None:
    os.write(1, json.dumps(message).encode() + b"\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        sys.exit(_serve(sys.stdin.buffer))
    sys.exit(parse_child.parse_file(*sys.argv[1:4]))
