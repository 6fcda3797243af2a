"""The handling of a petition as a state machine with guards (``docs/petitions.md``).

Every step is a :class:`~records.petitions.step.Transition` of the table in
:mod:`records.petitions.transitions`: the states it may start from for each kind of
petition, the state it leads to, the fields and the document it needs, and a function of
:mod:`records.petitions.steps` that checks the step's legal conditions and applies it.
:func:`perform` runs the generic checks in a fixed order — kind, state, role
(:mod:`records.petitions.guards`), fields, document — then the step's own guards, and
records the step in the petition's history and the audit log. A refused step raises
:class:`~records.errors.RuleError` whose code (``petition.*``, ``field.*``) says why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from records import audit
from records.models import Document, Petition, PetitionEvent, User
from records.models.base import utcnow
from records.petitions import clock
from records.petitions.codes import (
    DOCUMENT_ROLE_LABELS,
    DocumentRole,
    Kind,
    State,
)
from records.petitions.context import Context
from records.petitions.documents import attach
from records.petitions.fields import clean
from records.petitions.guards import check_allowed
from records.petitions.protection import touch_documents
from records.petitions.step import Step, refuse
from records.petitions.transitions import BY_ACTION
from records.policy import can_link_document


def perform(
    session: Session,
    user: User,
    petition: Petition,
    action: str,
    raw: Mapping[str, Any],
    ctx: Context,
    documents: Sequence[Document] = (),
) -> PetitionEvent:
    """Take step ``action`` on ``petition`` with the input ``raw``; return its history line.

    ``documents`` are already received Documents (the letter of the step: a decision, a
    forwarding slip...). Raises RuleError, leaving the petition unchanged.
    """
    transition = BY_ACTION.get(action)
    if transition is None:
        raise refuse("petition.action_unknown", action=action)
    check_allowed(user, petition, transition)
    values = clean(session, user, petition, transition.fields, raw, ctx.today)
    if transition.needs_document(petition) and not documents:
        raise refuse(
            "petition.document_required",
            role=DOCUMENT_ROLE_LABELS[transition.document or DocumentRole.ATTACHMENT],
        )
    for document in documents:
        if not can_link_document(user, petition.owner_agency_id, document):
            raise refuse(
                "petition.document_not_linkable",
                id=document.id,
            )
    step = Step(session, user, petition, transition, values, documents, ctx, transition.target)
    from_state = petition.state
    transition.apply(step)
    if step.target is not None:
        petition.state = step.target
        if transition.action == "resume":
            clock.resume(petition, step.on, ctx)
        elif step.target != State.SUSPENDED:  # a suspension paused the clock in its step
            clock.enter_state(petition, step.target, step.on, ctx)
    petition.updated_at = utcnow()
    for document in documents:
        attach(session, user, petition, document, transition.document or DocumentRole.ATTACHMENT)
    if petition.kind == Kind.DENUNCIATION:  # its handler, and so who may read, may change
        touch_documents(session, [petition.id])
    return record(session, user, petition, step, from_state)


def record(
    session: Session, user: User | None, petition: Petition, step: Step, from_state: str
) -> PetitionEvent:
    """Write the step into the petition's history and the audit log."""
    detail = dict(step.detail)
    if step.documents:
        detail["documents"] = [document.id for document in step.documents]
    event = PetitionEvent(
        petition_id=petition.id,
        actor_id=user.id if user else None,
        action=step.transition.action,
        from_state=from_state,
        to_state=petition.state,
        happened_on=step.on,
        due_on=petition.due_on,
        due_rule=petition.due_rule,
        calendar_version=petition.calendar_version,
        note=step.note,
        detail=detail,
    )
    petition.events.append(event)
    session.flush()
    audit.record(
        session,
        user,
        f"petition.{step.transition.action}",
        object_type="petition",
        object_id=petition.id,
        ip=step.ctx.ip,
        level=petition.confidentiality,
        from_state=from_state,
        to_state=petition.state,
        due_on=petition.due_on.isoformat() if petition.due_on else None,
        due_rule=petition.due_rule,
    )
    return event
