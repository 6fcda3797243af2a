"""Who may know a denouncer through the documents of a denunciation (LTC Art. 47-48, 56).

A document linked to a denunciation is *protected*: its text, subject, signer, issuer and
file name are shown masked to everyone but the people *handling* the denunciation —
``records.policy.petitions.may_see_identity``: the officer assigned to handle it and the
leaders of the receiving body, within their clearance. A document linked to several
denunciations is shown in full only to those who handle every one of them.

The same rule has three forms, like every rule here: :func:`may_know_denouncers` for one
object, :func:`identity_readers` for the fields the index holds of a protected document, and
:func:`identity_engine_filter` for the part of a query that may reach the original text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from records.codes import clearance_rank, levels_up_to
from records.models import Document, Petition, User
from records.policy.actions import Action
from records.policy.documents import can
from records.policy.petitions import DENUNCIATION, READER_ROLES, may_see_identity


def protecting(petitions: Sequence[Petition]) -> list[Petition]:
    """The petitions among ``petitions`` whose petitioners a linked document must hide."""
    return [p for p in petitions if p.kind == DENUNCIATION]


def may_know_denouncers(user: User, petitions: Sequence[Petition]) -> bool:
    """May ``user`` read a document linked to ``petitions`` unmasked?"""
    return all(may_see_identity(user, p) for p in protecting(petitions))


def identity_readers(petitions: Sequence[Petition]) -> list[str]:
    """The reader tokens indexed with a protected document (see :func:`identity_engine_filter`).

    ``handler:<user id>:<body code>`` for the officer who handles every denunciation,
    ``leader:<body code>`` for the leaders of the body that received every one of them.
    """
    guarded = protecting(petitions)
    if not guarded:
        return []
    owners = {p.owner_agency.code for p in guarded}
    handlers = {p.handler_id for p in guarded}
    if len(owners) != 1:
        return []
    (owner,) = owners
    tokens = [f"leader:{owner}"]
    if len(handlers) == 1 and None not in handlers:
        tokens.append(f"handler:{handlers.pop()}:{owner}")
    return tokens


def identity_level(petitions: Sequence[Petition]) -> str:
    """The clearance needed to know the denouncers (the highest level among the petitions)."""
    return max((p.confidentiality for p in protecting(petitions)), key=clearance_rank)


def identity_engine_filter(user: User) -> dict[str, Any] | None:
    """An engine filter selecting the protected documents ``user`` may read unmasked: the
    engine form of :func:`may_know_denouncers` over the fields of :func:`identity_readers`
    and :func:`identity_level`, always combined with ``document_engine_filter``. None when
    the user may read none (a query then needs no clause on the original text)."""
    if not (user.active and user.has_role(*READER_ROLES)):
        return None
    code = user.agency.code
    tokens = [f"handler:{user.id}:{code}"]
    if user.has_role("leader"):
        tokens.append(f"leader:{code}")
    return {
        "bool": {
            "filter": [
                {"terms": {"identity_readers": tokens}},
                {"terms": {"identity_level": levels_up_to(user.clearance)}},
            ]
        }
    }


def can_link_document(user: User, owner_agency_id: int, document: Document) -> bool:
    """May ``user`` link ``document`` to a petition of the body ``owner_agency_id``?

    Only a document the user sees, and one that body owns: linking a denunciation's
    document masks it for all who do not handle the denunciation, so a document of
    another body (shared with this one, or reached through a case) would be masked for
    its own owner. Such a document is copied in (a redacted copy, or the owner's share of
    its own copy) rather than linked.
    """
    return can(user, Action.SEE, document) and document.owner_agency_id == owner_agency_id


def can_redact(user: User, document: Document, petitions: Sequence[Petition]) -> bool:
    """May ``user`` make a redacted copy of ``document`` (linked to ``petitions``)?

    Whoever may copy the document and read it unmasked: the copy is made from the original.
    The copy belongs to the same body and level as the original.
    """
    return can(user, Action.DOWNLOAD, document) and may_know_denouncers(user, petitions)


def can_share_copy(user: User, document: Document) -> bool:
    """May ``user`` share a redacted copy of ``document`` with other bodies as it is made?

    A copy carries whatever the boxes left of the original, so sharing it is sharing the
    original: the same rule (a level's sharers; never an unregistered denunciation letter).
    """
    return can(user, Action.SHARE, document)
