"""A user's desk (*Bàn làm việc*): what needs them today, what they worked on, what waits
for their review — each list drawn through the access policy's clauses, so it holds only
what the user may see.

Deadlines are those of the user's own body: petitions it received, information requests it
sent or must answer, cases it leads that show signs of a crime and wait to be transferred,
and transfers it sent or received that wait for an outcome. Near means due within the
same three working days the reminders and the dashboard use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from records.calendar import WorkingCalendar
from records.models import (
    Agency,
    Case,
    Document,
    DocumentPage,
    Notification,
    PetitionDocument,
    Transfer,
    User,
)
from records.ocr_review import review_clause
from records.policy import (
    can_register_petition,
    case_clause,
    document_clause,
    transfer_clause,
)
from records.reports.period import Period
from records.reports.petitions import due_petitions
from records.reports.requests import due_requests
from records.reports.scope import Scope
from records.reports.transfers import PENDING, awaiting_cases

#: Rows of each list on the desk; each list links to its full page.
ROWS = 8
#: Document types of letters from citizens: once recognised, they wait to be registered.
PETITION_DOC_TYPES = ("don_to_cao", "don_khieu_nai", "don_kien_nghi", "don_phan_anh")


@dataclass(frozen=True)
class DueItem:
    """One deadline on the desk: a petition, an information request or a transfer."""

    kind: str  # petition | request | referral | transfer
    id: int
    title: str
    due_on: date
    overdue: bool
    #: Working days past the due date (overdue), or left until it (near).
    working_days: int
    rule: str | None = None  # the legal basis code, where one is recorded


@dataclass
class Desk:
    due: list[DueItem] = field(default_factory=list)
    overdue_total: int = 0
    near_total: int = 0
    notifications: list[Notification] = field(default_factory=list)
    unread_total: int = 0
    recent_documents: list[Document] = field(default_factory=list)
    recent_cases: list[Case] = field(default_factory=list)
    #: Documents with pages to review: the document, how many pages, the first such page.
    ocr_review: list[tuple[Document, int, int]] = field(default_factory=list)
    ocr_review_total: int = 0
    petition_letters: list[Document] = field(default_factory=list)
    petition_letters_total: int = 0
    document_counts: dict[str, int] = field(default_factory=dict)
    case_counts: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Nothing on the desk at all: a new user, or a body with no work yet."""
        return not (
            self.due
            or self.notifications
            or self.recent_documents
            or self.recent_cases
            or self.ocr_review
            or self.petition_letters
        )


def build(
    session: Session,
    user: User,
    today: date,
    calendar: WorkingCalendar,
    *,
    ocr_threshold: float,
    rows: int = ROWS,
) -> Desk:
    scope = Scope(
        user=user,
        period=Period.month(today.year, today.month),
        today=today,
        calendar=calendar,
        agency_id=user.agency_id,
    )
    desk = Desk()
    _deadlines(session, scope, desk, rows)
    _notifications(session, user, desk, rows)
    visible_documents = document_clause(user)
    desk.recent_documents = list(
        session.scalars(
            select(Document)
            .where(visible_documents, Document.uploaded_by_id == user.id)
            .order_by(Document.uploaded_at.desc(), Document.id.desc())
            .limit(rows)
        )
    )
    desk.recent_cases = list(
        session.scalars(
            select(Case)
            .where(
                case_clause(user),
                (Case.handler_id == user.id) | (Case.created_by_id == user.id),
            )
            .order_by(Case.created_at.desc(), Case.id.desc())
            .limit(rows)
        )
    )
    _ocr_review(session, user, desk, ocr_threshold, rows)
    if can_register_petition(user, user.agency):
        _petition_letters(session, user, desk, rows)
    desk.document_counts = dict(
        session.execute(
            select(Document.status, func.count())
            .where(visible_documents, Document.owner_agency_id == user.agency_id)
            .group_by(Document.status)
        ).all()
    )
    desk.case_counts = dict(
        session.execute(
            select(Case.status, func.count())
            .where(case_clause(user), Case.lead_agency_id == user.agency_id)
            .group_by(Case.status)
        ).all()
    )
    return desk


def _deadlines(session: Session, scope: Scope, desk: Desk, rows: int) -> None:
    codes = dict(session.execute(select(Agency.id, Agency.code)).all())
    petitions, petitions_late, petitions_near = due_petitions(session, scope, rows)
    requests, requests_late, requests_near = due_requests(session, scope, codes, rows)
    referrals, _total, referrals_late = awaiting_cases(session, scope, codes, rows)
    transfers, transfers_late, transfers_near = _due_transfers(session, scope, rows)
    items = [
        DueItem("petition", p.id, p.register_no, p.due_on, p.overdue, p.working_days, p.rule)
        for p in petitions
    ]
    items += [
        DueItem("request", r.id, r.subject, r.due_date, r.overdue, r.working_days) for r in requests
    ]
    for case in referrals:
        if case.due is None or case.due > scope.near_limit:
            continue
        late = case.overdue
        days = (
            scope.working_days(case.due, scope.today)
            if late
            else scope.working_days(scope.today, case.due)
        )
        items.append(
            DueItem(
                "referral", case.id, f"{case.code} — {case.title}", case.due, late, days, case.basis
            )
        )
    items += transfers
    items.sort(key=lambda item: (item.due_on, item.kind, item.id))
    desk.due = items[:rows]
    referrals_near = sum(
        1 for case in referrals if case.due and not case.overdue and case.due <= scope.near_limit
    )
    desk.overdue_total = petitions_late + requests_late + referrals_late + transfers_late
    desk.near_total = petitions_near + requests_near + referrals_near + transfers_near


def _due_transfers(session: Session, scope: Scope, rows: int) -> tuple[list[DueItem], int, int]:
    """Transfers of the user's body still waiting for the investigators' outcome."""
    pending = and_(
        transfer_clause(scope.user),
        (Transfer.from_agency_id == scope.agency_id) | (Transfer.to_agency_id == scope.agency_id),
        Transfer.outcome == PENDING,
        Transfer.due_date <= scope.near_limit,
    )
    late = Transfer.due_date < scope.today
    counts = session.execute(
        select(func.count().filter(late), func.count().filter(~late)).where(pending)
    ).one()
    items = []
    for transfer in session.scalars(
        select(Transfer).where(pending).order_by(Transfer.due_date, Transfer.id).limit(rows)
    ):
        overdue = transfer.due_date < scope.today
        days = (
            scope.working_days(transfer.due_date, scope.today)
            if overdue
            else scope.working_days(scope.today, transfer.due_date)
        )
        title = transfer.reference or str(transfer.id)
        items.append(
            DueItem(
                "transfer",
                transfer.id,
                title,
                transfer.due_date,
                overdue,
                days,
                transfer.legal_basis,
            )
        )
    return items, int(counts[0]), int(counts[1])


def _notifications(session: Session, user: User, desk: Desk, rows: int) -> None:
    unread = and_(Notification.user_id == user.id, Notification.read_at.is_(None))
    desk.unread_total = session.scalar(select(func.count()).where(unread)) or 0
    desk.notifications = list(
        session.scalars(
            select(Notification)
            .where(unread)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(rows)
        )
    )


def _ocr_review(session: Session, user: User, desk: Desk, threshold: float, rows: int) -> None:
    """Documents of the user's body with OCR'd pages below the threshold, not yet corrected."""
    flagged = (
        select(
            DocumentPage.document_id,
            func.count().label("pages"),
            func.min(DocumentPage.page_no).label("first"),
        )
        .where(review_clause(threshold))
        .group_by(DocumentPage.document_id)
        .subquery()
    )
    query = (
        select(Document, flagged.c.pages, flagged.c.first)
        .join(flagged, flagged.c.document_id == Document.id)
        .where(document_clause(user), Document.owner_agency_id == user.agency_id)
    )
    desk.ocr_review_total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    desk.ocr_review = [
        (document, pages, first)
        for document, pages, first in session.execute(
            query.order_by(Document.uploaded_at.desc(), Document.id.desc()).limit(rows)
        )
    ]


def _petition_letters(session: Session, user: User, desk: Desk, rows: int) -> None:
    """Documents recognised as citizens' letters that no petition holds yet."""
    waiting = and_(
        document_clause(user),
        Document.owner_agency_id == user.agency_id,
        Document.doc_type.in_(PETITION_DOC_TYPES),
        ~select(PetitionDocument.document_id)
        .where(PetitionDocument.document_id == Document.id)
        .exists(),
    )
    desk.petition_letters_total = session.scalar(select(func.count()).where(waiting)) or 0
    desk.petition_letters = list(
        session.scalars(
            select(Document)
            .where(waiting)
            .order_by(Document.uploaded_at.desc(), Document.id.desc())
            .limit(rows)
        )
    )
