"""Documents whose work has not ended: attached to a case that is not closed. Their
retention period has not started, so they are neither confirmed nor due."""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, select

from records.case_status import STATUSES
from records.models import Case, CaseDocument, Document

CLOSED = STATUSES[-1]


def in_open_case_clause() -> ColumnElement[bool]:
    """Documents attached to a case that is not closed."""
    return exists(
        select(1)
        .select_from(CaseDocument)
        .join(Case, Case.id == CaseDocument.case_id)
        .where(
            CaseDocument.document_id == Document.id,
            CaseDocument.state == "attached",
            Case.status != CLOSED,
        )
    )
