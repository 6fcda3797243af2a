"""Every corpus file, in every form, must come back as its ground-truth text."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from indexer.extract import Extracted, ExtractLimits, extract
from tests.unit.extract.accuracy import char_accuracy, flatten
from tests.unit.extract.corpus import CORPUS, FILES, needs_corpus, truth

pytestmark = needs_corpus

# Form (file name suffix) -> floor of character accuracy against the ground truth.
FLOORS = {
    ".scan.pdf": 0.95,
    ".tcvn3.docx": 0.99,
    ".vni.docx": 0.99,
    ".vni.txt": 0.99,
    ".nfd.txt": 0.99,
    ".docx": 0.99,
    ".pdf": 0.99,
}
ENCODINGS = {".tcvn3.docx": "tcvn3", ".vni.docx": "vni", ".vni.txt": "vni"}
LIMITS = ExtractLimits()
NUMBER_LINE = re.compile(r"Số\s*:?\s*[\d/]")


def form(path: Path) -> str:
    return next(suffix for suffix in FLOORS if path.name.endswith(suffix))


def corpus_files(*forms: str) -> list[pytest.param]:
    files = sorted(FILES.iterdir()) if FILES.is_dir() else []
    return [
        pytest.param(
            path, id=path.name, marks=[pytest.mark.slow] if form(path) == ".scan.pdf" else []
        )
        for path in files
        if form(path) in forms
    ]


@cache
def extracted(path: Path) -> Extracted:
    return extract(path, limits=LIMITS)


@cache
def manifest() -> dict[str, dict]:
    lines = (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return {entry["id"]: entry for entry in map(json.loads, lines)}


def doc_id(path: Path) -> str:
    return path.name.split(".")[0]


def best_header_order(result: Extracted) -> list[str]:
    """The text read with the header row-wise (as extracted) and column-wise.

    Both are fair readings of a two-column header, and the ground truth, copied from web
    pages, uses either: "issuer / motto / Số / date" or "issuer / Số / motto / date".
    """
    if result.header_left is None:
        return [result.text]
    left, right = result.header_left.split("\n"), result.header_right.split("\n")
    lines = result.pages[0].split("\n")
    head, rest = lines[: len(left) + len(right)], lines[len(left) + len(right) :]
    assert sorted(head) == sorted(left + right), "page 1 must open with the header lines"
    column_wise = "\n".join(left + right + rest)
    return [result.text, "\n\f\n".join([column_wise, *result.pages[1:]])]


@pytest.mark.parametrize("path", corpus_files(*FLOORS))
def test_text_matches_ground_truth(path: Path) -> None:
    result = extracted(path)
    accuracy = max(char_accuracy(text, truth(doc_id(path))) for text in best_header_order(result))
    assert accuracy >= FLOORS[form(path)], f"{path.name}: character accuracy {accuracy:.4f}"
    assert result.source_encoding == ENCODINGS.get(form(path), result.source_encoding)
    assert result.ocr == (form(path) == ".scan.pdf")
    if result.ocr:
        assert result.ocr_confidence is not None and result.ocr_confidence > 80


def has_two_column_header(entry: dict) -> bool:
    """The ground truth opens with a header that has a "Số" line (not petitions, not bare
    Party decisions that start with their title)."""
    head = truth(entry["id"]).splitlines()[:10]
    return entry["issuer"] is not None and any(NUMBER_LINE.match(line) for line in head)


def as_in_text(entry: dict, field: str) -> str | None:
    return entry.get(f"{field}_as_in_text", entry[field])


@pytest.mark.parametrize(
    "path", corpus_files(".docx", ".pdf", ".tcvn3.docx", ".vni.docx", ".scan.pdf")
)
def test_header_columns(path: Path) -> None:
    entry = manifest()[doc_id(path)]
    result = extracted(path)
    if not has_two_column_header(entry):
        assert result.header_left is None and result.header_right is None
        return
    left, right = flatten(result.header_left or ""), flatten(result.header_right or "")
    assert flatten(as_in_text(entry, "issuer")) in left
    number = as_in_text(entry, "number")
    if number is not None:
        assert flatten(number) in left
    date = flatten(f"{as_in_text(entry, 'place')}, ngày")
    # A few documents print the number and the date on one line, in the left column.
    same_line = any(
        NUMBER_LINE.match(line) and ", ngày" in line for line in truth(entry["id"]).splitlines()
    )
    assert date in (left if same_line else right)
