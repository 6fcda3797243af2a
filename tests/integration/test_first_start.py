"""The first ``hoso run`` of a fresh clone: no compiled catalogues, two web workers."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from records.config import Settings

pytestmark = [pytest.mark.services, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "__pycache__",
    "*.pyc",
    "*.mo",
    "*.tmp",
    "lib",
    "target",
    "var",
    "test-artifacts",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "*.egg-info",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_first_run_of_a_fresh_clone_starts_with_two_web_workers(
    hoso_settings: Settings, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(REPO, clone, ignore=NOT_IN_A_CLONE)
    catalogues = clone / "webapp" / "translations"
    assert not list(catalogues.rglob("*.mo"))

    port = _free_port()
    env = {**os.environ, **hoso_settings.to_env(), "PYTHONPATH": str(clone)}
    log_path = tmp_path / "run.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "webapp.cli",
                "run",
                "--port",
                str(port),
                "--web-workers",
                "2",
                "--concurrency",
                "1",
            ],
            cwd=clone,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 120
            answered = False
            while time.monotonic() < deadline and not answered:
                assert process.poll() is None, log_path.read_text()
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5):
                        answered = True
                except urllib.error.HTTPError:
                    answered = True  # it answers; degraded services are not this test's subject
                except OSError:
                    time.sleep(0.5)
            assert answered, log_path.read_text()
            # Both workers serve (several requests land on each) and the clone's own
            # catalogues were compiled, whole.
            for _ in range(6):
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as page:
                    assert "Tình trạng hệ thống" in page.read().decode()
            assert (catalogues / "en" / "LC_MESSAGES" / "messages.mo").stat().st_size > 1000
            assert not list(catalogues.rglob("*.tmp"))
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=60) == 0
        finally:
            if process.poll() is None:
                process.kill()
    output = log_path.read_text()
    assert "exited with code" not in output and "FileNotFoundError" not in output
    assert "hoso stopped." in output
