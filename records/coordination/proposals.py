"""Proposals for the monitoring list (đưa vào diện theo dõi, chỉ đạo): a body taking part in
a case proposes it at one of the watch list's levels, with reasons and documents; the
Commission reviews and recommends; the Standing Committee's decision is recorded with its
document, and an approval puts the case on the watch list. Every step is audited and
notified."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from records import alerts, audit
from records.case_status import MONITORING_LEVELS
from records.cases import Outcome, apply_monitoring, event, require
from records.errors import RuleError
from records.models import Agency, Case, Document, Proposal, User
from records.models.base import utcnow
from records.policy import Action, ProposalAction, can, can_proposal, can_propose
from records.transfers import share_with


def _audit(session: Session, actor: User, action: str, proposal: Proposal, **detail: Any) -> None:
    audit.record(
        session,
        actor,
        action,
        object_type="proposal",
        object_id=proposal.id,
        level=proposal.case.confidentiality,
        ip=session.info.get("client_ip", ""),
        case=proposal.case.code,
        **detail,
    )


def _text(value: str | None, code: str) -> str:
    text = (value or "").strip()
    if not text:
        raise RuleError(code)
    if len(text) > 20_000:
        raise RuleError("text_too_long", limit=20_000)
    return text


def propose(
    session: Session,
    actor: User,
    case: Case,
    *,
    level: str,
    reasons: str,
    documents: list[Document],
    commission: Agency,
) -> tuple[Proposal, Outcome]:
    """Propose ``case`` for the watch list at ``level``; the documents are shared with the
    Commission so it can read them."""
    require(can_propose(actor, case), "proposal.create", case=case.code)
    if level not in MONITORING_LEVELS:
        raise RuleError("case.monitoring_invalid", level=level)
    if case.monitoring_level is not None:
        raise RuleError("proposal.already_monitored", case=case.code)
    outcome = Outcome()
    for document in documents:
        if not can(actor, Action.SEE, document):
            raise RuleError("document.cannot_share", document=document.id)
        if share_with(session, actor, document, commission):
            outcome.reindex.add(document.id)
    proposal = Proposal(
        case=case,
        agency_id=actor.agency_id,
        level=level,
        reasons=_text(reasons, "proposal.reasons_required"),
        created_by_id=actor.id,
    )
    session.add(proposal)
    session.flush()
    detail = {"watch_level": level, "documents": [d.id for d in documents]}
    event(session, case, actor, "proposal", proposal_id=proposal.id, **detail)
    _audit(session, actor, "proposal.create", proposal, **detail)
    alerts.proposal_changed(session, proposal, "created")
    return proposal, outcome


def review(
    session: Session, actor: User, proposal: Proposal, *, recommend: bool, note: str
) -> None:
    """The Commission's review: recommend the proposal to the Standing Committee or not."""
    require(can_proposal(actor, ProposalAction.REVIEW, proposal), "proposal.review")
    if proposal.status != "proposed":
        raise RuleError("proposal.not_pending", status=proposal.status)
    proposal.review_note = _text(note, "proposal.note_required")
    proposal.status = "recommended" if recommend else "not_recommended"
    proposal.reviewed_by_id = actor.id
    proposal.reviewed_at = utcnow()
    _audit(session, actor, "proposal.review", proposal, status=proposal.status)
    alerts.proposal_changed(session, proposal, "reviewed")


def decide(
    session: Session,
    actor: User,
    proposal: Proposal,
    *,
    approved: bool,
    document: Document,
    note: str = "",
) -> Outcome:
    """Record the Standing Committee's decision (its document is required); an approval puts
    the case on the watch list at the proposed level."""
    require(can_proposal(actor, ProposalAction.DECIDE, proposal), "proposal.decide")
    if proposal.status not in ("recommended", "not_recommended"):
        raise RuleError("proposal.not_reviewed", status=proposal.status)
    if not can(actor, Action.SEE, document):
        raise RuleError("document.not_found", reference=str(document.id))
    proposal.status = "approved" if approved else "rejected"
    proposal.decision_document_id = document.id
    proposal.decision_note = (note or "").strip()
    proposal.decided_by_id = actor.id
    proposal.decided_at = utcnow()
    outcome = Outcome()
    case = proposal.case
    if approved and case.monitoring_level != proposal.level:
        reason = (
            f"Quyết định của Ban Thường vụ (văn bản #{document.id}) theo đề nghị #{proposal.id}"
        )
        outcome = apply_monitoring(session, actor, case, proposal.level, reason)
    _audit(session, actor, "proposal.decide", proposal, status=proposal.status,
           document=document.id)  # fmt: skip
    alerts.proposal_changed(session, proposal, "decided")
    return outcome
