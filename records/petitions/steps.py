"""What each step of a petition's handling checks and does: its own legal conditions
(guards beyond kind, state and role, which :mod:`records.petitions.guards` checks) and its
effect on the petition. :data:`records.petitions.transitions.TRANSITIONS` names them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.deadlines import NoRuleInForce, compute, rule_for_petition
from records.deadlines.rules import LAW_2026
from records.messages import N_
from records.models import Agency, Petition, PetitionDocument, PetitionEvent
from records.models.petition import PetitionLink
from records.petitions import clock, identity
from records.petitions import transfer as petition_transfer
from records.petitions.codes import DocumentRole, Kind, State, level_rank
from records.petitions.register import open_second_complaint
from records.petitions.step import ROLE_LABELS, ROLE_REFUSED, Step, refuse
from records.policy import can_assign_handler


# -- helpers used by the steps ----------------------------------------------------------------
def _close(step: Step) -> None:
    step.petition.closed_on = step.on
    step.petition.overdue = False


def _route(step: Step, agency: Agency | None, name: str) -> None:
    petition = step.petition
    petition.routed_to_agency_id = agency.id if agency else None
    petition.routed_to_name = name or (agency.name if agency else "")
    step.detail["routed_to"] = petition.routed_to_name


def _same_content(step: Step) -> list[Petition]:
    """Petitions recorded as the same matter: merged into/from this one, or suggested as a
    repeat and not dismissed."""
    petition, session = step.petition, step.session
    ids = set()
    links = session.scalars(
        select(PetitionLink).where(
            (PetitionLink.petition_id == petition.id) | (PetitionLink.other_id == petition.id),
            PetitionLink.status != "dismissed",
        )
    )
    for link in links:
        ids.add(link.other_id if link.petition_id == petition.id else link.petition_id)
    if petition.duplicate_of_id:
        ids.add(petition.duplicate_of_id)
    ids.update(session.scalars(select(Petition.id).where(Petition.duplicate_of_id == petition.id)))
    ids.discard(petition.id)
    if not ids:
        return []
    return list(session.scalars(select(Petition).where(Petition.id.in_(ids))))


def _not_competent(step: Step) -> None:
    if step.petition.competent_self:
        raise refuse("petition.competent_not_forwarded")


# -- the steps --------------------------------------------------------------------------------
def triage(step: Step) -> None:
    petition, values = step.petition, step.values
    competent_self = values["competent_self"]
    agency: Agency | None = values.get("competent_agency")
    name = values.get("competent_name") or ""
    if not competent_self and agency is None and not name:
        raise refuse("petition.competent_body_required")
    if agency is not None and agency.id == petition.owner_agency_id:
        competent_self = True
    petition.competent_self = competent_self
    petition.competent_level = values["competent_level"]
    petition.competent_agency_id = agency.id if agency else None
    petition.competent_name = name or (agency.name if agency else "")
    petition.bypass_level = level_rank(petition.addressed_level) > level_rank(
        petition.competent_level
    )
    step.detail.update(competent_self=competent_self, bypass_level=petition.bypass_level)


def accept(step: Step) -> None:
    petition = step.petition
    if not petition.competent_self:
        raise refuse("petition.not_competent")
    if petition.anonymous and petition.kind == Kind.DENUNCIATION:
        raise refuse("petition.denunciation_anonymous")
    if petition.anonymous and petition.kind == Kind.COMPLAINT:
        raise refuse("petition.complaint_unsigned")
    if petition.kind == Kind.COMPLAINT and petition.is_mass:
        needs_representative = petition.received_on >= LAW_2026
        people = identity.load(step.session, [petition.id])
        if needs_representative and not any(person.representative for person in people):
            raise refuse("petition.representative_required")
    petition.accepted_on = step.on


def reject(step: Step) -> None:
    step.petition.reason_code = step.values["reason"]
    _close(step)


def forward(step: Step) -> None:
    petition = step.petition
    _not_competent(step)
    agency, name = step.values.get("to_agency"), step.values.get("to_name") or ""
    if agency is None and not name:
        raise refuse("petition.forward_to_required")
    if agency is not None and agency.id == petition.owner_agency_id:
        raise refuse("petition.forward_to_self")
    if petition.kind == Kind.DENUNCIATION:
        for other in _same_content(step):
            if other.state == State.FORWARDED:
                raise refuse(
                    "petition.forwarded_once",
                    number=other.register_no,
                )
    _route(step, agency, name)
    _close(step)


def guide(step: Step) -> None:
    _not_competent(step)
    for other in _same_content(step):
        if other.state == State.GUIDED:
            raise refuse(
                "petition.guided_once",
                number=other.register_no,
            )
    _route(step, None, step.values["to_name"])
    _close(step)


def file(step: Step) -> None:
    if step.values["reason"] == "khac" and not step.values.get("note"):
        raise refuse("petition.filing_reason_required")
    step.petition.reason_code = step.values["reason"]
    step.note = step.values.get("note") or ""
    _close(step)


def merge(step: Step) -> None:
    petition, session = step.petition, step.session
    root: Petition = step.values["duplicate_of"]
    seen = {petition.id}
    while root.duplicate_of_id is not None and root.id not in seen:
        seen.add(root.id)
        root = session.get(Petition, root.duplicate_of_id) or root
    if root.id == petition.id:
        raise refuse("petition.merge_self")
    if root.kind != petition.kind:
        raise refuse("petition.merge_other_kind")
    petition.duplicate_of_id = root.id
    link = session.get(PetitionLink, (petition.id, root.id))
    if link is None:
        link = PetitionLink(petition_id=petition.id, other_id=root.id, score=1.0)
        session.add(link)
    link.status = "confirmed"
    link.decided_by_id = step.user.id
    # The duplicate's letters join the open file (docs/domain.md §2.2, "Đơn trùng").
    own_documents = session.scalars(
        select(PetitionDocument).where(PetitionDocument.petition_id == petition.id)
    ).all()
    for link_doc in own_documents:
        if session.get(PetitionDocument, (root.id, link_doc.document_id)) is None:
            session.add(
                PetitionDocument(
                    petition_id=root.id,
                    document_id=link_doc.document_id,
                    role=DocumentRole.ATTACHMENT,
                    added_by_id=step.user.id,
                )
            )
    step.detail["duplicate_of"] = root.register_no
    _close(step)


def to_party(step: Step) -> None:
    _route(step, step.values["to_agency"], "")
    _close(step)


def to_investigation(step: Step) -> None:
    agency: Agency = step.values["to_agency"]
    if step.values["basis"] == "khac" and not step.values.get("basis_text"):
        raise refuse("petition.transfer_basis_required")
    rule = rule_for_petition("H1", step.petition.received_on, step.on)
    due = compute(rule, step.on, step.ctx.calendar).due_on
    transfer = petition_transfer.send(step, agency, due)
    _route(step, agency, "")
    step.note = petition_transfer.BASES[step.values["basis"]]
    step.detail["transfer"] = {
        "id": transfer.id,
        "to": agency.code,
        "basis": transfer.legal_basis,
        "sent_on": step.on.isoformat(),
        "due": due.isoformat(),
    }


def record_outcome(step: Step) -> None:
    transfer = petition_transfer.of(step.session, step.petition)
    if transfer is not None and transfer.pending:
        if not petition_transfer.may_answer(step.user, transfer):
            raise refuse("petition.transfer_outcome_forbidden")
        petition_transfer.answer(step, transfer)
    step.detail["outcome"] = step.values["outcome"]
    step.note = step.values.get("note") or ""
    clock.enter_state(step.petition, State.CLOSED, step.on, step.ctx)
    _close(step)


def verify(step: Step) -> None:
    handler = step.values.get("handler")
    if handler is not None and handler.id != step.petition.handler_id:
        if not can_assign_handler(step.user, step.petition):
            raise refuse(ROLE_REFUSED, action=N_("Giao người xử lý"), roles=[ROLE_LABELS["leader"]])
        step.petition.handler_id = handler.id
        step.detail["handler"] = handler.username


def dialogue(step: Step) -> None:
    petition, notice_on, dialogue_on = step.petition, step.on, step.values["dialogue_on"]
    if dialogue_on < notice_on:
        raise refuse("petition.dialogue_before_notice")
    try:
        rule = rule_for_petition("K6", petition.received_on, notice_on)
    except NoRuleInForce:
        rule = None
    if rule is not None and (dialogue_on - notice_on).days < rule.limit:
        raise refuse(
            "petition.dialogue_notice_late",
            days=rule.limit,
            basis=rule.basis,
            notice=notice_on.strftime("%d/%m/%Y"),
            earliest=date.fromordinal(notice_on.toordinal() + rule.limit).strftime("%d/%m/%Y"),
        )
    step.detail["dialogue_on"] = dialogue_on.isoformat()


def decide(step: Step) -> None:
    petition = step.petition
    if petition.complaint_round == 2 and petition.state != State.DIALOGUE:
        raise refuse("petition.dialogue_required")
    petition.decided_on = step.on


def close_step(step: Step) -> None:
    step.note = step.values.get("note") or ""
    _close(step)


def _first_round_over(step: Step, basis: str) -> None:
    petition = step.petition
    if petition.complaint_round != 1:
        raise refuse("petition.complaint_final")
    if petition.state != State.DECIDED and not (
        petition.due_on is not None and step.ctx.today > petition.due_on
    ):
        raise refuse(
            "petition.second_complaint_early",
            due=petition.due_on.strftime("%d/%m/%Y") if petition.due_on else "—",
            basis=basis,
        )


def first_round_offered(petition: Petition, today: date) -> bool:
    """After a first decision, or once the first resolution is overdue (LKN Art. 33)."""
    if petition.complaint_round != 1:
        return False
    return petition.state == State.DECIDED or (
        petition.due_on is not None and today > petition.due_on
    )


def second_complaint(step: Step) -> None:
    _first_round_over(step, "LKN Điều 33(1)")
    step.created = open_second_complaint(step)
    step.detail["child"] = step.created.register_no
    _route(step, step.created.owner_agency, "")
    _close(step)


def lawsuit(step: Step) -> None:
    _first_round_over(step, "LKN Điều 33(2)")
    step.note = step.values.get("note") or ""
    _close(step)


def extend(step: Step) -> None:
    petition = step.petition
    rule = clock.current_rule(petition, step.on)
    maximum = rule.max_extensions if rule else 0
    if petition.extensions >= maximum:
        raise refuse(
            "petition.extensions_exhausted",
            count=petition.extensions,
            maximum=maximum,
        )
    if not petition.is_complex:
        raise refuse("petition.extension_not_complex")
    if petition.extensions == 1 and not step.values["especially_complex"]:
        raise refuse("petition.second_extension_not_special")
    if petition.due_on is not None and step.on > petition.due_on:
        raise refuse(
            "petition.extension_after_due",
            due=petition.due_on.strftime("%d/%m/%Y"),
        )
    petition.extensions += 1
    petition.extension_days += step.values["days"]
    step.detail.update(extension=petition.extensions, days=step.values["days"])


def conclude(step: Step) -> None:
    step.petition.decided_on = step.on


def handle(step: Step) -> None:
    step.note = step.values["note"]


def publish(step: Step) -> None:
    step.note = step.values.get("note") or ""
    _close(step)


def suspend(step: Step) -> None:
    petition = step.petition
    if petition.kind == Kind.COMPLAINT:
        try:
            rule_for_petition("K7", petition.received_on, step.on)
        except NoRuleInForce:
            raise refuse("petition.suspension_before_law") from None
    petition.reason_code = step.values["reason"]
    petition.suspended_from = petition.state
    used = clock.pause(petition, step.on, step.ctx)
    step.detail.update(used=used, rule=petition.due_rule)


def resume(step: Step) -> None:
    petition = step.petition
    suspended_on = last_step_on(step.session, petition, "suspend")
    if suspended_on is not None and step.on < suspended_on:
        raise refuse("petition.resumed_before_suspension")
    step.target = petition.suspended_from or State.VERIFYING
    petition.suspended_from = None
    petition.reason_code = None


def terminate(step: Step) -> None:
    step.petition.reason_code = step.values["reason"]
    _close(step)


def withdraw(step: Step) -> None:
    petition = step.petition
    if petition.kind == Kind.DENUNCIATION and not step.values.get("no_grounds"):
        raise refuse("petition.withdrawal_unconfirmed")
    _close(step)


def set_flags(step: Step) -> None:
    petition, values = step.petition, step.values
    for flag in ("remote", "complex"):
        on, basis = values[f"is_{flag}"], values.get(f"{flag}_basis") or ""
        if on and not basis:
            raise refuse("petition.basis_required")
        setattr(petition, f"is_{flag}", on)
        setattr(petition, f"{flag}_basis", basis if on else "")
    step.detail.update(is_remote=petition.is_remote, is_complex=petition.is_complex)
    if petition.state != State.SUSPENDED:
        clock.recompute(petition, step.ctx)


def assign(step: Step) -> None:
    step.petition.handler_id = step.values["handler"].id
    step.detail["handler"] = step.values["handler"].username


def link_case(step: Step) -> None:
    step.petition.case_id = step.values["case"].id
    step.detail["case"] = step.values["case"].code


def dismiss_repeat(step: Step) -> None:
    other: Petition = step.values["other"]
    petition = step.petition
    links = [
        step.session.get(PetitionLink, (petition.id, other.id)),
        step.session.get(PetitionLink, (other.id, petition.id)),
    ]
    found = [link for link in links if link is not None]
    if not found:
        raise refuse("petition.not_suggested_duplicate", number=other.register_no)
    for link in found:
        link.status = "dismissed"
        link.decided_by_id = step.user.id
    step.detail["other"] = other.register_no


def last_step_on(session: Session, petition: Petition, action: str) -> date | None:
    return session.scalar(
        select(PetitionEvent.happened_on)
        .where(PetitionEvent.petition_id == petition.id, PetitionEvent.action == action)
        .order_by(PetitionEvent.id.desc())
        .limit(1)
    )
