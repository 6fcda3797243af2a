"""Linking documents (letters, decisions, forwarding slips...) to a petition."""

from __future__ import annotations

from sqlalchemy.orm import Session

from records.models import Document, Petition, PetitionDocument, User


def attach(
    session: Session, user: User | None, petition: Petition, document: Document, role: str
) -> None:
    """Link ``document`` to ``petition`` in ``role`` (once)."""
    if session.get(PetitionDocument, (petition.id, document.id)) is None:
        session.add(
            PetitionDocument(
                petition_id=petition.id,
                document_id=document.id,
                role=role,
                added_by_id=user.id if user else None,
            )
        )
