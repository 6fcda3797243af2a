"""Cadre vetting requests and their matches as the user may see them."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from records.models import User, VettingAnswer, VettingRequest
from records.policy import VettingAction, can_vetting, visible_ids
from webapp.actor import current_actor

OBJECT_TYPES = {"petition": _l("Đơn thư"), "case": _l("Vụ việc"), "document": _l("Văn bản")}


def load_vetting(session: Session, request_id: int) -> VettingRequest:
    """The request, or 404 when it does not exist or the user may not see it."""
    found = session.get(VettingRequest, request_id)
    if found is None or not can_vetting(current_actor(), VettingAction.SEE, found):
        abort(404)
    return found


def shown_matches(session: Session, user: User, answer: VettingAnswer) -> list[Any]:
    """The own body's matches the user may open (a colleague of lower clearance does not
    see records above it, even as a line of the list)."""
    visible = {
        kind: visible_ids(
            session, user, kind, [m.object_id for m in answer.matches if m.object_type == kind]
        )
        for kind in OBJECT_TYPES
    }
    return [m for m in answer.matches if str(m.object_id) in visible[m.object_type]]
