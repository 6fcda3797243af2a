"""Retention periods: per document type (``retention_rules``) or per document
(``retention_overrides``); ``None`` years means permanent (never due).

A document is due when its date — the issue date, else the day it was received — plus its
period has passed, and it has been held here for :data:`ARCHIVE_GRACE_DAYS` at least: an old
reference document uploaded today is someone's working material, not a disposal candidate.
In SQL this is written without date arithmetic, which differs between
PostgreSQL and SQLite: for each period in use the cut-off date ``today - years`` is computed
here, and a document is due when its date is on or before its period's cut-off.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import ColumnElement, case, false, func, or_, select
from sqlalchemy.orm import Session

from records.audit import record
from records.codes import DOC_TYPES
from records.errors import RuleError
from records.models import Document, RetentionOverride, RetentionRule, User
from records.models.base import utcnow

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


def base_date(document: Document) -> date:
    return document.issued_date or document.uploaded_at.date()


def period_of(session: Session, document: Document) -> tuple[int | None, bool]:
    """(years or None for permanent, whether it is the document's own override)."""
    override = session.get(RetentionOverride, document.id)
    if override is not None:
        return override.years, True
    rule = session.get(RetentionRule, document.doc_type or "other")
    return (rule.years if rule else None), False


def due_date(session: Session, document: Document) -> date | None:
    """When the document's period ends; None when it is kept permanently."""
    years, _ = period_of(session, document)
    return None if years is None else _due(document, years)


def _due(document: Document, years: int) -> date:
    """The end of the period, not before the grace after the document was received."""
    settled = document.uploaded_at.date() + timedelta(days=ARCHIVE_GRACE_DAYS)
    return max(add_years(base_date(document), years), settled)


def due_dates(session: Session, documents: Sequence[Document]) -> dict[int, date | None]:
    """:func:`due_date` of many documents in two queries (a disposal list's page)."""
    by_type = {rule.doc_type: rule.years for rule in rules(session).values()}
    ids = [document.id for document in documents]
    own = dict(
        session.execute(
            select(RetentionOverride.document_id, RetentionOverride.years).where(
                RetentionOverride.document_id.in_(ids)
            )
        ).all()
    )
    result: dict[int, date | None] = {}
    for document in documents:
        years = (
            own[document.id] if document.id in own else by_type.get(document.doc_type or "other")
        )
        result[document.id] = None if years is None else _due(document, years)
    return result


def _years_column() -> ColumnElement[int | None]:
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
    """Documents whose retention period has ended by ``today`` (permanent ones never) and
    that were received at least :data:`ARCHIVE_GRACE_DAYS` before ``today``."""
    in_use = set(session.scalars(select(RetentionRule.years).distinct()))
    in_use |= set(session.scalars(select(RetentionOverride.years).distinct()))
    periods = sorted(y for y in in_use if y is not None)
    if not periods:
        return false()
    years = _years_column()
    cutoff = case(*((years == y, add_years(today, -y)) for y in periods), else_=None)
    received = func.date(Document.uploaded_at)
    settled_in = received <= today - timedelta(days=ARCHIVE_GRACE_DAYS)
    return settled_in & or_(
        Document.issued_date <= cutoff,
        Document.issued_date.is_(None) & (received <= cutoff),
    )
