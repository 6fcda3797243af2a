"""Changing which bodies a document is shared with (the caller checked Action.SHARE)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy.orm import Session

from records import audit
from records.models import Agency, Document, User


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


def _codes(agencies: Iterable[Agency]) -> list[str]:
    return sorted(agency.code for agency in agencies)
