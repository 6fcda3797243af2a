"""Retention starts confirmed by an archivist: what hoso proposes (the year after the case
or the document's year, in Vietnam's time), what awaits confirmation, what is refused, and
that disposal counts from the confirmed start only — on the page and in the records."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from records.calendar import local_today
from records.db import Database
from records.errors import NotAllowed, RuleError
from records.models import (
    Agency,
    AuditEvent,
    Case,
    CaseDocument,
    CaseEvent,
    Document,
    RetentionStart,
    User,
)
from records.retention import schedule, starts
from tests.support.ingest import signed_in

pytestmark = pytest.mark.services

OLD = datetime(2005, 3, 1, tzinfo=UTC)


def _document(session, n: int, issued: date | None, level: str = "thuong", **kw) -> Document:
    commission = session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one()
    kw.setdefault("uploaded_at", OLD)
    kw.setdefault("doc_type", "cong_van")  # 10 years
    document = Document(
        sha256=f"{n:064x}", size=1, filename=f"start-{n}.txt", status="indexed",
        issued_date=issued, owner_agency=commission, confidentiality=level, **kw,
    )  # fmt: skip
    session.add(document)
    session.flush()
    return document


def _case(session, code: str, documents: list[Document], closed_at: datetime | None) -> Case:
    commission = session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one()
    case = Case(
        code=code, title=code, lead_agency=commission,
        status="ket_thuc" if closed_at else "xac_minh",
    )  # fmt: skip
    session.add(case)
    session.flush()
    for document in documents:
        session.add(CaseDocument(case_id=case.id, document_id=document.id))
    if closed_at:
        session.add(
            CaseEvent(case_id=case.id, kind="status", at=closed_at, detail={"to": "ket_thuc"})
        )
    session.flush()
    return case


def _user(session, username: str, roles: list[str], clearance: str = "mat") -> User:
    commission = session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one()
    user = User(username=username, roles=roles, clearance=clearance, agency=commission)
    session.add(user)
    session.flush()
    return user


def test_proposals_awaiting_and_refusals(db: Database) -> None:
    today = local_today()
    with db.session() as session:
        archivist = _user(session, "luutru-a", ["archivist"])
        officer = _user(session, "chuyenvien-a", ["officer"])
        alone = _document(session, 1, date(2009, 6, 30))
        undated = _document(session, 2, None, uploaded_at=datetime(2008, 5, 5, tzinfo=UTC))
        in_closed = _document(session, 3, date(2004, 2, 2))
        in_open = _document(session, 4, date(2004, 2, 2))
        secret = _document(session, 5, date(2004, 2, 2), level="toi_mat")
        permanent = _document(session, 6, date(2004, 2, 2), doc_type="quyet_dinh")
        recent = _document(session, 7, date(2004, 2, 2), uploaded_at=datetime.now(UTC))
        trashed = _document(session, 8, date(2004, 2, 2), trashed_at=datetime.now(UTC))
        # Closed at 18:00 UTC on 31 December 2015: already 1 January 2016 in Vietnam.
        _case(session, "VV-DONG-1", [in_closed], datetime(2015, 12, 31, 18, tzinfo=UTC))
        _case(session, "VV-MO-1", [in_open], None)

        proposed = starts.proposals(session, [alone, undated, in_closed, in_open])
        assert proposed[alone.id] == starts.Proposal(date(2010, 1, 1), "document")
        assert proposed[undated.id] == starts.Proposal(date(2009, 1, 1), "document")
        assert proposed[in_closed.id] == starts.Proposal(date(2017, 1, 1), "case", "VV-DONG-1")
        assert proposed[in_open.id] is None

        awaiting = set(
            session.scalars(select(Document.id).where(starts.awaiting_clause(archivist, today)))
        )
        assert awaiting == {alone.id, undated.id, in_closed.id}  # secret: above the clearance
        assert not session.scalars(
            select(Document.id).where(starts.awaiting_clause(officer, today))
        ).all()
        assert {permanent.id, recent.id, trashed.id, in_open.id, secret.id}.isdisjoint(awaiting)

        with pytest.raises(NotAllowed):
            starts.confirm(session, officer, alone, date(2010, 1, 1), today)
        with pytest.raises(NotAllowed):
            starts.confirm(session, archivist, secret, date(2010, 1, 1), today)
        with pytest.raises(RuleError) as refused:
            starts.confirm(session, archivist, in_open, date(2010, 1, 1), today)
        assert refused.value.code == "retention.case_open"
        for wrong in (date(215, 1, 1), date(today.year + 1, 1, 2)):
            with pytest.raises(RuleError) as refused:
                starts.confirm(session, archivist, alone, wrong, today)
            assert refused.value.code == "retention.start_out_of_range"
        assert session.scalar(select(RetentionStart)) is None  # nothing stored by a refusal

        assert starts.confirm_proposed(session, archivist, [alone, in_closed, in_open], today) == 2
        assert session.get(RetentionStart, in_closed.id).starts_on == date(2017, 1, 1)
        awaiting = set(
            session.scalars(select(Document.id).where(starts.awaiting_clause(archivist, today)))
        )
        assert awaiting == {undated.id}

        # A correction is kept with the date it replaces, in the audit trail.
        starts.confirm(session, archivist, alone, date(2011, 1, 1), today, "Hồ sơ năm 2010")
        events = session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "retention.start", AuditEvent.object_id == str(alone.id)
            )
        ).all()
        assert [e.detail.get("before") for e in events] == [None, "2010-01-01"]


def test_disposal_counts_from_the_confirmed_start_only(db: Database) -> None:
    today = date(2026, 11, 26)
    with db.session() as session:
        archivist = _user(session, "luutru-b", ["archivist"])
        # Dated 2005: by its own date it would be due; the file closed in 2019 says no.
        late_file = _document(session, 11, date(2005, 1, 1))
        starts.confirm(session, archivist, late_file, date(2020, 1, 1), today)
        early_file = _document(session, 12, date(2005, 1, 1))
        starts.confirm(session, archivist, early_file, date(2016, 1, 1), today)
        unconfirmed = _document(session, 13, date(1999, 1, 1))
        # Confirmed, then attached to a case that is still open: its work goes on.
        reopened = _document(session, 14, date(2001, 1, 1))
        starts.confirm(session, archivist, reopened, date(2002, 1, 1), today)
        _case(session, "VV-MO-2", [reopened], None)

        due = set(session.scalars(select(Document.id).where(schedule.due_clause(session, today))))
        assert due == {early_file.id}
        assert schedule.due_date(session, late_file) == date(2030, 1, 1)
        assert schedule.due_date(session, unconfirmed) is None


def test_the_archivist_confirms_on_the_pages(app, db: Database) -> None:
    with db.session() as session:
        waiting = _document(session, 21, date(2009, 6, 30)).id
        other = _document(session, 22, date(2012, 6, 30)).id
    archivist, token = signed_in(app, db, "luutru-c", roles=("archivist",), clearance="mat")
    officer, officer_token = signed_in(app, db, "chuyenvien-c", roles=("officer",))

    page = archivist.get("/retention/starts")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'data-id="{waiting}"' in html and 'value="2010-01-01"' in html
    assert officer.get("/retention/starts").status_code == 403
    assert (
        officer.post(
            f"/retention/documents/{waiting}/start",
            data={"csrf_token": officer_token, "starts_on": "2010-01-01"},
        ).status_code
        == 404
    )

    bad = archivist.post(
        f"/retention/documents/{waiting}/start",
        data={"csrf_token": token, "starts_on": "01/01/2010", "from": "starts"},
    )
    assert bad.status_code == 303 and bad.location.endswith("/retention/starts")
    confirmed = archivist.post(
        f"/retention/documents/{waiting}/start",
        data={"csrf_token": token, "starts_on": "2010-01-01", "note": "Hồ sơ năm 2009"},
    )
    assert confirmed.status_code == 303
    bulk = archivist.post(
        "/retention/starts", data={"csrf_token": token, "document_id": [str(other)]}
    )
    assert bulk.status_code == 303
    with db.session() as session:
        assert session.get(RetentionStart, waiting).note == "Hồ sơ năm 2009"
        assert session.get(RetentionStart, other).starts_on == date(2013, 1, 1)

    html = archivist.get(f"/retention/documents/{waiting}/hold").get_data(as_text=True)
    assert 'id="retention-start"' in html and "01/01/2010" in html
    assert f'data-id="{waiting}"' not in archivist.get("/retention/starts").get_data(as_text=True)
