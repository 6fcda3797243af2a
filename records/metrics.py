"""Prometheus metrics every hoso process records: ingest stages, failures, search latency.

Web workers (gunicorn) and Celery pool processes are separate processes: when
``PROMETHEUS_MULTIPROC_DIR`` is set (the launchers set it to ``$HOSO_DATA_DIR/metrics``),
prometheus-client writes each process's values to files there and the web app's
``/metrics`` adds them up. Without it the values live in this process only.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import Counter, Histogram

#: The stages of one document's way into the index (save: writing the parse to the database).
STAGES = ("store", "extract", "metadata", "save", "index")

_STAGE_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)
_SEARCH_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

INGEST_DOCUMENTS = Counter(
    "hoso_ingest_documents",
    "Documents through each ingest stage, by outcome (ok or failed).",
    ["stage", "outcome"],
)
INGEST_STAGE_SECONDS = Histogram(
    "hoso_ingest_stage_seconds",
    "Time one call of an ingest stage took (index: one bulk batch).",
    ["stage"],
    buckets=_STAGE_BUCKETS,
)
INGEST_FAILURES = Counter(
    "hoso_ingest_failures",
    "Ingest failures by stage and normalised reason.",
    ["stage", "reason"],
)
SEARCH_SECONDS = Histogram(
    "hoso_search_seconds",
    "Latency of search requests sent to the engine, by outcome.",
    ["outcome"],
    buckets=_SEARCH_BUCKETS,
)

#: Ordered: the first pattern that matches a failure message names its reason.
_REASONS = (
    ("timeout", r"took longer|timed? ?out|timeout"),
    ("memory", r"memory"),
    ("too_large", r"too many pages|too large|larger than"),
    ("encrypted", r"password|encrypted"),
    ("unsupported", r"not supported|unsupported|need (tesseract|libreoffice)|cannot read this"),
    ("damaged", r"damaged|truncated|corrupt|no pages|invalid|could not read"),
    ("unreadable", r"cannot be read|no such file|permission denied"),
    ("engine_unavailable", r"search engine|connection ?(refused|error)|unavailable"),
    ("database", r"database|operationalerror|psycopg|sqlite"),
)
_REASON_RES = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _REASONS)


def failure_reason(message: str) -> str:
    """A short category for a failure message, so the reason label has few values."""
    for name, pattern in _REASON_RES:
        if pattern.search(message):
            return name
    return "other"


def record_failure(stage: str, message: str, count: int = 1) -> None:
    INGEST_DOCUMENTS.labels(stage, "failed").inc(count)
    INGEST_FAILURES.labels(stage, failure_reason(message)).inc(count)


@contextmanager
def timed(name: str) -> Iterator[None]:
    """Observe how long the block took as one call of stage ``name``."""
    started = time.perf_counter()
    try:
        yield
    finally:
        INGEST_STAGE_SECONDS.labels(name).observe(time.perf_counter() - started)


@contextmanager
def stage(name: str, documents: int = 1) -> Iterator[None]:
    """Time one stage; count ``documents`` as done, or as failed if the block raises."""
    with timed(name):
        try:
            yield
        except Exception as err:
            record_failure(name, f"{type(err).__name__}: {err}", documents)
            raise
    INGEST_DOCUMENTS.labels(name, "ok").inc(documents)


@contextmanager
def search_timer() -> Iterator[None]:
    started = time.perf_counter()
    outcome = "error"
    try:
        yield
        outcome = "ok"
    finally:
        SEARCH_SECONDS.labels(outcome).observe(time.perf_counter() - started)
