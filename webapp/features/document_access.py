"""Loading a document for the signed-in user; "may not see" becomes an audited 404.

The rules live in ``records.policy``; this module only turns their answer into responses.
"""

from __future__ import annotations

from sqlalchemy import select

from records.models import Document, User
from records.petitions.protection import petitions_of
from records.policy import Action, can, document_clause, may_know_denouncers
from webapp.auditing import deny
from webapp.db_session import db_session


def visible_document_or_404(user: User, document_id: int, action: str) -> Document:
    """The document if ``user`` may see it; otherwise audit the attempt and answer 404
    (not 403, so that the existence of a document nobody showed them is not revealed)."""
    session = db_session()
    document = session.scalar(
        select(Document).where(Document.id == document_id, document_clause(user))
    )
    if document is None:
        deny(action, object_type="document", object_id=document_id, answer=404)
    return document


def may_download(user: User, document: Document) -> bool:
    """Copying rights (download, print): the policy reads the case bodies itself."""
    return can(user, Action.DOWNLOAD, document)


def may_read_unmasked(user: User, document: Document) -> bool:
    """May ``user`` read the stored file itself (download, page images)? A denunciation's
    documents only to those handling it: a file cannot be masked (a redacted copy can)."""
    return may_know_denouncers(user, petitions_of(db_session(), document.id))
