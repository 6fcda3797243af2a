"""The retention schedule on SQLite (PostgreSQL runs the same clause in
tests/integration/test_retention.py): due dates by type and override from the confirmed
start, permanent documents never due, held documents never eligible, documents whose start
is not confirmed never due."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from records import migrate
from records.db import Database
from records.errors import RuleError
from records.models import Agency, Document, User
from records.retention import disposal, holds, schedule, starts

TODAY = date(2026, 11, 26)


@pytest.fixture
def database(tmp_path: Path) -> Database:
    url = f"sqlite:///{tmp_path / 'hoso.db'}"
    migrate.upgrade(url)
    return Database(url)


def _document(session, n: int, doc_type: str | None, issued: date | None, **kw) -> Document:
    """A document received in 2005 unless ``uploaded_at`` says otherwise."""
    commission = session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one()
    kw.setdefault("uploaded_at", datetime(2005, 1, 1, tzinfo=UTC))
    document = Document(
        sha256=f"{n:064x}", size=1, filename=f"{n}.txt", status="indexed", doc_type=doc_type,
        issued_date=issued, owner_agency=commission, **kw,
    )  # fmt: skip
    session.add(document)
    session.flush()
    return document


def _archivist(session) -> User:
    archivist = User(
        username="luutru", roles=["archivist"], clearance="mat",
        agency=session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one(),
    )  # fmt: skip
    session.add(archivist)
    session.flush()
    return archivist


def _started(session, archivist: User, document: Document, day: date) -> Document:
    starts.confirm(session, archivist, document, day, TODAY)
    return document


def test_add_years_keeps_the_day_or_ends_february() -> None:
    assert schedule.add_years(date(2016, 2, 29), 10) == date(2026, 2, 28)
    assert schedule.add_years(date(2016, 11, 26), 10) == date(2026, 11, 26)


def test_due_by_type_and_override_from_the_confirmed_start(database: Database) -> None:
    with database.session() as session:
        archivist = _archivist(session)

        def started(n: int, doc_type: str | None, day: date, **kw) -> Document:
            return _started(session, archivist, _document(session, n, doc_type, None, **kw), day)

        exactly = started(1, "cong_van", date(2016, 11, 26))  # 10 years: due today
        tomorrow = started(2, "cong_van", date(2016, 11, 27))
        permanent = started(3, "quyet_dinh", date(1990, 1, 1))
        kept_longer = started(4, "cong_van", date(2000, 1, 1))
        schedule.set_override(session, archivist, kept_longer, 50, "Hồ sơ vụ việc điển hình")
        shortened = started(5, "quyet_dinh", date(2015, 1, 1))
        schedule.set_override(session, archivist, shortened, 5, "Bản sao")
        untyped_old = started(6, None, date(2010, 1, 1))  # "other": 10 years
        untyped_new = started(7, None, date(2010, 1, 1), uploaded_at=datetime.now(UTC))
        held = started(8, "cong_van", date(2001, 1, 1))
        holds.hold_document(session, archivist, held, "Phục vụ điều tra")
        # An old dated document is not due while no archivist confirmed its start.
        unconfirmed = _document(session, 9, "cong_van", date(1990, 1, 1))

        due = set(session.scalars(select(Document.id).where(schedule.due_clause(session, TODAY))))
        assert due == {exactly.id, shortened.id, untyped_old.id, held.id}
        assert tomorrow.id not in due and untyped_new.id not in due and unconfirmed.id not in due
        assert permanent.id not in due and kept_longer.id not in due
        assert set(disposal.eligible(session, TODAY, 30)) == due - {held.id}
        assert schedule.due_date(session, exactly) == TODAY
        assert schedule.due_date(session, permanent) is None
        assert schedule.due_date(session, unconfirmed) is None
        every = [exactly, permanent, kept_longer, shortened, untyped_old, unconfirmed]
        assert schedule.due_dates(session, every) == {
            d.id: schedule.due_date(session, d) for d in every
        }
        assert schedule.due_dates(session, [kept_longer])[kept_longer.id] == date(2050, 1, 1)

        with pytest.raises(RuleError):
            schedule.set_override(session, archivist, exactly, 5, "  ")
        with pytest.raises(RuleError):
            schedule.set_rule(session, archivist, "cong_van", 0, "")


def test_an_old_document_uploaded_lately_waits_for_the_grace_period(database: Database) -> None:
    grace = timedelta(days=schedule.ARCHIVE_GRACE_DAYS)
    with database.session() as session:
        archivist = _archivist(session)
        just_now = _document(
            session, 11, "cong_van", date(1990, 1, 1), uploaded_at=datetime.now(UTC)
        )
        _started(session, archivist, just_now, date(1991, 1, 1))
        moment = datetime.combine(TODAY - grace, time(12), UTC)
        settled = _document(session, 12, "cong_van", date(1990, 1, 1), uploaded_at=moment)
        _started(session, archivist, settled, date(1991, 1, 1))
        due = set(session.scalars(select(Document.id).where(schedule.due_clause(session, TODAY))))
        assert settled.id in due and just_now.id not in due
        assert schedule.due_date(session, just_now) == just_now.uploaded_at.date() + grace
        assert schedule.due_dates(session, [just_now]) == {
            just_now.id: schedule.due_date(session, just_now)
        }
