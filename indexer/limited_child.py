"""Running a helper on an untrusted file in a child process that cannot outlive its limits.

The parent starts the child in its own session and kills the whole group when it is done or
too slow; the child, first thing, caps its own CPU time, address space and core dumps.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import subprocess
from collections.abc import Sequence


def run_limited(command: Sequence[str], wall_s: float) -> tuple[int, bytes]:
    """Run ``command``; return its exit status and stderr. Raises
    :class:`subprocess.TimeoutExpired` after ``wall_s`` seconds (the child is killed)."""
    process = subprocess.Popen(
        list(command),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _, stderr = process.communicate(timeout=wall_s)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return process.returncode, stderr


_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Have the kernel SIGKILL this process when its parent dies (Linux), so no parse
    child outlives the worker that waits for it; exit at once if the parent is gone."""
    parent = os.getppid()
    if parent == 1:
        os._exit(1)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


def limit_this_process(cpu_s: int, memory_mb: int) -> None:
    """Called by the child itself before it touches the file."""
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 5))
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def last_error_line(stderr: bytes) -> str:
    """The child's last word on stderr (a traceback's final line), or "crashed"."""
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1][:300] if lines else "crashed"
