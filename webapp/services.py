"""The handles a running web app uses: database, file store, search engine, settings."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from indexer.engine import SearchEngine
from records.config import Settings
from records.db import Database
from records.storage import FileStore, open_store


@dataclass
class Services:
    settings: Settings
    db: Database
    store: FileStore
    engine: SearchEngine

    @classmethod
    def create(cls, settings: Settings) -> Services:
        return cls(
            settings=settings,
            db=Database(settings.database_url),
            store=open_store(settings),
            engine=SearchEngine(settings.search_url, settings.search_engine),
        )


def services() -> Services:
    return current_app.extensions["hoso"]
