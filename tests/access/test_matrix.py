"""The authorisation matrix: every registered endpoint × every user × every object of the
world, each cell checked against the tables of docs/access-policy.md.

Register more endpoints in ``tests/access/endpoints_<area>.py`` (see registry.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.access.harness import Harness, load_endpoint_modules

pytestmark = pytest.mark.services

ENDPOINTS = load_endpoint_modules()
ARTIFACT = Path(__file__).resolve().parents[2] / "test-artifacts" / "access-matrix.json"
CELLS: dict[str, int] = {}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_endpoint_follows_the_policy_table(harness: Harness, endpoint) -> None:
    result = harness.run(endpoint)
    CELLS[endpoint.name] = result.cells
    assert result.cells > 0
    shown = "\n".join(result.mismatches[:20])
    assert not result.mismatches, f"{len(result.mismatches)} cells differ from the table:\n{shown}"


def test_matrix_size_is_recorded(harness: Harness) -> None:
    """Written for the report: how many cells the matrix checked, per endpoint."""
    assert len(CELLS) == len(ENDPOINTS), "run the whole module to count the cells"
    ARTIFACT.parent.mkdir(exist_ok=True)
    total = sum(CELLS.values())
    ARTIFACT.write_text(json.dumps({"total": total, "endpoints": CELLS}, indent=1))
    assert total > 10_000
