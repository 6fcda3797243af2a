"""Documents of denunciations as a user may see them: masked unless they handle them.

Whether a user may read a document unmasked is decided by ``records.policy``
(``may_know_denouncers``); the index holds such documents masked already, so this module
covers what pages read from the database: the document itself, its pages and lists, and the
logged entries that name it (audit events, a case's history).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from records.audit import documents_in, named_documents
from records.models import (
    AuditEvent,
    CaseEvent,
    Document,
    DocumentPage,
    DocumentVersion,
    User,
)
from records.petitions.protection import PROTECTED_FIELDS, Protection, hidden_from, joined

E = TypeVar("E")


def fold(text: str) -> str:
    """:func:`indexer.normalize.fold`, imported on first use: most documents have no
    denouncer to mask, and ``hoso doc show`` starts faster without the normaliser."""
    from indexer.normalize import fold as fold_text

    return fold_text(text)


class MaskedDocument:
    """Read-only view of a document with the denouncers masked in its text fields."""

    def __init__(self, document: Document, protection: Protection) -> None:
        self._document = document
        self._protection = protection

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._document, name)
        if name not in PROTECTED_FIELDS:
            return value
        if isinstance(value, list):
            return [self._protection.mask(item, fold) for item in value]
        return self._protection.mask(value, fold)


class MaskedEntry:
    """Read-only view of a logged entry (an audit event, a case's history) with the
    denouncers masked in its detail."""

    def __init__(self, entry: Any, protection: Protection) -> None:
        self._entry = entry
        self.detail = _masked(entry.detail, protection)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._entry, name)


def _masked(value: Any, protection: Protection) -> Any:
    """``value`` (an entry's detail) with every text in it masked."""
    if isinstance(value, str):
        return protection.mask(value, fold)
    if isinstance(value, dict):
        return {key: _masked(item, protection) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item, protection) for item in value]
    return value


class MaskedPage:
    """Read-only view of a page with the denouncers masked in its text."""

    def __init__(self, page: DocumentPage, protection: Protection) -> None:
        self._page = page
        self.text = protection.mask(page.text, fold) or ""
        self.original = protection.mask(page.original or page.text, fold) or ""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)


class MaskedVersion:
    """Read-only view of a file version with the denouncers masked in its file name and
    the reason given for it."""

    def __init__(self, version: DocumentVersion, protection: Protection) -> None:
        self._version = version
        self.filename = protection.mask(version.filename, fold) or ""
        self.reason = protection.mask(version.reason, fold)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._version, name)


def shown_document(
    session: Session, user: User, document: Document
) -> tuple[Document | MaskedDocument, Protection | None]:
    """The document as ``user`` may see it, and the protection that masked it (if any)."""
    protection = hidden_from(session, user, [document.id]).get(document.id)
    if protection is None:
        return document, None
    return MaskedDocument(document, protection), protection


def shown_filename(session: Session, user: User, document: Document) -> str:
    """The document's file name as ``user`` may see it (for messages naming it)."""
    return shown_document(session, user, document)[0].filename


def shown_pages(
    pages: Sequence[DocumentPage], protection: Protection | None
) -> Sequence[DocumentPage | MaskedPage]:
    if protection is None:
        return pages
    return [MaskedPage(page, protection) for page in pages]


def shown_versions(
    session: Session, user: User, document_id: int, versions: Sequence[DocumentVersion]
) -> Sequence[DocumentVersion | MaskedVersion]:
    """A document's file versions as ``user`` may see them: their file names and reasons
    masked like the document."""
    protection = hidden_from(session, user, [document_id]).get(document_id)
    if protection is None:
        return versions
    return [MaskedVersion(version, protection) for version in versions]


def shown_documents(
    session: Session, user: User, documents: Iterable[Document]
) -> list[Document | MaskedDocument]:
    """A list of documents, those of denunciations masked for ``user`` as needed."""
    items = list(documents)
    hidden = hidden_from(session, user, [d.id for d in items])
    return [MaskedDocument(d, hidden[d.id]) if d.id in hidden else d for d in items]


def shown_entries(
    session: Session,
    user: User,
    entries: Iterable[E],
    named: Callable[[E], Collection[int]],
) -> list[E | MaskedEntry]:
    """Logged entries as ``user`` may read them: the detail of one naming (``named``) any
    document of a denunciation hidden from ``user`` — its file name, subject, corrections,
    a query that found it… — masked like all such documents it names. One look-up for all
    the entries."""
    items = [(entry, named(entry)) for entry in entries]
    hidden = hidden_from(session, user, {d for _entry, ids in items for d in ids})
    shown: list[E | MaskedEntry] = []
    for entry, ids in items:
        masking = [hidden[d] for d in sorted(ids) if d in hidden]
        shown.append(MaskedEntry(entry, joined(masking)) if masking else entry)
    return shown


def shown_events(
    session: Session, user: User, events: Iterable[AuditEvent]
) -> list[AuditEvent | MaskedEntry]:
    """Audit events as ``user`` may read them (:func:`shown_entries`)."""
    return shown_entries(session, user, events, named_documents)


def shown_case_events(
    session: Session, user: User, events: Iterable[CaseEvent]
) -> list[CaseEvent | MaskedEntry]:
    """A case's history as ``user`` may read it (:func:`shown_entries`)."""
    return shown_entries(session, user, events, lambda e: documents_in(e.detail))
