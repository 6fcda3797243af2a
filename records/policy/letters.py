"""A recognised denunciation letter no petition has registered yet (docs/access-policy.md,
"Recognised denunciations").

A document typed *Đơn tố cáo* names its denouncer (Law on Denunciations, Art. 56) before a
petition links it and masks it. Until a petition registers it, it stays with its own body:
nobody shares it with another body (:func:`records.policy.documents.can`, SHARE) and nobody
attaches it to a case another body sees (:func:`records.policy.casework.can_attach`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from records.models import Document, Petition, PetitionDocument
from records.petitions.codes import Kind

#: The document type the parser (or a person correcting it) gives a denunciation letter.
DENUNCIATION_LETTER = "don_to_cao"


def unregistered_letter(document: Document, session: Session | None = None) -> bool:
    """Typed as a denunciation letter and linked to no denunciation (*tố cáo*) petition yet:
    a petition of another kind does not mask its denouncer, so it does not register it. The
    links are read in ``session`` (by default the document's own); a document whose links
    cannot be read counts as unregistered."""
    return document.doc_type == DENUNCIATION_LETTER and not registered(document, session)


def registered(document: Document, session: Session | None = None) -> bool:
    """Whether a denunciation (*tố cáo*) petition links ``document`` (read as
    :func:`unregistered_letter` reads it)."""
    session = session or object_session(document)
    if session is None or document.id is None:
        return False
    linked = (
        select(PetitionDocument.petition_id)
        .join(Petition, Petition.id == PetitionDocument.petition_id)
        .where(PetitionDocument.document_id == document.id, Petition.kind == Kind.DENUNCIATION)
    )
    return session.scalar(linked.limit(1)) is not None


def kept_from(document: Document, body_ids: Iterable[int]) -> bool:
    """Would handing ``document`` to ``body_ids`` give an unregistered letter to a body other
    than its owner?"""
    others = set(body_ids) - {document.owner_agency_id}
    return bool(others) and unregistered_letter(document)
