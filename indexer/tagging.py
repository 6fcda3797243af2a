"""Suggesting cases for a document: by case code, by cited numbers, by key parties.

Suggestions are stored as ``CaseDocument(state="suggested")`` with the reason; a user
confirms or rejects them on the case page. A rejected or detached link is never suggested
again, and an existing attachment is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer.normalize import fold
from records.models import Case, CaseDocument, CaseParty, Document

MIN_PARTY_NAME = 6  # shorter folded names ("an", "ha") would match everywhere


def suggest_cases(
    session: Session, document: Document, text: str, cited_keys: Iterable[str]
) -> int:
    """Add case suggestions for ``document``; return how many new ones were made."""
    reasons: dict[int, str] = {}
    folded = f" {_words(fold(text))} "
    for case_id, code in session.execute(select(Case.id, Case.code)):
        if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text, flags=re.IGNORECASE):
            reasons.setdefault(case_id, f"mã vụ việc {code}")
    keys = set(cited_keys)
    if keys:
        rows = session.execute(
            select(CaseDocument.case_id, Document.number)
            .join(Document, Document.id == CaseDocument.document_id)
            .where(CaseDocument.state == "attached", Document.number_key.in_(keys))
        )
        for case_id, number in rows:
            reasons.setdefault(case_id, f"trích dẫn văn bản {number}")
    for case_id, name in session.execute(select(CaseParty.case_id, CaseParty.name)):
        needle = _words(fold(name))
        if len(needle) >= MIN_PARTY_NAME and f" {needle} " in folded:
            reasons.setdefault(case_id, f"nêu tên {name}")
    if not reasons:
        return 0
    linked = set(
        session.scalars(select(CaseDocument.case_id).where(CaseDocument.document_id == document.id))
    )
    made = 0
    for case_id, reason in reasons.items():
        if case_id in linked:
            continue
        session.add(
            CaseDocument(case_id=case_id, document_id=document.id, state="suggested", reason=reason)
        )
        made += 1
    return made


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))
