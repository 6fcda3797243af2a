"""``hoso run`` starts everything, serves the health page, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import json
import os
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_json(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as err:
        return err.code, json.load(err)


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(line) for line in out.stdout.split()]


def test_run_starts_serves_health_and_stops(hoso_settings: Settings, tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, **hoso_settings.to_env()}
    log = (tmp_path / "run.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "webapp.cli",
            "run",
            "--port",
            str(port),
            "--web-workers",
            "1",
            "--concurrency",
            "1",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        status, body = 0, {}
        while time.monotonic() < deadline:
            assert process.poll() is None, (tmp_path / "run.log").read_text()
            try:
                status, body = _get_json(f"http://127.0.0.1:{port}/health?format=json")
                break
            except OSError:
                time.sleep(0.5)
        assert status == 200, body
        assert {name: state["ok"] for name, state in body["services"].items()} == {
            "database": True,
            "search": True,
            "broker": True,
            "storage": True,
        }
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as page:
            html = page.read().decode()
        assert "Tình trạng hệ thống" in html and "Content-Security-Policy" in page.headers
        children = _children(process.pid)
        assert len(children) == 3  # web, worker, beat
        admin_password = (Path(hoso_settings.data_dir) / "admin-password.txt").read_text().strip()
        assert len(admin_password) >= 12

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
        for pid in children:
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
    finally:
        if process.poll() is None:
            process.kill()
        log.close()
    assert "hoso stopped." in (tmp_path / "run.log").read_text()


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""


def _worker_pid(run_pid: int) -> int | None:
    workers = [pid for pid in _children(run_pid) if " indexer.celery_app worker " in _cmdline(pid)]
    return workers[0] if workers else None


def test_run_restarts_a_killed_worker_and_keeps_serving(
    hoso_settings: Settings, tmp_path: Path
) -> None:
    port = _free_port()
    env = {**os.environ, **hoso_settings.to_env()}
    log_path = tmp_path / "run.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "webapp.cli", "run", "--port", str(port),
         "--web-workers", "1", "--concurrency", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while "hoso is running" not in log_path.read_text(errors="replace"):
            assert process.poll() is None and time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.5)
        killed = _worker_pid(process.pid)
        assert killed is not None
        os.kill(killed, signal.SIGKILL)

        deadline = time.monotonic() + 30
        restarted = None
        while restarted in (None, killed):
            assert process.poll() is None, log_path.read_text()  # hoso run keeps going
            assert _get_json(f"http://127.0.0.1:{port}/livez")[0] == 200  # and serving
            assert time.monotonic() < deadline, log_path.read_text()[-3000:]
            time.sleep(0.5)
            restarted = _worker_pid(process.pid)
        text = log_path.read_text(errors="replace")
        assert "the worker process exited with code -9; restarting it in 1 s" in text
        assert "the worker process was restarted" in text

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
        log.close()
