"""The air-gapped install: build the bundle here, install it with the network unused, then
import hoso and start the search node from the installed jars."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.private import free_search_base

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]


def _isolated(script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run ``script`` with no network: in a new network namespace (only loopback, brought
    up inside) or, where namespaces are not allowed, with every proxy pointing nowhere."""
    if subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0:
        command = ["unshare", "-rn", "bash", "-ec", f"ip link set lo up\n{script}"]
    else:
        nowhere = "http://127.0.0.1:9"
        env = {**env, "http_proxy": nowhere, "https_proxy": nowhere, "PIP_NO_INDEX": "1"}
        command = ["bash", "-ec", script]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def test_bundle_installs_and_runs_without_network(tmp_path: Path) -> None:
    bundle, target = tmp_path / "bundle", tmp_path / "target"
    started = time.monotonic()
    built = subprocess.run(
        [str(ROOT / "deploy" / "offline" / "build-bundle.sh"), str(bundle)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    build_s = time.monotonic() - started
    assert (bundle / "images" / "images.txt").read_text().split() == [
        "docker.elastic.co/elasticsearch/elasticsearch:8.17.4",
        "hoso:0.1.0",
        "nginx:1.26-bookworm",
        "opensearchproject/opensearch:2.19.1",
        "postgres:16-bookworm",
        "redis:7.2-bookworm",
    ]

    port = free_search_base(1)
    services = f"HOSO_SERVICES_DIR={shlex.quote(str(tmp_path / 'svc'))} HOSO_SEARCH_PORT={port}"
    script = f"""
        curl -s -m 5 -o /dev/null https://pypi.org && {{ echo "the network is reachable"; exit 9; }}
        {bundle}/install.sh {bundle} {target}
        cd /
        {target}/venv/bin/python -c 'import records, indexer, webapp
from indexer.engine import load_schema
from records.migrate import head_revision
print("schema", load_schema()["version"], "revision", head_revision())'
        {target}/venv/bin/hoso --help | grep -q reindex
        trap '{services} {target}/deploy/dev/services.sh down search' EXIT
        {services} {target}/deploy/dev/services.sh up search
        curl -fsS http://127.0.0.1:{port}/_cluster/health
    """
    started = time.monotonic()
    installed = _isolated(script, {**os.environ})
    install_s = time.monotonic() - started
    output = installed.stdout + installed.stderr
    assert installed.returncode == 0, output
    assert "schema 1 revision" in output
    assert '"status":"green"' in output
    assert (target / "deploy" / "opensearch" / "lib" / ".hoso-complete").is_file()
    print(f"offline bundle: built in {build_s:.0f} s, installed and started in {install_s:.0f} s")
