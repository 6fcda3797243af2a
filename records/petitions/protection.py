"""The documents of denunciations: which petitions protect them, their text masked, and
marking them for re-indexing when what the index holds of the protection changes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from records.models import (
    Document,
    DocumentRedaction,
    Petition,
    PetitionDocument,
    Petitioner,
    User,
)
from records.models.base import utcnow
from records.petitions import identity
from records.petitions.identity import Fold
from records.policy import may_know_denouncers, protecting

#: How many originals back a copy of a copy is followed.
_MAX_COPY_DEPTH = 8

#: Document fields shown on hits and cards that may name a denouncer (masked when protected).
PROTECTED_FIELDS = ("filename", "place", "issuer", "subject", "signer", "recipients")


@dataclass(frozen=True)
class Protection:
    """What protects one document: its denunciations and their petitioners."""

    petitions: tuple[Petition, ...] = ()
    people: tuple[Petitioner, ...] = field(default=())

    @property
    def active(self) -> bool:
        return bool(self.petitions)

    def mask(self, text: str | None, fold: Fold) -> str | None:
        """``text`` with the petitioners' names, numbers and addresses replaced."""
        if not text or not self.people:
            return text
        return identity.redact(text, self.people, fold)

    def visible_to(self, user: User) -> bool:
        return may_know_denouncers(user, self.petitions)


UNPROTECTED = Protection()


def joined(protections: Iterable[Protection]) -> Protection:
    """One protection masking what each of ``protections`` masks (for text naming several
    documents of denunciations)."""
    items = list(protections)
    if len(items) == 1:
        return items[0]
    return Protection(
        tuple(p for item in items for p in item.petitions),
        tuple(x for item in items for x in item.people),
    )


def protections(session: Session, document_ids: Iterable[int]) -> dict[int, Protection]:
    """The protection of each of ``document_ids`` that is linked to a denunciation."""
    ids = sorted(set(document_ids))
    if not ids:
        return {}
    sources = _originals(session, ids)
    rows = session.execute(
        select(PetitionDocument.document_id, Petition)
        .join(Petition, Petition.id == PetitionDocument.petition_id)
        .where(PetitionDocument.document_id.in_(sorted({x for v in sources.values() for x in v})))
    ).all()
    linked: dict[int, list[Petition]] = {}
    for document_id, petition in rows:
        linked.setdefault(document_id, []).append(petition)
    by_document: dict[int, list[Petition]] = {}
    for document_id in ids:
        petitions = {p.id: p for source in sources[document_id] for p in linked.get(source, [])}
        if petitions:
            by_document[document_id] = [petitions[key] for key in sorted(petitions)]
    guarded = {doc: protecting(petitions) for doc, petitions in by_document.items()}
    guarded = {doc: petitions for doc, petitions in guarded.items() if petitions}
    petition_ids = sorted({p.id for petitions in guarded.values() for p in petitions})
    people: dict[int, list[Petitioner]] = {}
    for person in identity.load(session, petition_ids) if petition_ids else []:
        people.setdefault(person.petition_id, []).append(person)
    return {
        doc: Protection(tuple(petitions), tuple(x for p in petitions for x in people.get(p.id, [])))
        for doc, petitions in guarded.items()
    }


def _originals(session: Session, document_ids: list[int]) -> dict[int, set[int]]:
    """Each document with the originals it is a redacted copy of (and theirs): a copy is
    protected by its original's denunciations, since it may hide nothing of its text."""
    sources = {document_id: {document_id} for document_id in document_ids}
    frontier = {document_id: {document_id} for document_id in document_ids}
    for _ in range(_MAX_COPY_DEPTH):
        if not frontier:
            break
        found = session.execute(
            select(DocumentRedaction.copy_id, DocumentRedaction.original_id).where(
                DocumentRedaction.copy_id.in_(sorted(frontier))
            )
        ).all()
        following: dict[int, set[int]] = {}
        for copy_id, original_id in found:
            for start in frontier[copy_id]:
                if original_id not in sources[start]:
                    sources[start].add(original_id)
                    following.setdefault(original_id, set()).add(start)
        frontier = following
    return sources


def copies_of_documents(session: Session, document_ids: Sequence[int]) -> list[int]:
    """The redacted copies (and copies of copies) of ``document_ids``."""
    found: set[int] = set()
    frontier = set(document_ids)
    for _ in range(_MAX_COPY_DEPTH):
        if not frontier:
            break
        frontier = (
            set(
                session.scalars(
                    select(DocumentRedaction.copy_id).where(
                        DocumentRedaction.original_id.in_(sorted(frontier))
                    )
                )
            )
            - found
        )
        found |= frontier
    return sorted(found)


def petitions_of(session: Session, document_id: int) -> list[Petition]:
    """Every petition the document is linked to (the policy picks the denunciations)."""
    return list(
        session.scalars(
            select(Petition)
            .join(PetitionDocument, PetitionDocument.petition_id == Petition.id)
            .where(PetitionDocument.document_id == document_id)
        )
    )


def protection_of(session: Session, document_id: int) -> Protection:
    return protections(session, [document_id]).get(document_id, UNPROTECTED)


def touch_documents(session: Session, petition_ids: Sequence[int]) -> list[int]:
    """Mark the documents of ``petition_ids`` changed (the sweep re-indexes them with the
    protection as it now is); return their ids so a caller may queue them at once."""
    if not petition_ids:
        return []
    ids = sorted(
        set(
            session.scalars(
                select(PetitionDocument.document_id).where(
                    PetitionDocument.petition_id.in_(petition_ids)
                )
            )
        )
    )
    ids = sorted(set(ids) | set(copies_of_documents(session, ids)))
    if ids:
        session.execute(
            update(Document).where(Document.id.in_(ids)).values(changed_at=utcnow()),
            execution_options={"synchronize_session": False},
        )
    return ids


def hidden_from(session: Session, user: User, document_ids: Iterable[int]) -> dict[int, Protection]:
    """The protections of those of ``document_ids`` that ``user`` must see masked."""
    return {
        document_id: protection
        for document_id, protection in protections(session, document_ids).items()
        if not protection.visible_to(user)
    }
