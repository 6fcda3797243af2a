"""A hoso with staff of two bodies, for the petition tests (real PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy.orm import Session

from records.config import Settings
from records.db import Database
from records.models import User
from records.petitions.context import Context
from tests.support.petitions import context, make_user

TODAY = date(2026, 11, 26)


@dataclass
class World:
    session: Session
    settings: Settings
    ctx: Context
    leader: User
    officer: User
    clerk: User
    viewer: User
    police: User  # an officer of another body (Công an tỉnh)


@pytest.fixture
def world(db: Database, hoso_settings: Settings) -> Iterator[World]:
    session = db.sessionmaker()
    try:
        leader = make_user(session, "lanhdao", ["leader"], clearance="toi_mat")
        officer = make_user(session, "chuyenvien", ["officer"])
        clerk = make_user(session, "vanthu", ["clerk"])
        viewer = make_user(session, "xem", ["viewer"])
        police = make_user(session, "congan", ["officer"], agency_code="cong_an")
        session.commit()
        yield World(
            session, hoso_settings, context(session, TODAY), leader, officer, clerk, viewer, police
        )
    finally:
        session.rollback()
        session.close()
