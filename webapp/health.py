"""Checking each service hoso depends on, with a message a person can act on."""

from __future__ import annotations

from dataclasses import dataclass

import redis
from sqlalchemy import text

from webapp.services import Services


@dataclass(frozen=True)
class ServiceState:
    name: str
    ok: bool
    detail: str


def check_all(services: Services) -> list[ServiceState]:
    return [
        check_database(services),
        check_search(services),
        check_broker(services),
        check_storage(services),
    ]


def check_database(services: Services) -> ServiceState:
    try:
        with services.db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as err:
        return ServiceState("database", False, f"cannot reach the database: {_first_line(err)}")
    return ServiceState("database", True, services.db.engine.dialect.name)


def check_search(services: Services) -> ServiceState:
    try:
        health = services.engine.health()
    except Exception as err:
        return ServiceState(
            "search", False, f"search engine at {services.settings.search_url}: {_first_line(err)}"
        )
    status = str(health.get("status", "unknown"))
    return ServiceState(
        "search", status in ("green", "yellow"), f"{services.engine.engine} {status}"
    )


def check_broker(services: Services) -> ServiceState:
    try:
        client = redis.Redis.from_url(services.settings.broker_url, socket_timeout=2)
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


def _first_line(err: Exception) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0][:300]
