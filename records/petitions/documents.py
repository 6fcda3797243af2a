"""Linking documents (letters, decisions, forwarding slips...) to a petition."""

from __future__ import annotations

from sqlalchemy.orm import Session

from records.models import Document, Petition, PetitionDocument, User


def attach(
    session: Session, user: User | None, petition: Petition, document: Document, role: str
) -> None:
    """Link ``document`` to ``petition`` in ``role`` (once).

    The document is marked changed: the index holds whether a denunciation protects it.
    """
    if session.get(PetitionDocument, (petition.id, document.id)) is None:
        document.touch()
        session.add(
            PetitionDocument(
                petition_id=petition.id,
                document_id=document.id,
                role=role,
                added_by_id=user.id if user else None,
            )
        )
