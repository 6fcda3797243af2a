"""Whose coordination scorecard a user may see: the Commission, which follows how every body
carries the coordination regulation out, sees every coordinating body's; the head of a body
(its leaders) sees their own body's. The figures count only objects within the viewer's
clearance."""

from __future__ import annotations

from records.models import Agency, User
from records.policy.cases import MONITORING_BODY


def scorecard_agency_ids(user: User, agencies: list[Agency]) -> list[int]:
    if not user.active:
        return []
    if user.agency.code == MONITORING_BODY and user.has_role("leader", "officer"):
        return [a.id for a in agencies if a.coordinating]
    if user.has_role("leader"):
        return [a.id for a in agencies if a.id == user.agency_id]
    return []
