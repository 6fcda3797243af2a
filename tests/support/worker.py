"""A real Celery worker process for integration tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from records.config import Settings


class Worker:
    def __init__(
        self, settings: Settings, log_path: Path, concurrency: int = 2, *, beat: bool = False
    ) -> None:
        """``beat``: run the periodic tasks too (celery's embedded beat, ``-B``)."""
        self.settings = settings
        self.log_path = log_path
        self.concurrency = concurrency
        self.beat = beat
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 60) -> Worker:
        env = {**os.environ, **self.settings.to_env()}
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "indexer.celery_app",
                "worker",
                "--loglevel",
                "info",
                "--concurrency",
                str(self.concurrency),
                "--queues",
                self.settings.queue,
                "--hostname",
                f"{self.settings.queue}@%h",
                "--without-gossip",
                "--without-mingle",
                *(
                    ["-B", "--schedule", str(self.log_path.with_suffix(".beat-schedule"))]
                    if self.beat
                    else []
                ),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.log_path.read_text()[-3000:]}")
            if "ready." in self.log_path.read_text(errors="replace"):
                return self
            time.sleep(0.2)
        raise RuntimeError(
            f"worker not ready in {timeout_s}s:\n{self.log_path.read_text()[-3000:]}"
        )

    def tail(self, chars: int = 4000) -> str:
        """The end of the worker's log, for a failure message."""
        return self.log_path.read_text(errors="replace")[-chars:]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def kill_main(self) -> None:
        """SIGKILL the worker's main process only, as the OOM killer or an operator would;
        its pool processes are left to notice by themselves."""
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def group_alive(self) -> bool:
        """Whether any process of the worker's group (pool, fork servers, parse children)
        still runs."""
        if self.process is None:
            return False
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool children, whatever is left)."""
        if self.process and self.group_alive():
            os.killpg(self.process.pid, signal.SIGKILL)
        if self.process:
            self.process.wait()
