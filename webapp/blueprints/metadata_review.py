"""Trang "Thông tin trích xuất cần soát": documents whose metadata extraction was unsure.

Listed beside the OCR review list: each document the user may see with a field whose
confidence is low and that nobody corrected since (``indexer.metadata_review``).
"""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from sqlalchemy import func, select

from indexer.metadata.confidence import REVIEW_BELOW
from indexer.metadata_review import fields_to_review
from records import policy
from records.models import Document
from webapp.actor import current_actor
from webapp.auditing import audit
from webapp.db_session import db_session
from webapp.paging import Page, page_number

bp = Blueprint("metadata_review", __name__, url_prefix="/documents")
PER_PAGE = 50


@bp.get("/metadata-review")
def review_list() -> ResponseReturnValue:
    """Documents the user may see with low-confidence metadata, most recent first."""
    user = current_actor()
    session = db_session()
    query = (
        select(Document)
        .where(Document.metadata_review.is_(True), Document.trashed_at.is_(None))
        .where(policy.document_clause(user))
        .order_by(Document.uploaded_at.desc(), Document.id.desc())
    )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    number = page_number()
    documents = session.scalars(query.offset((number - 1) * PER_PAGE).limit(PER_PAGE)).all()
    audit("document.metadata_review", page=number, shown=len(documents))
    return render_template(
        "documents/metadata_review.html",
        rows=[(document, fields_to_review(document)) for document in documents],
        page=Page(items=documents, number=number, size=PER_PAGE, total=total),
        threshold=round(REVIEW_BELOW * 100),
    )
