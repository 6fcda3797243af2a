"""Sessions over the engine of :mod:`records.engine`; the one place that opens ORM sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from records.engine import make_engine
from records.sqltypes import is_key

Row = TypeVar("Row")


class Database:
    """An engine plus a session factory, created once per process."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        session = self.sessionmaker()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def get_by_key(session: Session, model: type[Row], key: Any) -> Row | None:
    """The row of ``model`` whose key is ``key``, or None: a number no key can be (zero,
    negative, beyond :data:`records.sqltypes.MAX_KEY`) names no row instead of failing in
    the database."""
    return session.get(model, key) if isinstance(key, int) and is_key(key) else None
