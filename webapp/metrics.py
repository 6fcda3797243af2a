"""What ``/metrics`` shows: every process's counters and histograms, plus values read at
scrape time — documents by status (from the database) and queue depth (from Redis)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import redis
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from records.models import Document
from webapp.services import Services

log = logging.getLogger(__name__)

#: kombu's Redis transport keeps priorities 3, 6 and 9 of a queue in lists of their own.
_PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")


class StateCollector(Collector):
    """Gauges read when scraped; a service that is down yields ``hoso_up{service}`` 0."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = GaugeMetricFamily("hoso_service_up", "Whether a service answered.", labels=["service"])
        documents = GaugeMetricFamily(
            "hoso_documents", "Documents by processing status.", labels=["status"]
        )
        try:
            with self.services.db.sessionmaker() as session:
                rows = session.execute(
                    select(Document.status, func.count()).group_by(Document.status)
                ).all()
            for status, count in rows:
                documents.add_metric([status], count)
            up.add_metric(["database"], 1)
        except Exception as err:
            log.warning("metrics: database unreachable: %s", err)
            up.add_metric(["database"], 0)
        yield documents
        queue = self.services.settings.queue
        depth = GaugeMetricFamily(
            "hoso_queue_depth", "Tasks waiting in the broker queue.", labels=["queue"]
        )
        try:
            client = redis.Redis.from_url(self.services.settings.broker_url, socket_timeout=2)
            depth.add_metric([queue], sum(client.llen(queue + s) for s in _PRIORITY_SUFFIXES))
            up.add_metric(["broker"], 1)
        except redis.RedisError as err:
            log.warning("metrics: broker unreachable: %s", err)
            up.add_metric(["broker"], 0)
        yield depth
        yield up


def exposition(services: Services) -> tuple[bytes, str]:
    """The Prometheus text format of all metrics."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        shared = CollectorRegistry()
        MultiProcessCollector(shared)
    else:
        shared = REGISTRY
    state = CollectorRegistry()
    state.register(StateCollector(services))
    return generate_latest(shared) + generate_latest(state), CONTENT_TYPE_LATEST
