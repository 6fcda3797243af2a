"""Pointing this test process's Celery producer at another broker (a test's own Redis).

The Celery app reads the broker URL when ``indexer.celery_app`` is imported; workers are
started with the right one, but uploads made in the test process publish through this app.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def publishing_to(url: str) -> Iterator[None]:
    from indexer.celery_app import celery

    def switch(target: str) -> None:
        celery.conf.broker_url = target
        celery._pool = None  # the connection pool and producer pool are keyed by URL
        celery.amqp._producer_pool = None

    previous = celery.conf.broker_url
    switch(url)
    try:
        yield
    finally:
        switch(previous)
