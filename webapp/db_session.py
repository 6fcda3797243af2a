"""One database session and one transaction per request.

The request's work commits once, after the view answered with a success or a redirect;
an error answer (4xx, 5xx) rolls it back. Views never commit: a refused rule they catch
rolls back what it began (:func:`webapp.blueprints.cases.attempt`), and a refusal that must
be audited is written apart by :func:`webapp.auditing.deny`. Indexing follows the commit
(:mod:`indexer.unit_of_work`).
"""

from __future__ import annotations

import logging

from flask import Flask, Response, g
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from webapp.services import services

log = logging.getLogger(__name__)


def db_session() -> Session:
    if "db_session" not in g:
        g.db_session = services().db.sessionmaker()
    return g.db_session


def finish(session: Session, succeeded: bool) -> None:
    """End the unit of work: commit on success, roll back otherwise."""
    if succeeded:
        session.commit()
    else:
        session.rollback()


def init_app(app: Flask) -> None:
    @app.after_request
    def _end_unit_of_work(response: Response) -> Response:
        session = g.get("db_session")
        if session is not None:
            finish(session, response.status_code < 400)
        return response

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
