"""``hoso run``: everything for a local user — search node, broker, web, worker, beat.

It supervises what it started: a web, worker or beat process that dies is reported and
restarted with back-off, the others keep serving meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import click

from indexer.engine import load_schema
from records import migrate
from records.accounts import ensure_admin
from webapp.cli.context import CliContext
from webapp.i18n import compile_catalogues

DEV_SCRIPTS = Path(__file__).resolve().parents[2] / "deploy" / "dev"
STOP_GRACE_S = 20
#: Seconds before each restart of a child that died: 1, 2, 5, 10, 30, then every 60.
RESTART_BACKOFF_S = (1, 2, 5, 10, 30, 60)
#: A child that ran this long before dying starts the back-off over.
STABLE_AFTER_S = 120


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address the web app binds.")
@click.option("--port", default=8080, show_default=True, help="Port of the web app.")
@click.option("--web-workers", default=2, show_default=True)
@click.option("--concurrency", default=2, show_default=True, help="Parallel ingest processes.")
@click.pass_obj
def run(ctx: CliContext, host: str, port: int, web_workers: int, concurrency: int) -> None:
    """Start hoso and everything it needs; Ctrl-C stops it all cleanly."""
    settings = ctx.settings
    stop = _StopRequest()
    started = _start_local_services()
    children = _Children([])
    try:
        migrate.upgrade(settings.database_url)
        with ctx.services.db.session() as session:
            password = ensure_admin(session)
        if password:
            _announce_admin(settings.data_dir, password)
        ctx.services.engine.ensure_alias(
            settings.index_alias,
            load_schema("documents"),
            shards=settings.search_shards,
            replicas=settings.search_replicas,
        )
        compile_catalogues()  # once, before the web workers start (they find it done)
        python = sys.executable
        _fresh_metrics_dir(settings.data_dir / "metrics")
        children = _Children(
            [
                (
                    "web",
                    [
                        python,
                        "-m",
                        "gunicorn",
                        "-c",
                        "python:webapp.gunicorn_conf",
                        "webapp.wsgi:app",
                        "--bind",
                        f"{host}:{port}",
                        "--workers",
                        str(web_workers),
                        "--access-logfile",
                        "-",
                        "--timeout",
                        "120",
                    ],
                ),
                (
                    "worker",
                    [
                        python,
                        "-m",
                        "celery",
                        "-A",
                        "indexer.celery_app",
                        "worker",
                        "--loglevel",
                        "info",
                        "--concurrency",
                        str(concurrency),
                        "--queues",
                        settings.queue,
                    ],
                ),
                (
                    "beat",
                    [
                        python,
                        "-m",
                        "celery",
                        "-A",
                        "indexer.celery_app",
                        "beat",
                        "--loglevel",
                        "info",
                        "--schedule",
                        str(settings.data_dir / "celerybeat-schedule"),
                    ],
                ),
            ]
        )
        if _wait_for_web(f"http://{host}:{port}/health?format=json", children, stop):
            click.secho(f"hoso is running at http://{host}:{port}/  (Ctrl-C to stop)", fg="green")
            _supervise(children, stop)
    finally:
        children.stop()
        for name in reversed(started):
            _services("down", name)
        click.echo("hoso stopped.")


def _fresh_metrics_dir(folder: Path) -> None:
    """Web, worker and beat record metrics in files here; /metrics adds them up."""
    if folder.is_dir():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)


def _start_local_services() -> list[str]:
    """Start the local search node and Redis unless configured elsewhere; return those started."""
    wanted = []
    if not os.environ.get("HOSO_SEARCH_URL"):
        wanted.append("search")
    if not os.environ.get("HOSO_BROKER_URL"):
        wanted.append("redis")
    started = []
    for name in wanted:
        if _services("status", name, check=False).returncode != 0:
            _services("up", name)
            started.append(name)
    return started


def _services(action: str, name: str, *, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    script = DEV_SCRIPTS / "services.sh"
    result = subprocess.run([str(script), action, name], capture_output=action == "status")
    if check and result.returncode != 0:
        raise click.ClickException(f"could not {action} the {name} service (see the lines above)")
    return result


def _announce_admin(data_dir: Path, password: str) -> None:
    path = data_dir / "admin-password.txt"
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password + "\n")
    click.secho(f"First start: user 'admin', password {password} (also in {path})", fg="yellow")


class _StopRequest:
    """Set by SIGINT or SIGTERM from the very start, so a Ctrl-C while hoso is still starting
    stops it as cleanly as one after."""

    def __init__(self) -> None:
        self.requested = False
        signal.signal(signal.SIGINT, self._request)
        signal.signal(signal.SIGTERM, self._request)

    def _request(self, _signum: int, _frame: object) -> None:
        self.requested = True


def _wait_for_web(url: str, children: _Children, stop: _StopRequest, timeout_s: int = 60) -> bool:
    """True once the web app answers; False if a stop was requested first."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if stop.requested:
            return False
        children.watch()
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own loopback URL
                return True
        except urllib.error.HTTPError:
            return True  # it answers; the health page itself says what is degraded
        except OSError:
            time.sleep(0.5)
    raise click.ClickException(f"the web app did not answer at {url} within {timeout_s} s")


def _supervise(children: _Children, stop: _StopRequest) -> None:
    while not stop.requested:
        children.watch()
        time.sleep(0.5)


class _Child:
    """One supervised process: restarted with back-off when it dies, as systemd would."""

    def __init__(self, name: str, argv: list[str]) -> None:
        self.name = name
        self.argv = argv
        self.restarts = 0
        self.restart_at: float | None = None
        self.process = self._spawn()

    def _spawn(self) -> subprocess.Popen[bytes]:
        # A session of its own: the terminal's Ctrl-C reaches only us, and we stop children
        # in order.
        self.started = time.monotonic()
        return subprocess.Popen(self.argv, start_new_session=True)

    def watch(self) -> None:
        """Notice a death (reported, restart scheduled) and restart when it is time."""
        if self.restart_at is None:
            code = self.process.poll()
            if code is None:
                return
            if time.monotonic() - self.started >= STABLE_AFTER_S:
                self.restarts = 0
            delay = RESTART_BACKOFF_S[min(self.restarts, len(RESTART_BACKOFF_S) - 1)]
            self.restart_at = time.monotonic() + delay
            self._kill_leftovers()
            click.secho(
                f"the {self.name} process exited with code {code}; "
                f"restarting it in {delay:g} s (restart {self.restarts + 1})",
                fg="red",
                err=True,
            )
        elif time.monotonic() >= self.restart_at:
            self.restarts += 1
            self.restart_at = None
            self.process = self._spawn()
            click.secho(f"the {self.name} process was restarted", fg="yellow", err=True)

    def _kill_leftovers(self) -> None:
        """Whatever the dead process left in its group (its children) goes with it."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def terminate(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)

    def wait(self, deadline: float) -> None:
        try:
            self.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


class _Children:
    def __init__(self, specs: list[tuple[str, list[str]]]) -> None:
        self.children = [_Child(name, argv) for name, argv in specs]

    def watch(self) -> None:
        for child in self.children:
            child.watch()

    def stop(self) -> None:
        for child in self.children:
            child.terminate()
        deadline = time.monotonic() + STOP_GRACE_S
        for child in self.children:
            child.wait(deadline)
