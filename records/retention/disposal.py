"""Disposal lists: proposed (draft) -> approved -> executed.

:func:`propose` gathers documents whose retention period has ended and trashed documents
past their grace period, leaving out held and disposed ones and those already on an open
list. A reviewer removes items and approves; execution checks every item again (a hold
placed after approval, a restored document) and disposes the rest through
:func:`dispose_document`, the one function that removes a document's content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, delete, exists, not_, or_, select
from sqlalchemy.orm import Session

from records.audit import record
from records.errors import NotAllowed, RuleError
from records.models import (
    AgencyMention,
    DisposalItem,
    DisposalList,
    Document,
    DocumentPage,
    DocumentReference,
    DocumentVersion,
    PageCorrection,
    User,
)
from records.models.base import utcnow
from records.policy import can_manage_retention
from records.retention.holds import held_clause, is_held
from records.retention.schedule import due_clause
from records.retention.trash import expired_clause
from records.storage import FileStore

OPEN_STATES = ("draft", "approved")


def _on_open_list() -> ColumnElement[bool]:
    return exists(
        select(1)
        .select_from(DisposalItem)
        .join(DisposalList, DisposalList.id == DisposalItem.list_id)
        .where(
            DisposalItem.document_id == Document.id,
            DisposalItem.state == "proposed",
            DisposalList.state.in_(OPEN_STATES),
        )
    )


def eligible(
    session: Session, today: date, trash_days: int, now: datetime | None = None
) -> dict[int, str]:
    """Documents that may be disposed now, with their ground (``due`` or ``trash``)."""
    trash = expired_clause(trash_days, now)
    rows = session.execute(
        select(Document.id, trash)
        .where(
            Document.status != "disposed",
            or_(due_clause(session, today), trash),
            not_(held_clause()),
        )
        .order_by(Document.id)
    ).all()
    return {doc_id: ("trash" if in_trash else "due") for doc_id, in_trash in rows}


def propose(
    session: Session, user: User | None, today: date, trash_days: int
) -> DisposalList | None:
    """Add what is eligible and on no open list to the current draft (made if needed).

    ``user`` None is the periodic job. Returns the draft, or None when nothing is due.
    """
    if user is not None and not can_manage_retention(user):
        raise NotAllowed("dispose")
    candidates = eligible(session, today, trash_days)
    already = set(
        session.scalars(select(Document.id).where(Document.id.in_(candidates), _on_open_list()))
    )
    new = {doc_id: ground for doc_id, ground in candidates.items() if doc_id not in already}
    draft = session.scalar(
        select(DisposalList).where(DisposalList.state == "draft").order_by(DisposalList.id)
    )
    if not new:
        return draft
    if draft is None:
        draft = DisposalList(created_by_id=user.id if user else None)
        session.add(draft)
        session.flush()
    for doc_id, ground in new.items():
        session.add(DisposalItem(list_id=draft.id, document_id=doc_id, ground=ground))
    record(
        session, user, "disposal.propose", object_type="disposal_list", object_id=draft.id,
        added=len(new),
    )  # fmt: skip
    return draft


def _open_item(session: Session, disposal: DisposalList, document_id: int) -> DisposalItem:
    if disposal.state != "draft":
        raise RuleError("disposal.not_draft")
    item = session.get(DisposalItem, (disposal.id, document_id))
    if item is None or item.state != "proposed":
        raise RuleError("disposal.item_unknown")
    return item


def remove_item(
    session: Session, user: User, disposal: DisposalList, document_id: int, reason: str
) -> None:
    """Keep a document off this list (the reviewer decided it must stay)."""
    if not can_manage_retention(user):
        raise NotAllowed("dispose")
    item = _open_item(session, disposal, document_id)
    item.state, item.outcome = "removed", "reviewer"
    item.changed_by_id, item.changed_at = user.id, utcnow()
    record(
        session, user, "disposal.remove", object_type="disposal_list", object_id=disposal.id,
        document=document_id, reason=reason.strip()[:1000],
    )  # fmt: skip


def approve(session: Session, user: User, disposal: DisposalList) -> None:
    """Approve a draft; the caller commits and queues :func:`execute`."""
    if not can_manage_retention(user):
        raise NotAllowed("dispose")
    if disposal.state != "draft":
        raise RuleError("disposal.not_draft")
    if not any(item.state == "proposed" for item in disposal.items):
        raise RuleError("disposal.empty")
    disposal.state = "approved"
    disposal.approved_by_id, disposal.approved_at = user.id, utcnow()
    record(
        session, user, "disposal.approve", object_type="disposal_list", object_id=disposal.id,
        items=sum(item.state == "proposed" for item in disposal.items),
    )  # fmt: skip


def dispose_document(
    session: Session, store: FileStore, document: Document, disposal: DisposalList
) -> None:
    """Remove the document's files (every version) and text; keep its record (status
    ``disposed``), who approved it through ``disposal``, and its audit trail. The caller
    removes it from the search index."""
    for sha256 in _files_only_of(session, document):
        store.remove(sha256)
    for table in (DocumentPage, AgencyMention, DocumentReference, PageCorrection):
        session.execute(delete(table).where(table.document_id == document.id))
    session.expire(document, ["pages", "mentions", "references"])
    document.status = "disposed"
    document.disposed_at = utcnow()
    document.disposal_list_id = disposal.id
    document.touch()


def _files_only_of(session: Session, document: Document) -> set[str]:
    """The stored files of the document's versions that no other live document holds."""
    mine = set(
        session.scalars(
            select(DocumentVersion.sha256).where(DocumentVersion.document_id == document.id)
        )
    ) | {document.sha256}
    others = session.scalars(
        select(DocumentVersion.sha256)
        .join(Document, Document.id == DocumentVersion.document_id)
        .where(
            DocumentVersion.sha256.in_(mine),
            Document.id != document.id,
            Document.status != "disposed",
        )
    )
    return mine - set(others)


@dataclass
class Execution:
    disposed: list[int] = field(default_factory=list)
    kept: dict[int, str] = field(default_factory=dict)


def execute(
    session: Session, store: FileStore, disposal: DisposalList, today: date, trash_days: int
) -> Execution:
    """Dispose the approved list's items that are still eligible; idempotent per item.

    A document held (even since the approval), restored from the trash or no longer due
    is kept, with the reason in its item's ``outcome``.
    """
    if disposal.state not in ("approved", "executed"):
        raise RuleError("disposal.not_approved")
    result = Execution()
    still = eligible(session, today, trash_days)
    for item in disposal.items:
        if item.state != "proposed":
            continue
        document = session.get(Document, item.document_id)
        assert document is not None
        if document.status == "disposed":
            outcome = "already_disposed"
        elif is_held(session, document.id):
            outcome = "held"
        elif item.document_id not in still:
            outcome = "not_due"
        else:
            dispose_document(session, store, document, disposal)
            item.state, item.changed_at = "disposed", utcnow()
            result.disposed.append(document.id)
            record(
                session, None, "document.dispose", object_type="document",
                object_id=document.id, level=document.confidentiality, disposal_list=disposal.id,
                approved_by=disposal.approved_by_id, ground=item.ground,
            )  # fmt: skip
            continue
        item.state, item.outcome, item.changed_at = "kept", outcome, utcnow()
        result.kept[document.id] = outcome
    disposal.state, disposal.executed_at = "executed", utcnow()
    record(
        session, None, "disposal.execute", object_type="disposal_list", object_id=disposal.id,
        disposed=len(result.disposed), kept=len(result.kept),
    )  # fmt: skip
    return result
