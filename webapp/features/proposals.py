"""Proposals for the monitoring list, loaded through the access policy."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models import Agency, Proposal
from records.policy import ProposalAction, can_proposal
from webapp.actor import current_actor


def load_proposal(session: Session, proposal_id: int) -> Proposal:
    found = session.get(Proposal, proposal_id)
    if found is None or not can_proposal(current_actor(), ProposalAction.SEE, found):
        abort(404)
    return found


def commission(session: Session) -> Agency:
    return session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one()
