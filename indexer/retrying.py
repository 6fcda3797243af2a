"""Retrying a task by time, not by count.

A task that meets a transient failure — the database, the search engine, the file store
or the broker away — tries again after an exponential back-off with jitter (2 s, 4 s,
8 s … at most :data:`RETRY_MAX_S`), for as long as :data:`RETRY_WINDOW_S` after its
first failure. A count of retries runs out fast while the delays are short (an outage of
half a minute used most of eight); a window survives an outage of ten minutes whatever
the delays.
The time of the first failure travels with the retried task as ``failing_since``.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager

from celery import Task
from sqlalchemy.exc import InterfaceError, OperationalError

from indexer.engine import SearchUnavailable
from records.storage import StoreUnavailable

log = logging.getLogger(__name__)

#: Failures a later attempt may get past.
TRANSIENT = (SearchUnavailable, StoreUnavailable, OperationalError, InterfaceError)
RETRY_FIRST_S = 2.0
RETRY_MAX_S = 60.0
#: Retrying stops this long after the first failure (the sweep takes over after that).
RETRY_WINDOW_S = 30 * 60


def backoff_s(retries: int) -> float:
    """The wait before retry number ``retries + 1``: exponential, capped, half of it random
    (so tasks failed together do not all come back in the same second)."""
    ceiling = min(RETRY_MAX_S, RETRY_FIRST_S * 2 ** min(retries, 16))
    return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 - not a secret


@contextmanager
def retried_by_time(task: Task, failing_since: float | None) -> Iterator[None]:
    """Run the task's body; on a transient failure, retry it later (or, once the window
    since ``failing_since`` has passed, let the failure end it)."""
    try:
        yield
    except TRANSIENT as err:
        if isinstance(err, SearchUnavailable) and not err.outage:
            raise  # the engine refused this request itself: the same request fails again
        now = time.time()
        since = failing_since or now
        if now - since > RETRY_WINDOW_S:
            log.error(
                "%s gives up after %.0f min of failures: %s",
                task.name,
                (now - since) / 60,
                str(err).splitlines()[0][:300],
            )
            raise
        raise task.retry(
            exc=err,
            countdown=backoff_s(task.request.retries),
            kwargs={**(task.request.kwargs or {}), "failing_since": since},
        ) from err
