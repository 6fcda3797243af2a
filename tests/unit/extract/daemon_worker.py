"""Run in a daemonic process by test_sandbox (importable by its full name, for "spawn")."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from indexer.extract import ExtractLimits
from indexer.sandbox import extract_limited


def extract_pages(path: str, queue: multiprocessing.Queue) -> None:
    queue.put(extract_limited(Path(path), ExtractLimits()).pages)
