"""Retention periods: per document type (``retention_rules``) or per document
(``retention_overrides``); ``None`` years means permanent (never due).

A document is due when its period, counted from the start an archivist confirmed
(``retention_starts``, see :mod:`records.retention.starts`), has passed, it has been held
here for :data:`ARCHIVE_GRACE_DAYS` at least (an old reference document uploaded today is
someone's working material, not a disposal candidate) and no case it is attached to is
open. A document whose start is not confirmed is never due.
In SQL this is written without date arithmetic, which differs between
PostgreSQL and SQLite: for each period in use the cut-off date ``today - years`` is computed
here, and a document is due when its start is on or before its period's cut-off.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import ColumnElement, case, false, func, not_, select
from sqlalchemy.orm import Session

from records.audit import record
from records.codes import DOC_TYPES
from records.errors import RuleError
from records.models import Document, RetentionOverride, RetentionRule, RetentionStart, User
from records.models.base import utcnow
from records.retention.open_cases import in_open_case_clause

#: The periods offered in forms (Thông tư 10/2022/TT-BNV uses these); None: permanent.
PERIODS: tuple[int | None, ...] = (None, 70, 50, 20, 10, 5)
MAX_YEARS = 100
#: Days a document is in hoso before its retention period can make it due.
ARCHIVE_GRACE_DAYS = 90


def add_years(day: date, years: int) -> date:
    """``day`` moved by ``years`` (29 February becomes 28 February in other years)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def check_years(years: int | None) -> None:
    if years is not None and not 1 <= years <= MAX_YEARS:
        raise RuleError("retention.years_invalid", maximum=MAX_YEARS)


def rules(session: Session) -> dict[str, RetentionRule]:
    return {rule.doc_type: rule for rule in session.scalars(select(RetentionRule))}


def set_rule(session: Session, user: User, doc_type: str, years: int | None, basis: str) -> None:
    """Change one type's period (an administrator or archivist; the caller checks)."""
    if doc_type not in DOC_TYPES:
        raise RuleError("retention.type_unknown", doc_type=doc_type)
    check_years(years)
    rule = session.get(RetentionRule, doc_type) or RetentionRule(doc_type=doc_type)
    before = rule.years
    rule.years, rule.basis = years, basis.strip()[:1000]
    rule.changed_by_id, rule.changed_at = user.id, utcnow()
    session.add(rule)
    record(
        session, user, "retention.rule", object_type="retention_rule", object_id=doc_type,
        before=before, after=years, basis=rule.basis,
    )  # fmt: skip


def set_override(
    session: Session, user: User, document: Document, years: int | None, reason: str
) -> None:
    """Keep ``document`` for its own period (``None``: permanently), with a reason."""
    check_years(years)
    if not reason.strip():
        raise RuleError("retention.reason_required")
    row = session.get(RetentionOverride, document.id) or RetentionOverride(document_id=document.id)
    row.years, row.reason = years, reason.strip()[:1000]
    row.set_by_id, row.set_at = user.id, utcnow()
    session.add(row)
    record(
        session, user, "retention.override", object_type="document", object_id=document.id,
        level=document.confidentiality, years=years, reason=row.reason,
    )  # fmt: skip


def clear_override(session: Session, user: User, document: Document) -> None:
    row = session.get(RetentionOverride, document.id)
    if row is not None:
        session.delete(row)
        record(
            session, user, "retention.override", object_type="document", object_id=document.id,
            level=document.confidentiality, cleared=True,
        )  # fmt: skip


def period_of(session: Session, document: Document) -> tuple[int | None, bool]:
    """(years or None for permanent, whether it is the document's own override)."""
    override = session.get(RetentionOverride, document.id)
    if override is not None:
        return override.years, True
    rule = session.get(RetentionRule, document.doc_type or "other")
    return (rule.years if rule else None), False


def start_of(session: Session, document: Document) -> date | None:
    """The confirmed start of the document's period; None while not confirmed."""
    row = session.get(RetentionStart, document.id)
    return row.starts_on if row else None


def due_date(session: Session, document: Document) -> date | None:
    """When the document's period ends; None when it is kept permanently or its start is
    not confirmed."""
    years, _ = period_of(session, document)
    start = start_of(session, document)
    return None if years is None or start is None else _due(document, years, start)


def _due(document: Document, years: int, start: date) -> date:
    """The end of the period, not before the grace after the document was received."""
    settled = document.uploaded_at.date() + timedelta(days=ARCHIVE_GRACE_DAYS)
    return max(add_years(start, years), settled)


def due_dates(session: Session, documents: Sequence[Document]) -> dict[int, date | None]:
    """:func:`due_date` of many documents in three queries (a disposal list's page)."""
    by_type = {rule.doc_type: rule.years for rule in rules(session).values()}
    ids = [document.id for document in documents]
    own = dict(
        session.execute(
            select(RetentionOverride.document_id, RetentionOverride.years).where(
                RetentionOverride.document_id.in_(ids)
            )
        ).all()
    )
    starts = dict(
        session.execute(
            select(RetentionStart.document_id, RetentionStart.starts_on).where(
                RetentionStart.document_id.in_(ids)
            )
        ).all()
    )
    result: dict[int, date | None] = {}
    for document in documents:
        years = (
            own[document.id] if document.id in own else by_type.get(document.doc_type or "other")
        )
        start = starts.get(document.id)
        result[document.id] = (
            None if years is None or start is None else _due(document, years, start)
        )
    return result


def years_column() -> ColumnElement[int | None]:
    """The period that applies to each document, as a correlated SQL expression."""
    override_years = (
        select(RetentionOverride.years)
        .where(RetentionOverride.document_id == Document.id)
        .scalar_subquery()
    )
    has_override = (
        select(RetentionOverride.document_id)
        .where(RetentionOverride.document_id == Document.id)
        .exists()
    )
    rule_years = (
        select(RetentionRule.years)
        .where(RetentionRule.doc_type == func.coalesce(Document.doc_type, "other"))
        .scalar_subquery()
    )
    return case((has_override, override_years), else_=rule_years)


def due_clause(session: Session, today: date) -> ColumnElement[bool]:
    """Documents whose retention period, from its confirmed start, has ended by ``today``
    (permanent ones never), received at least :data:`ARCHIVE_GRACE_DAYS` before ``today``
    and in no open case."""
    in_use = set(session.scalars(select(RetentionRule.years).distinct()))
    in_use |= set(session.scalars(select(RetentionOverride.years).distinct()))
    periods = sorted(y for y in in_use if y is not None)
    if not periods:
        return false()
    years = years_column()
    cutoff = case(*((years == y, add_years(today, -y)) for y in periods), else_=None)
    received = func.date(Document.uploaded_at)
    settled_in = received <= today - timedelta(days=ARCHIVE_GRACE_DAYS)
    start = (
        select(RetentionStart.starts_on)
        .where(RetentionStart.document_id == Document.id)
        .scalar_subquery()
    )
    return settled_in & (start <= cutoff) & not_(in_open_case_clause())
