"""The production compose files, nginx site and systemd units pass their offline checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
def test_production_deployment_files_validate() -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    result = subprocess.run(
        [str(ROOT / "deploy" / "production" / "validate.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # setup.sh --test installs every tool the script uses: none may be skipped.
    assert "skipped" not in result.stdout, result.stdout
    assert "all 6 checks passed" in result.stdout  # both search variants, the object store
