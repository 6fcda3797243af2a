"""When a document's retention period starts: proposed by hoso, confirmed by an archivist.

Under the archival rules a retention period is counted from the year the work ended — the
year the case (or the file) was closed — not from the document's own date. hoso proposes
1 January after that year: after the closing year of the latest closed case the document is
attached to, or after the year of the document's own date (its issue date, else the day it
was received) when it belongs to no case. While a case it is attached to is still open,
nothing is proposed and nothing may be confirmed: the work has not ended.

Only a confirmed start (:class:`records.models.RetentionStart`) makes a document due
(:func:`records.retention.schedule.due_clause`); :func:`awaiting_clause` selects what an
archivist still has to confirm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, exists, false, func, not_, select
from sqlalchemy.orm import Session

from records.audit import record
from records.calendar import local_date
from records.codes import levels_up_to
from records.errors import NotAllowed, RuleError
from records.models import Case, CaseDocument, CaseEvent, Document, RetentionStart, User
from records.models.base import utcnow
from records.policy import Action, can_manage_retention, can_retain
from records.retention.open_cases import CLOSED, in_open_case_clause
from records.retention.schedule import ARCHIVE_GRACE_DAYS, years_column

#: The earliest start accepted (a typing error such as 0215 is refused, not stored).
EARLIEST = date(1945, 1, 1)


@dataclass(frozen=True)
class Proposal:
    """A start hoso proposes, and what it is counted from (``case`` or ``document``)."""

    starts_on: date
    basis: str
    case_code: str = ""


def confirmed_clause() -> ColumnElement[bool]:
    return exists(select(1).where(RetentionStart.document_id == Document.id))


def awaiting_clause(user: User, today: date) -> ColumnElement[bool]:
    """Documents ``user`` may confirm a start for and that wait for one: not disposed, not
    in the trash, in hoso for the archive grace period, not kept permanently, not in an
    open case, not confirmed yet."""
    if not can_manage_retention(user):
        return false()
    settled_by = today - timedelta(days=ARCHIVE_GRACE_DAYS)
    return (
        (Document.status != "disposed")
        & Document.trashed_at.is_(None)
        & (func.date(Document.uploaded_at) <= settled_by)
        & Document.confidentiality.in_(levels_up_to(user.clearance))
        & years_column().is_not(None)
        & not_(in_open_case_clause())
        & not_(confirmed_clause())
    )


def _next_year(year: int) -> date:
    return date(year + 1, 1, 1)


def proposals(session: Session, documents: Sequence[Document]) -> dict[int, Proposal | None]:
    """The start proposed for each document (None while one of its cases is open), in two
    queries for a page of documents."""
    ids = [document.id for document in documents]
    links = session.execute(
        select(CaseDocument.document_id, Case.id, Case.code, Case.status, Case.created_at)
        .join(Case, Case.id == CaseDocument.case_id)
        .where(CaseDocument.document_id.in_(ids), CaseDocument.state == "attached")
    ).all()
    closed_at = dict(
        session.execute(
            select(CaseEvent.case_id, func.max(CaseEvent.at))
            .where(CaseEvent.case_id.in_({link.id for link in links}), CaseEvent.kind == "status")
            .group_by(CaseEvent.case_id)
        ).all()
    )
    cases: dict[int, list[tuple[str, str, date]]] = {}
    for document_id, case_id, code, status, created_at in links:
        closed = local_date(closed_at.get(case_id) or created_at)
        cases.setdefault(document_id, []).append((code, status, closed))
    result: dict[int, Proposal | None] = {}
    for document in documents:
        mine = cases.get(document.id, [])
        if any(status != CLOSED for _, status, _ in mine):
            result[document.id] = None
        elif mine:
            code, _, closed = max(mine, key=lambda case: case[2])
            result[document.id] = Proposal(_next_year(closed.year), "case", code)
        else:
            own = document.issued_date or local_date(document.uploaded_at)
            result[document.id] = Proposal(_next_year(own.year), "document")
    return result


def confirmed(session: Session, document_ids: Sequence[int]) -> dict[int, RetentionStart]:
    rows = session.scalars(
        select(RetentionStart).where(RetentionStart.document_id.in_(document_ids))
    )
    return {row.document_id: row for row in rows}


def latest_start(today: date) -> date:
    """The latest start accepted: 1 January next year (work that ends this year)."""
    return _next_year(today.year)


def confirm(
    session: Session,
    user: User,
    document: Document,
    starts_on: date,
    today: date,
    note: str = "",
    basis: str = "archivist",
) -> RetentionStart:
    """Record (or correct) the day ``document``'s retention period starts; ``basis`` says
    whether the archivist took hoso's proposal (``case``, ``document``) or their own date."""
    if not can_retain(user, Action.HOLD, document):
        raise NotAllowed("retention")
    if not EARLIEST <= starts_on <= latest_start(today):
        raise RuleError("retention.start_out_of_range", earliest=EARLIEST.year)
    if session.scalar(select(in_open_case_clause()).where(Document.id == document.id)):
        raise RuleError("retention.case_open")
    row = session.get(RetentionStart, document.id) or RetentionStart(document_id=document.id)
    before = row.starts_on.isoformat() if row.starts_on else None
    row.starts_on, row.note = starts_on, note.strip()[:1000]
    row.confirmed_by_id, row.confirmed_at = user.id, utcnow()
    session.add(row)
    record(
        session, user, "retention.start", object_type="document", object_id=document.id,
        level=document.confidentiality, before=before, after=starts_on.isoformat(),
        note=row.note, basis=basis,
    )  # fmt: skip
    return row


def confirm_proposed(
    session: Session, user: User, documents: Sequence[Document], today: date
) -> int:
    """Confirm the proposed start of each of ``documents`` that has one; the count done."""
    proposed = proposals(session, documents)
    done = 0
    for document in documents:
        proposal = proposed[document.id]
        if proposal is None:
            continue
        confirm(session, user, document, proposal.starts_on, today, basis=proposal.basis)
        done += 1
    return done
