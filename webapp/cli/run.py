"""``hoso run``: everything for a local user — search node, broker, web, worker, beat."""

from __future__ import annotations

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
    children: list[subprocess.Popen[bytes]] = []
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
        children = [
            _spawn(
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
            _spawn(
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
            _spawn(
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
        if _wait_for_web(f"http://{host}:{port}/health?format=json", children, stop):
            click.secho(f"hoso is running at http://{host}:{port}/  (Ctrl-C to stop)", fg="green")
            _supervise(children, stop)
    finally:
        _stop(children)
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


def _spawn(name: str, argv: list[str]) -> subprocess.Popen[bytes]:
    # A session of its own: the terminal's Ctrl-C reaches only us, and we stop children in order.
    process = subprocess.Popen(argv, start_new_session=True)
    process.name = name  # type: ignore[attr-defined]
    return process


class _StopRequest:
    """Set by SIGINT or SIGTERM from the very start, so a Ctrl-C while hoso is still starting
    stops it as cleanly as one after."""

    def __init__(self) -> None:
        self.requested = False
        signal.signal(signal.SIGINT, self._request)
        signal.signal(signal.SIGTERM, self._request)

    def _request(self, _signum: int, _frame: object) -> None:
        self.requested = True


def _wait_for_web(
    url: str, children: list[subprocess.Popen[bytes]], stop: _StopRequest, timeout_s: int = 60
) -> bool:
    """True once the web app answers; False if a stop was requested first."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if stop.requested:
            return False
        _check_alive(children)
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own loopback URL
                return True
        except urllib.error.HTTPError:
            return True  # it answers; the health page itself says what is degraded
        except OSError:
            time.sleep(0.5)
    raise click.ClickException(f"the web app did not answer at {url} within {timeout_s} s")


def _check_alive(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        if child.poll() is not None:
            raise click.ClickException(
                f"the {child.name} process exited with code {child.returncode}"  # type: ignore[attr-defined]
            )


def _supervise(children: list[subprocess.Popen[bytes]], stop: _StopRequest) -> None:
    while not stop.requested:
        _check_alive(children)
        time.sleep(0.5)


def _stop(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_S
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
