"""One database session per request, closed (rolled back if uncommitted) at teardown."""

from __future__ import annotations

import logging

from flask import Flask, g
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from webapp.services import services

log = logging.getLogger(__name__)


def db_session() -> Session:
    if "db_session" not in g:
        g.db_session = services().db.sessionmaker()
    return g.db_session


def init_app(app: Flask) -> None:
    @app.teardown_appcontext
    def _close(_error: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is None:
            return
        try:
            session.close()
        except DBAPIError as err:
            # The database went away after the response was made (a restart, a failover):
            # the rollback on close fails. Drop the connection; the response stands.
            log.warning("database connection lost at the end of a request: %s", err.orig)
            session.invalidate()
