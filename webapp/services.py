"""The handles a running web app uses: database, file store, search engine, settings."""

from __future__ import annotations

from dataclasses import dataclass

from indexer import unit_of_work
from indexer.engine import CircuitBreaker, SearchEngine
from records.config import Settings
from records.db import Database
from records.storage import FileStore, open_store

#: A web request waits this long for one engine call, tries one other node at most, and
#: after repeated failures gets an immediate 503 from the circuit breaker.
REQUEST_TIMEOUT_S = 3


@dataclass
class Services:
    settings: Settings
    db: Database
    store: FileStore
    engine: SearchEngine

    @classmethod
    def create(cls, settings: Settings) -> Services:
        db = Database(settings.database_url)
        unit_of_work.watch(db.sessionmaker)
        return cls(
            settings=settings,
            db=db,
            store=open_store(settings),
            engine=SearchEngine(
                settings.search_url,
                settings.search_engine,
                timeout=REQUEST_TIMEOUT_S,
                retries=1,
                retry_on_timeout=False,  # a node that hung once is not waited for twice
                breaker=CircuitBreaker(),
            ),
        )


def services() -> Services:
    """The running web app's services (the CLI makes its own, without importing Flask)."""
    from flask import current_app

    return current_app.extensions["hoso"]
