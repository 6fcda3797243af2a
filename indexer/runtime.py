"""Per-process handles on the database, file store and search engine, created lazily.

Celery forks its pool processes; creating these on first use (not at import) keeps each
process with its own connections.
"""

from __future__ import annotations

from functools import cache

from indexer.engine import SearchEngine
from records.config import Settings, load_settings
from records.db import Database
from records.storage import FileStore, open_store


@cache
def settings() -> Settings:
    return load_settings()


@cache
def database() -> Database:
    return Database(settings().database_url)


@cache
def store() -> FileStore:
    return open_store(settings())


@cache
def engine() -> SearchEngine:
    return SearchEngine(settings().search_url, settings().search_engine)


def reset() -> None:
    """Forget every handle (tests switch settings; a forked child must not share sockets)."""
    for handle in (settings, database, store, engine):
        handle.cache_clear()
