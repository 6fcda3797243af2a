"""Accuracy floors of ``extract_metadata`` on the corpus ground truth.

Two runs: the ground-truth texts alone, and the DOCX renderings with their header table
given as ``header_left``/``header_right``. Run with ``-s`` to see the per-field table and
the misses (also: ``python -m tests.unit.metadata.corpus_eval docx all``).
"""

import pytest

from .corpus_eval import CORPUS, Report, evaluate, manifest

pytestmark = pytest.mark.skipif(
    not (CORPUS / "manifest.jsonl").is_file(), reason="corpus not available"
)

FLOORS = {
    "doc_type": 0.97,
    "number": 0.97,
    "issued_date": 0.97,
    "issuer": 0.95,
    "subject": 0.90,
    "signer": 0.95,
}
AGENCY_F1_FLOOR = 0.95


@pytest.fixture(scope="module", params=["text", "docx"])
def report(request: pytest.FixtureRequest) -> tuple[str, Report]:
    return request.param, evaluate(request.param, manifest())


def test_accuracy_floors(report: tuple[str, Report], capsys: pytest.CaptureFixture[str]):
    mode, result = report
    table = result.table(f"extract_metadata on corpus ({mode})")
    with capsys.disabled():
        print("\n" + table)
    below = {
        name: round(result.accuracy(name), 3)
        for name, floor in FLOORS.items()
        if result.accuracy(name) < floor
    }
    assert not below, table
    assert result.agency_f1 >= AGENCY_F1_FLOOR, table
