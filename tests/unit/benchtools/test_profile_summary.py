"""The ingest benchmark's reading of a py-spy profile (collapsed stacks, one line each)."""

from __future__ import annotations

import pytest

pytest.importorskip("psutil")

from bench.ingest_benchmark import summarise_profile

MAIN = 'process 10:"python -m celery worker"'
POOL = 'process 11:"python -m celery worker"'
SERVER = 'process 12:"python -m indexer.sandbox --serve"'
CHILD = 'process 13:"python -m indexer.sandbox --serve"'
PDF = "extract_pdf (indexer/extract/pdf.py:54);render_char (pdfminer/converter.py:251)"
RAW = f"""\
{MAIN};{POOL};parse (indexer/pipeline.py:73);extract_limited (indexer/sandbox.py:70) 10
{MAIN};{POOL};{SERVER};{CHILD};_child (indexer/sandbox.py:200);{PDF} 60
{MAIN};{POOL};_save (indexer/pipeline.py:138);Connection.wait (psycopg/connection.py:495) 25
{MAIN};_epoll.poll (kombu/utils/eventio.py:83) 5
"""


def test_shares_and_hoso_frames(tmp_path):
    raw = tmp_path / "profile.txt"
    raw.write_text(RAW, encoding="utf-8")
    summary = summarise_profile(raw)
    assert summary["samples"] == 100
    assert summary["share"]["pdfminer (any frame)"] == 0.6
    assert summary["share"]["process: sandbox parse child"] == 0.6
    assert summary["share"]["process: worker pool process"] == 0.35
    assert summary["share"]["process: worker main"] == 0.05
    assert summary["hottest_frames"][0] == ["render_char (pdfminer/converter.py:251)", 0.6]
    hoso = dict(summary["hottest_frames_of_hoso"])
    assert hoso == {
        "extract_pdf (indexer/extract/pdf.py:54)": 0.6,
        "_save (indexer/pipeline.py:138)": 0.25,
        "extract_limited (indexer/sandbox.py:70)": 0.1,
    }


def test_missing_or_empty_profile_gives_none(tmp_path):
    assert summarise_profile(tmp_path / "absent.txt") is None
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert summarise_profile(tmp_path / "empty.txt") is None
