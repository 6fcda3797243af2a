"""Changing which bodies a document is shared with (the caller checked Action.SHARE)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy.orm import Session

from records import audit
from records.models import Agency, Document, User
from records.policy import Action, can


def set_sharing(
    session: Session,
    user: User,
    document: Document,
    *,
    shared_all: bool,
    agencies: Sequence[Agency],
    ip: str = "",
) -> bool:
    """Share ``document`` with all coordinating bodies and/or ``agencies``; audit the
    old and new sharing. Return False when nothing changed."""
    chosen = {agency.id: agency for agency in agencies if agency.id != document.owner_agency_id}
    old = {"all": document.shared_all, "agencies": _codes(document.shared_with)}
    new = {"all": shared_all, "agencies": _codes(chosen.values())}
    if old == new:
        return False
    document.shared_all = shared_all
    document.shared_with = list(chosen.values())
    document.touch()
    audit.record(
        session,
        user,
        "document.share",
        object_type="document",
        object_id=document.id,
        ip=ip,
        level=document.confidentiality,
        old=old,
        new=new,
    )
    return True


def recheck_after_raise(session: Session, user: User | None, document: Document) -> bool:
    """After ``document``'s level rose: its shares stand only if they could be granted at
    the new level by ``user`` (who raised it; None for a printed mark found in parsing,
    judged as its uploader). Otherwise they lapse, audited. Return True when they lapsed.

    Hoso does not keep who granted each share, so a share granted while the level was
    lower is kept only when the person raising it may share at the new level: a leader of
    the owning body confirms them by raising it; anyone else's raise withdraws them, and
    the leader shares again what should be shared.
    """
    if not (document.shared_all or document.shared_with):
        return False
    judge = user
    if judge is None and document.uploaded_by_id is not None:
        judge = session.get(User, document.uploaded_by_id)
    if judge is not None and can(judge, Action.SHARE, document):
        return False
    old = {"all": document.shared_all, "agencies": _codes(document.shared_with)}
    document.shared_all = False
    document.shared_with = []
    document.touch()
    audit.record(
        session,
        user,
        "document.share",
        object_type="document",
        object_id=document.id,
        level=document.confidentiality,
        old=old,
        new={"all": False, "agencies": []},
        reason="level_raised",
    )
    return True


def _codes(agencies: Iterable[Agency]) -> list[str]:
    return sorted(agency.code for agency in agencies)
