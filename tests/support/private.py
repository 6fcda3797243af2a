"""Services of a test's own — a search cluster, a Redis, a PostgreSQL — on free loopback
ports with their state in the test's folder, started and stopped with the project's scripts.

Fault tests stop and kill these; the shared services on the default ports are never touched.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "deploy" / "dev" / "services.sh"
CLUSTER = ROOT / "deploy" / "dev" / "cluster.sh"


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_search_base(count: int) -> int:
    """A first HTTP port below 9300 (the runner's limit) with ``count`` HTTP ports and their
    transport ports (+100) free; starts high to keep clear of the shared node on 9250."""
    for base in range(9297 - count, 9200, -1):
        ports = [base + i for i in range(count)] + [base + 100 + i for i in range(count)]
        if all(_bindable(port) for port in ports):
            return base
    raise RuntimeError("no free search ports below 9300")


class PrivateServices:
    """One test's services: ``up``/``down`` through services.sh and cluster.sh."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = {
            **os.environ,
            "HOSO_SERVICES_DIR": str(folder),
            "HOSO_DATA_DIR": str(folder / "data"),
        }
        self.started: list[str] = []  # service names, and "cluster"

    # -- single services ----------------------------------------------------------------
    def redis(self) -> str:
        port = free_port()
        self.env["HOSO_REDIS_PORT"] = str(port)
        self._services("up", "redis")
        return f"redis://127.0.0.1:{port}/0"

    def search(self) -> str:
        port = free_search_base(1)
        self.env["HOSO_SEARCH_PORT"] = str(port)
        self._services("up", "search")
        return f"http://127.0.0.1:{port}"

    def postgres(self) -> str:
        port = free_port()
        self.env["HOSO_PG_PORT"] = str(port)
        # As root, PostgreSQL runs as "postgres", which cannot enter the test's folder.
        self.env["HOSO_PG_DIR"] = (
            f"/var/lib/postgresql/hoso-test-{port}"
            if os.geteuid() == 0
            else str(self.folder / f"postgres-{port}")
        )
        self._services("up", "postgres")
        return f"postgresql+psycopg://hoso@127.0.0.1:{port}/postgres"

    def stop(self, name: str) -> None:
        self._run(SERVICES, "down", name)

    def start(self, name: str) -> None:
        self._run(SERVICES, "up", name)

    # -- the cluster --------------------------------------------------------------------
    def cluster(self, nodes: int = 3) -> str:
        base = free_search_base(nodes)
        self.env["HOSO_CLUSTER_PORT"] = str(base)
        self.env["HOSO_CLUSTER_HEAP"] = "320m"
        self.started.append("cluster")
        self._run(CLUSTER, "up", "--nodes", str(nodes))
        return ",".join(f"http://127.0.0.1:{base + i}" for i in range(nodes))

    def kill_node(self, node: int) -> None:
        self._run(CLUSTER, "kill", str(node))

    def start_node(self, node: int) -> None:
        self._run(CLUSTER, "start", str(node))

    # -- plumbing -----------------------------------------------------------------------
    def _services(self, action: str, name: str) -> None:
        self.started.append(name)
        self._run(SERVICES, action, name)

    def _run(self, script: Path, *args: str) -> None:
        started = time.monotonic()
        result = subprocess.run(
            [str(script), *args], env=self.env, capture_output=True, text=True, timeout=300
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{script.name} {' '.join(args)} failed after {time.monotonic() - started:.0f} s:"
                f"\n{result.stdout}\n{result.stderr}"
            )

    def close(self) -> None:
        """Stop everything this object started, newest first; remove PostgreSQL's folder."""
        for name in reversed(self.started):
            command = [str(CLUSTER), "down"] if name == "cluster" else [str(SERVICES), "down", name]
            subprocess.run(command, env=self.env, capture_output=True, check=False)
        pg_dir = self.env.get("HOSO_PG_DIR")
        if pg_dir and Path(pg_dir).exists():
            shutil.rmtree(pg_dir, ignore_errors=True)
