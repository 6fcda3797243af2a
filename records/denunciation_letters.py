"""Documents hoso recognises as denunciation letters before anyone registers a petition.

A letter typed *Đơn tố cáo* (by the parser, or by a person correcting its type) names its
denouncer (Law on Denunciations, Art. 56) from the moment it is read, before a petition
links it and masks it. Until then it stays with the body holding it
(``records.policy.letters``): at least MẬT (``records.policy.letter_confidentiality``), its
shares with other bodies withdrawn, and detached from the cases other bodies see.
Registering it as a petition then protects it like any denunciation letter.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from records import audit
from records.cases import detach_letter
from records.codes import clearance_rank
from records.models import Document, User
from records.policy import (
    DENUNCIATION_LETTER,
    can_link_document,
    can_register_petition,
    letter_confidentiality,
    letters,
    unregistered_letter,
)


def may_register_letter(session: Session, user: User, document: Document) -> bool:
    """May ``user`` register ``document`` as the letter of a new petition of their body? Only
    a recognised letter no denunciation petition links yet (once linked, it is its handlers'
    — even linked by a petition that does not register it, which is completed instead by
    naming the denouncer among its petitioners), by someone who may register a petition at
    its level and link a document of their own body."""
    return (
        user.agency is not None
        and document.doc_type == DENUNCIATION_LETTER
        and not letters.linked(document, session)
        and unregistered_letter(document, session)
        and can_register_petition(user, user.agency, document.confidentiality)
        and can_link_document(user, user.agency_id, document)
    )


def protect(session: Session, user: User | None, document: Document) -> bool:
    """Keep a recognised denunciation letter with its body (see the module docstring);
    return True when something changed (audited)."""
    if not unregistered_letter(document, session):
        return False
    withdrawn = _raise_and_withdraw(session, user, document)
    return bool(detach_letter(session, user, document)) or withdrawn


def _raise_and_withdraw(session: Session, user: User | None, document: Document) -> bool:
    """Raise the letter to its level and withdraw its shares; True when that changed it."""
    level = letter_confidentiality("to_cao", document.confidentiality)
    old = {
        "level": document.confidentiality,
        "all": document.shared_all,
        "agencies": sorted(agency.code for agency in document.shared_with),
    }
    if clearance_rank(level) == clearance_rank(document.confidentiality) and not (
        document.shared_all or document.shared_with
    ):
        return False
    document.confidentiality = level
    document.shared_all = False
    document.shared_with = []
    document.touch()
    audit.record(
        session,
        user,
        "document.denunciation_protected",
        object_type="document",
        object_id=document.id,
        level=level,
        old=old,
    )
    return True
