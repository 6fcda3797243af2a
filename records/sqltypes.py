"""Portable column types shared by the ORM models and the Core tables of fast reads.

Core only: importing this module does not load ``sqlalchemy.orm``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, Dialect
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator

#: JSON everywhere, JSONB on PostgreSQL.
JSONType = JSON().with_variant(JSONB(), "postgresql")

#: The largest ``Integer`` key every database holds: PostgreSQL's ``integer`` (SQLite's are
#: 64 bits). A number beyond it (or below its negative) names no row; PostgreSQL refuses it
#: in a query (integer out of range) instead of finding nothing.
MAX_KEY = 2**31 - 1


def is_key(number: int) -> bool:
    """Whether ``number`` can be a row's key (keys start at 1)."""
    return 0 < number <= MAX_KEY


class UTCDateTime(TypeDecorator[datetime]):
    """A moment, always timezone-aware UTC in Python, on every database.

    PostgreSQL keeps ``timestamptz``; SQLite keeps no offset at all, so a moment is stored
    there as its UTC wall time and read back with UTC attached. Without this, SQLite hands
    back naive datetimes that cannot be compared with :func:`utcnow`, and an aware value in
    another zone would be stored as its local wall time. A naive value is refused: it has no
    one meaning.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError(f"a moment must be a timezone-aware datetime, not {value!r}")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)
