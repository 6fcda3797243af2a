"""The child's side of the sandbox (``indexer.sandbox``): parse files under limits and
report each as JSON in the caller's private directory; no pickle crosses from the process
that touched a file.

A child forked by the fork server parses one file after another (:func:`serve_files`) and
retires when a fresh one is safer or cheaper: after ``FILES_PER_CHILD`` files, after a file
that failed, ran an external program (Tesseract, LibreOffice) or made the child's memory
peak above 256 MB or half its limit. The limits hold per file: the address-space cap is the file's
cap, the CPU-time limit is moved to "used so far + the file's allowance" before each file,
and an alarm bounds each file's wall time. A file that breaks a limit kills the child,
which fails that file only; the server forks a new child for the next one.

All files a child parses come from the same worker, which can read all of them anyway:
serving several does not widen what a hostile file could reach.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import resource
import signal
import sys
from pathlib import Path
from typing import Any

from indexer.extract import ExtractionError, ExtractLimits, UnsupportedFormat, extract
from indexer.limited_child import die_with_parent

#: Exit status of a child that ran out of memory before it could write its report.
EXIT_MEMORY = 3
#: Files one child parses before the server forks a fresh one.
FILES_PER_CHILD = 100
# A child whose memory peaked above this (or half its limit) is not given another file:
# what a large file made Python and the C libraries hold stays with the process.
_RETIRE_PEAK_MB = 256
# CPU seconds between the soft limit (SIGXCPU) and the hard one (SIGKILL).
_CPU_GRACE_S = 5
# Wall-clock seconds after which a child kills itself if nobody else did.
_ALARM_GRACE_S = 30
# Audit events of a process being started.
_PROCESS_EVENTS = frozenset(
    {"subprocess.Popen", "os.fork", "os.forkpty", "os.posix_spawn", "os.spawn", "os.exec"}
)
DONE = b"done\n"
RETIRED = b"retired\n"


def parse_file(path: str, report: str, limits_json: str) -> int:
    """Parse one file in this (one-off) process; return the exit status."""
    die_with_parent()
    limits = ExtractLimits(**json.loads(limits_json))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_s, limits.cpu_s + _CPU_GRACE_S))
    _limit_memory(limits.memory_mb)
    ok = _parse(path, report, limits)
    return 0 if ok is not None else EXIT_MEMORY


def serve_files(jobs: int, replies: int, memory_mb: int) -> int:
    """Parse the jobs read from file descriptor ``jobs`` one by one, answering each on
    ``replies`` with DONE, or RETIRED when this child stops after it; return the exit
    status. The caller has put the child in a session of its own."""
    die_with_parent()
    _limit_memory(memory_mb)
    started: list[str] = []

    def note_process(event: str, _args: tuple[object, ...]) -> None:
        if event in _PROCESS_EVENTS:
            started.append(event)

    sys.addaudithook(note_process)
    requests = os.fdopen(jobs, "rb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    for served, line in enumerate(requests, start=1):
        job = json.loads(line)
        limits = ExtractLimits(**job["limits"])
        _allow_cpu(limits.cpu_s)
        stderr = os.open(job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(stderr, 2)
        os.close(stderr)
        signal.alarm(math.ceil(limits.wall_s) + _ALARM_GRACE_S)
        ok = _parse(job["path"], job["report"], limits)
        signal.alarm(0)
        os.dup2(devnull, 2)
        if ok is None:
            return EXIT_MEMORY
        retire = not ok or bool(started) or served >= FILES_PER_CHILD or _memory_grew(memory_mb)
        os.write(replies, RETIRED if retire else DONE)
        if retire:
            return 0
    return 0


def _parse(path: str, report: str, limits: ExtractLimits) -> bool | None:
    """Write the report of one file; True when parsed, False when refused with a reason,
    None when memory ran out (no report)."""
    try:
        data: dict[str, Any] = {"result": dataclasses.asdict(extract(Path(path), limits=limits))}
    except MemoryError:
        return None
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
    return "result" in data


def _limit_memory(memory_mb: int) -> None:
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _allow_cpu(seconds: int) -> None:
    """SIGXCPU once this file has used ``seconds`` more of CPU time (the hard limit stays
    as inherited: lowered, it could not be raised again for the next file)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(usage.ru_utime + usage.ru_stime) + seconds
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _memory_grew(memory_mb: int) -> bool:
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return peak_mb > min(memory_mb / 2, _RETIRE_PEAK_MB)
