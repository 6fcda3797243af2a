"""One database session per request, closed (rolled back if uncommitted) at teardown."""

from __future__ import annotations

from flask import Flask, g
from sqlalchemy.orm import Session

from webapp.services import services


def db_session() -> Session:
    if "db_session" not in g:
        g.db_session = services().db.sessionmaker()
    return g.db_session


def init_app(app: Flask) -> None:
    @app.teardown_appcontext
    def _close(_error: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()
