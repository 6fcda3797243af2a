"""Checking each service hoso depends on, with a message a person can act on.

The checks run side by side and each gets :data:`CHECK_DEADLINE_S`: a service that does
not answer by then is reported as not answering, so ``/readyz`` and ``/health`` answer
within about a second however a dependency fails.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import cache
from typing import Any

import redis
from sqlalchemy import text

from indexer.engine import load_schema
from webapp.services import Services

CHECK_DEADLINE_S = 0.9
_POOL = ThreadPoolExecutor(max_workers=6, thread_name_prefix="health")


@dataclass(frozen=True)
class ServiceState:
    name: str
    ok: bool
    detail: str


def check_all(services: Services) -> list[ServiceState]:
    checks: dict[str, Callable[[Services], ServiceState]] = {
        "database": check_database,
        "search": check_search,
        "broker": check_broker,
        "storage": check_storage,
    }
    futures = {name: _POOL.submit(check, services) for name, check in checks.items()}
    wait(futures.values(), timeout=CHECK_DEADLINE_S)
    return [
        future.result()
        if future.done()
        else ServiceState(name, False, f"no answer within {CHECK_DEADLINE_S:.1f} s")
        for name, future in futures.items()
    ]


def check_database(services: Services) -> ServiceState:
    try:
        with services.db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as err:
        return ServiceState("database", False, f"cannot reach the database: {_first_line(err)}")
    return ServiceState("database", True, services.db.engine.dialect.name)


def check_search(services: Services) -> ServiceState:
    """The engine answers, and the index behind the alias can serve hoso's searches."""
    try:
        health = services.engine.health()
        problems = services.engine.index_problems(services.settings.index_alias, _schema())
    except Exception as err:
        return ServiceState(
            "search", False, f"search engine at {services.settings.search_url}: {_first_line(err)}"
        )
    status = str(health.get("status", "unknown"))
    if problems:
        return ServiceState("search", False, f"the index cannot serve searches: {problems[0]}")
    return ServiceState(
        "search", status in ("green", "yellow"), f"{services.engine.engine} {status}"
    )


def check_broker(services: Services) -> ServiceState:
    try:
        client = redis.Redis.from_url(
            services.settings.broker_url, socket_timeout=2, socket_connect_timeout=2
        )
        client.ping()
    except Exception as err:
        return ServiceState(
            "broker", False, f"Redis at {services.settings.broker_url}: {_first_line(err)}"
        )
    return ServiceState("broker", True, "redis")


def check_storage(services: Services) -> ServiceState:
    try:
        services.store.check()
    except Exception as err:
        return ServiceState("storage", False, _first_line(err))
    return ServiceState("storage", True, services.store.location)


@cache
def _schema() -> dict[str, Any]:
    return load_schema("documents")


def _first_line(err: Exception) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0][:300]
