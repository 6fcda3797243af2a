"""People's corrections of the text of a page (OCR that dropped tone marks, misread words).

A correction is kept as a ``PageCorrection`` row (who, when, the text it replaced) for the
document's current file version, written into the page at once, and applied again over
fresh extraction after every parse (:func:`apply_page_corrections`), so a re-run never
undoes it. A new file version has other pages: corrections of older versions stay as
history and are not applied.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer.documents import index_bodies
from indexer.engine import SearchEngine, SearchUnavailable, load_schema
from indexer.normalize import normalize_text
from records import audit, policy
from records.config import Settings
from records.errors import NotAllowed, RuleError
from records.models import Document, DocumentPage, PageCorrection, User
from records.models.base import utcnow
from records.policy import Action
from records.versions import current_number

#: Longest text one page may be corrected to.
MAX_PAGE_CHARS = 200_000
#: States in which a document's pages are settled (not being replaced by a parse).
SETTLED = ("parsed", "indexed")


class PageCorrectionRefused(RuleError):
    """The correction cannot be saved; the code names why."""


def clean_page_text(raw: str) -> str:
    """NFC, Unix line ends, no trailing spaces on lines, no blank lines at either end."""
    text = unicodedata.normalize("NFC", raw or "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def correct_page(
    session: Session, user: User, document: Document, page_no: int, raw: str, *, ip: str = ""
) -> PageCorrection | None:
    """Replace the text of page ``page_no``; None when the text did not change.

    Raises NotAllowed without edit rights, PageCorrectionRefused when the page does not
    exist, the document is being parsed, or the text is too long. Audited; the caller
    commits, then re-indexes (:func:`index_now`).
    """
    if not policy.can(user, Action.EDIT, document):
        raise NotAllowed("document.correct_page", document=document.id)
    if document.status not in SETTLED:
        raise PageCorrectionRefused("page.not_settled")
    page = session.get(DocumentPage, (document.id, page_no))
    if page is None:
        raise PageCorrectionRefused("page.not_found", page=page_no)
    text = clean_page_text(raw)
    if len(text) > MAX_PAGE_CHARS:
        raise PageCorrectionRefused("page.too_long", limit=MAX_PAGE_CHARS)
    if text == page.original:
        return None
    correction = PageCorrection(
        document_id=document.id,
        version=current_number(session, document.id),
        page_no=page_no,
        text=text,
        replaced=page.original,
        user_id=user.id,
    )
    session.add(correction)
    page.original = text
    page.text = normalize_text(text)
    page.corrected = True
    document.touch()
    session.flush()
    audit.record(
        session,
        user,
        "document.page_correct",
        object_type="document",
        object_id=document.id,
        ip=ip,
        level=document.confidentiality,
        page=page_no,
        version=correction.version,
        correction=correction.id,
        chars_before=len(correction.replaced),
        chars_after=len(text),
    )
    return correction


def saved_corrections(session: Session, document_id: int) -> dict[int, str]:
    """The newest corrected text of each page of the document's current version."""
    version = current_number(session, document_id)
    rows = session.execute(
        select(PageCorrection.page_no, PageCorrection.text)
        .where(PageCorrection.document_id == document_id, PageCorrection.version == version)
        .order_by(PageCorrection.page_no, PageCorrection.id)
    ).all()
    return {page_no: text for page_no, text in rows}  # later rows (newer) win


def apply_page_corrections(pages: list[str], corrections: dict[int, str]) -> set[int]:
    """Put saved corrections over freshly extracted ``pages`` (in place); return the
    numbers of the pages corrected."""
    applied = set()
    for page_no, text in corrections.items():
        if 1 <= page_no <= len(pages):
            pages[page_no - 1] = text
            applied.add(page_no)
    return applied


def index_now(
    session: Session, engine: SearchEngine, settings: Settings, document: Document
) -> bool:
    """Write the document to the index and make it searchable at once (after a correction
    is committed); False when the engine is away — the sweep re-indexes it later, since
    its ``changed_at`` is newer than ``indexed_at``."""
    if document.status not in SETTLED:
        return False
    alias = settings.index_alias
    action = {
        "_op_type": "index",
        "_index": alias,
        "_id": str(document.id),
        "_source": index_bodies(session, [document])[0],
    }
    stamp = document.changed_at
    try:
        engine.ensure_alias(
            alias,
            load_schema("documents"),
            shards=settings.search_shards,
            replicas=settings.search_replicas,
        )
        if engine.bulk([action], refresh=True):
            return False
    except SearchUnavailable:
        return False
    if document.changed_at == stamp:
        document.status = "indexed"
        document.indexed_at = utcnow()
    return True
