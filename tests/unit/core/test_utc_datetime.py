"""Moments are aware UTC in Python on SQLite too: stored as UTC, compared as UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from records import migrate
from records.db import Database
from records.models import ApiToken, User
from records.models.base import utcnow

HANOI = timezone(timedelta(hours=7))


@pytest.fixture
def sqlite(tmp_path) -> Database:
    url = f"sqlite:///{tmp_path / 'moments.db'}"
    migrate.upgrade(url)
    database = Database(url)
    with database.session() as session:
        session.add(User(username="u", password_hash="x", agency_id=1))
    yield database
    database.dispose()


def _token(session, **moments) -> ApiToken:
    user = session.scalar(select(User))
    token = ApiToken(user_id=user.id, name="t", prefix="p", token_hash=str(moments), **moments)
    session.add(token)
    session.flush()
    return token


def test_a_moment_comes_back_aware_utc_and_the_same_instant(sqlite: Database) -> None:
    local = (utcnow() + timedelta(days=1)).astimezone(HANOI)
    with sqlite.session() as session:
        token_id = _token(session, expires_at=local).id
    with sqlite.session() as session:
        stored = session.get(ApiToken, token_id)
        assert stored.expires_at.tzinfo is UTC
        assert stored.expires_at == local
        assert stored.created_at.tzinfo is UTC
        # What used to raise "can't compare offset-naive and offset-aware datetimes".
        assert stored.active_at(utcnow())


def test_comparisons_in_sql_use_the_instant_not_the_wall_time(sqlite: Database) -> None:
    soon = utcnow() + timedelta(hours=1)
    with sqlite.session() as session:
        _token(session, expires_at=soon)
    with sqlite.session() as session:
        # 30 minutes from now, written in Hanoi time: its wall clock is 6.5 hours ahead.
        half_hour = (utcnow() + timedelta(minutes=30)).astimezone(HANOI)
        later = session.scalars(select(ApiToken).where(ApiToken.expires_at > half_hour)).all()
        assert len(later) == 1


def test_a_naive_moment_is_refused(sqlite: Database) -> None:
    with pytest.raises(StatementError, match="timezone-aware"), sqlite.session() as session:
        _token(session, expires_at=datetime(2026, 12, 7, 9, 30))
