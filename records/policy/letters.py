"""A recognised denunciation letter no petition has registered yet (docs/access-policy.md,
"Recognised denunciations").

A document typed *Đơn tố cáo* names its denouncer (Law on Denunciations, Art. 56) before a
petition links it and masks it. Until a petition registers it, it stays with its own body:
nobody shares it with another body (:func:`records.policy.documents.can`, SHARE) and nobody
attaches it to a case another body sees (:func:`records.policy.casework.can_attach`).

*Registered* means masked: a denunciation (*tố cáo*) petition links the letter, names at
least one petitioner, and — when parsing read the letter's denouncer (the name the petition
register's form is filled with) — names that person among them (compared folded: case,
diacritics and spacing aside). An anonymous petition, or one naming someone else, masks
nothing the letter says of its denouncer, so it does not register it.

A redacted copy (``document_redactions``) of a letter is held with its original: it may hide
nothing, so while the original is unregistered so is the copy, and a copy is registered by
the petitions of its original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from records.models import Document, DocumentRedaction, Petition, PetitionDocument, Petitioner
from records.petitions.codes import Kind

#: The document type the parser (or a person correcting it) gives a denunciation letter.
DENUNCIATION_LETTER = "don_to_cao"

#: How many originals back a copy of a copy is followed.
_MAX_COPY_DEPTH = 8
_WORD = re.compile(r"\w+")


def unregistered_letter(document: Document, session: Session | None = None) -> bool:
    """Typed as a denunciation letter (itself, or the original it is a redacted copy of) and
    not registered (:func:`registered`). The links are read in ``session`` (by default the
    document's own); a document whose links cannot be read counts as unregistered."""
    session = session or object_session(document)
    chain = _with_originals(document, session)
    if not any(item.doc_type == DENUNCIATION_LETTER for item in chain):
        return False
    return not _registered(chain, session)


def registered(document: Document, session: Session | None = None) -> bool:
    """Whether a denunciation (*tố cáo*) petition linking ``document`` (or the original it is
    a redacted copy of) masks its denouncer: it names at least one petitioner and, when
    parsing read a name from the letter, that name among them."""
    session = session or object_session(document)
    return _registered(_with_originals(document, session), session)


def linked(document: Document, session: Session | None = None) -> bool:
    """Whether any denunciation (*tố cáo*) petition links ``document`` itself, masking or not
    (a second petition would take the letter from the first one's handlers)."""
    session = session or object_session(document)
    if session is None or document.id is None:
        return False
    return bool(_denunciations(session, [document.id]))


def kept_from(document: Document, body_ids: Iterable[int]) -> bool:
    """Would handing ``document`` to ``body_ids`` give an unregistered letter to a body other
    than its owner?"""
    others = set(body_ids) - {document.owner_agency_id}
    return bool(others) and unregistered_letter(document)


def name_key(name: str) -> str:
    """A name as petitioners' names are keyed (``records.petitions.identity.name_key`` with
    ``indexer.normalize.fold``): lower-case, no diacritics, đ -> d, words joined by spaces."""
    decomposed = unicodedata.normalize("NFD", name.lower())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    folded = unicodedata.normalize("NFC", bare.translate({0x111: "d", 0xF0: "d"}))
    return " ".join(_WORD.findall(folded))


def read_denouncer(document: Document) -> str:
    """The denouncer parsing read from the letter: what the petition register's form is
    filled with (``/petitions/new?document=<id>``)."""
    return (document.issuer or document.signer or "").strip()


def _with_originals(document: Document, session: Session | None) -> list[Document]:
    """``document`` and, if it is a redacted copy, its original (and theirs, for a copy of a
    copy)."""
    chain = [document]
    if session is None:
        return chain
    seen = {document.id}
    current = document
    for _ in range(_MAX_COPY_DEPTH):
        if current.id is None:
            break
        original_id = session.scalar(
            select(DocumentRedaction.original_id).where(DocumentRedaction.copy_id == current.id)
        )
        if original_id is None or original_id in seen:
            break
        original = session.get(Document, original_id)
        if original is None:
            break
        seen.add(original_id)
        chain.append(original)
        current = original
    return chain


def _denunciations(session: Session, document_ids: list[int]) -> list[int]:
    return list(
        session.scalars(
            select(PetitionDocument.petition_id)
            .join(Petition, Petition.id == PetitionDocument.petition_id)
            .where(
                PetitionDocument.document_id.in_(document_ids),
                Petition.kind == Kind.DENUNCIATION,
            )
            .distinct()
        )
    )


def _registered(chain: list[Document], session: Session | None) -> bool:
    ids = [item.id for item in chain if item.id is not None]
    if session is None or not ids:
        return False
    petition_ids = _denunciations(session, ids)
    if not petition_ids:
        return False
    names: dict[int, set[str]] = {}
    for petition_id, key in session.execute(
        select(Petitioner.petition_id, Petitioner.name_key).where(
            Petitioner.petition_id.in_(petition_ids)
        )
    ):
        if key:
            names.setdefault(petition_id, set()).add(key)
    read = name_key(read_denouncer(chain[-1]))  # a copy's own text may read otherwise
    return any(keys and (not read or read in keys) for keys in names.values())
