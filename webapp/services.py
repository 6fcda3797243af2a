"""The handles a running web app uses: database, file store, search engine, settings."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.engine import SearchEngine
from records.config import Settings
from records.db import Database
from records.storage import FileStore


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
            store=FileStore(settings.files_dir),
            engine=SearchEngine(settings.search_url, settings.search_engine),
        )


def services() -> Services:
    """The running web app's services (the CLI makes its own, without importing Flask)."""
    from flask import current_app

    return current_app.extensions["hoso"]
