"""Registering a petition (vào sổ): checks, the register number, the first deadline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from records import audit
from records.codes import CONFIDENTIALITY
from records.errors import RuleError
from records.models import Agency, Document, Petition, PetitionEvent, User
from records.petitions import clock, identity, repeats
from records.petitions.codes import (
    FORWARDED_CHANNELS,
    MASS_PETITION_MIN,
    Channel,
    DocumentRole,
    Kind,
    Level,
    State,
)
from records.petitions.context import Context
from records.petitions.documents import attach
from records.petitions.identity import PetitionerData
from records.petitions.step import Step
from records.policy import Action, can_link_document, can_petition, can_register_petition

MAX_SUMMARY = 20_000
_LEADING_NUMBER = re.compile(r"^\s*(\d+)")


@dataclass
class Registration:
    """What a clerk enters in the register; ``owner`` defaults to the clerk's body."""

    kind: str
    received_on: date
    channel: str
    summary: str
    respondent: str = ""
    forwarded_by: str = ""
    addressed_level: str = Level.PROVINCE
    anonymous: bool = False
    signatory_count: int | None = None
    petitioners: list[PetitionerData] = field(default_factory=list)
    is_remote: bool = False
    remote_basis: str = ""
    is_complex: bool = False
    complex_basis: str = ""
    confidentiality: str = "thuong"
    owner: Agency | None = None
    register_no: str = ""
    parent_id: int | None = None


#: The refusal of a registration; its ``errors`` parameter lists every problem (RuleErrors).
REGISTRATION_INVALID = "petition.registration_invalid"


def invalid(errors: list[RuleError]) -> RuleError:
    return RuleError(REGISTRATION_INVALID, errors=errors)


def validate(session: Session, user: User, data: Registration, today: date) -> list[RuleError]:
    """Every problem with ``data`` (empty when it can be registered)."""
    errors: list[RuleError] = []

    def problem(code: str, **params: object) -> None:
        errors.append(RuleError(code, **params))

    if data.kind not in set(Kind):
        problem("petition.kind_invalid", value=data.kind)
    if data.channel not in set(Channel):
        problem("petition.channel_invalid", value=data.channel)
    if data.addressed_level not in set(Level):
        problem("petition.level_invalid", value=data.addressed_level)
    if data.received_on > today:
        problem("petition.received_in_future")
    if not data.summary.strip():
        problem("petition.summary_required")
    elif len(data.summary) > MAX_SUMMARY:
        problem("petition.summary_too_long", max=MAX_SUMMARY)
    if data.channel in FORWARDED_CHANNELS and not data.forwarded_by.strip():
        problem("petition.forwarded_by_required")
    people = [person for person in data.petitioners if not person.is_blank()]
    if data.anonymous and people:
        problem("petition.anonymous_with_petitioners")
    if not data.anonymous and not people:
        problem("petition.petitioner_required")
    if any(not person.name.strip() for person in people):
        problem("petition.petitioner_name_required")
    if data.signatory_count is not None and data.signatory_count < len(people):
        problem("petition.signatories_too_few")
    if data.confidentiality not in CONFIDENTIALITY:
        problem("petition.confidentiality_invalid", value=data.confidentiality)
    for flag, basis in ((data.is_remote, data.remote_basis), (data.is_complex, data.complex_basis)):
        if flag and not basis.strip():
            problem("petition.basis_required")
    owner = data.owner or user.agency
    if data.confidentiality in CONFIDENTIALITY and not can_register_petition(
        user, owner, data.confidentiality
    ):
        problem("petition.register_forbidden", agency=owner.name)
    if data.register_no.strip() and session.scalar(
        select(Petition.id).where(
            Petition.owner_agency_id == owner.id, Petition.register_no == data.register_no.strip()
        )
    ):
        problem("petition.register_no_taken", number=data.register_no)
    if data.parent_id is not None:
        parent = session.get(Petition, data.parent_id)
        if parent is None or not can_petition(user, Action.SEE, parent):
            problem("petition.parent_not_found", value=data.parent_id)
        elif parent.kind != data.kind:
            problem("petition.parent_other_kind")
        elif parent.kind == Kind.COMPLAINT and parent.complaint_round >= 2:
            problem("petition.complaint_final")
    return errors


def next_register_no(session: Session, owner: Agency, year: int) -> str:
    """The next number of ``owner``'s register for ``year``: "<n>/<year>"."""
    numbers = session.scalars(
        select(Petition.register_no).where(
            Petition.owner_agency_id == owner.id, Petition.register_no.like(f"%/{year}")
        )
    )
    highest = 0
    for number in numbers:
        match = _LEADING_NUMBER.match(number)
        if match:
            highest = max(highest, int(match.group(1)))
    return f"{highest + 1}/{year}"


def _insert(session: Session, petition: Petition, fixed_number: bool) -> None:
    """Insert with a free register number (retry when another clerk took it meanwhile)."""
    for _ in range(5):
        try:
            with session.begin_nested():
                session.add(petition)
                session.flush()
            return
        except IntegrityError:
            if fixed_number:
                raise invalid(
                    [
                        RuleError(
                            "petition.register_no_taken",
                            number=petition.register_no,
                        )
                    ]
                ) from None
            petition.register_no = next_register_no(
                session, petition.owner_agency, petition.received_on.year
            )
    raise invalid([RuleError("petition.register_no_unavailable")])


def register(
    session: Session,
    user: User,
    data: Registration,
    ctx: Context,
    *,
    documents: Sequence[tuple[Document, str]] = (),
    source: str = "web",
) -> Petition:
    """Create the petition in state RECEIVED with its first deadline; suggest repeats."""
    errors = validate(session, user, data, ctx.today)
    owner = data.owner or user.agency
    errors += [
        RuleError(
            "petition.document_not_linkable",
            id=document.id,
        )
        for document, _role in documents
        if not can_link_document(user, owner.id, document)
    ]
    if errors:
        raise invalid(errors)
    return _create(session, user, data, ctx, documents=documents, source=source)


def _create(
    session: Session,
    user: User | None,
    data: Registration,
    ctx: Context,
    *,
    documents: Sequence[tuple[Document, str]] = (),
    source: str,
    complaint_round: int | None = None,
) -> Petition:
    owner = data.owner or (user.agency if user else None)
    assert owner is not None
    people = [person for person in data.petitioners if not person.is_blank()]
    fixed_number = bool(data.register_no.strip())
    if complaint_round is None:
        complaint_round = 1
        if data.parent_id is not None and data.kind == Kind.COMPLAINT:
            parent = session.get(Petition, data.parent_id)
            complaint_round = min(2, (parent.complaint_round if parent else 1) + 1)
    petition = Petition(
        register_no=data.register_no.strip()
        or next_register_no(session, owner, data.received_on.year),
        kind=data.kind,
        complaint_round=complaint_round,
        summary=data.summary.strip(),
        respondent=data.respondent.strip(),
        received_on=data.received_on,
        channel=data.channel,
        forwarded_by=data.forwarded_by.strip(),
        addressed_level=data.addressed_level,
        anonymous=data.anonymous,
        signatory_count=data.signatory_count,
        is_mass=max(len(people), data.signatory_count or 0) >= MASS_PETITION_MIN,
        is_remote=data.is_remote,
        remote_basis=data.remote_basis.strip() if data.is_remote else "",
        is_complex=data.is_complex,
        complex_basis=data.complex_basis.strip() if data.is_complex else "",
        owner_agency=owner,
        confidentiality=data.confidentiality,
        state=State.RECEIVED,
        parent_id=data.parent_id,
        created_by_id=user.id if user else None,
    )
    _insert(session, petition, fixed_number)
    session.add_all(identity.make_rows(petition, people, ctx.fold))
    deadline = clock.enter_state(petition, State.RECEIVED, data.received_on, ctx)
    for document, role in documents:
        attach(session, user, petition, document, role)
    petition.events.append(
        PetitionEvent(
            petition_id=petition.id,
            actor_id=user.id if user else None,
            action="register",
            to_state=State.RECEIVED,
            happened_on=data.received_on,
            due_on=petition.due_on,
            due_rule=petition.due_rule,
            calendar_version=petition.calendar_version,
            detail={"source": source, "documents": [d.id for d, _ in documents]},
        )
    )
    session.flush()
    audit.record(
        session,
        user,
        "petition.create",
        object_type="petition",
        object_id=petition.id,
        ip=ctx.ip,
        level=petition.confidentiality,
        source=source,
        kind=petition.kind,
        due_on=deadline.due_on.isoformat() if deadline else None,
    )
    repeats.suggest(session, petition, ctx.fold)
    return petition


def open_second_complaint(step: Step) -> Petition:
    """The child petition of a second complaint, registered with the second-level body."""
    parent, values, session = step.petition, step.values, step.session
    people = identity.load(session, [parent.id])
    owner: Agency = values["to_agency"]
    number = (values.get("register_no") or "").strip()
    if number and session.scalar(
        select(Petition.id).where(
            Petition.owner_agency_id == owner.id, Petition.register_no == number
        )
    ):
        raise invalid([RuleError("petition.register_no_taken", number=number)])
    data = Registration(
        kind=Kind.COMPLAINT,
        received_on=values["received_on"],
        channel=parent.channel,
        forwarded_by=parent.forwarded_by,
        summary=parent.summary,
        respondent=parent.respondent,
        addressed_level=parent.addressed_level,
        anonymous=parent.anonymous,
        signatory_count=parent.signatory_count,
        petitioners=[
            PetitionerData(p.name, p.address, p.id_number, p.phone, p.representative)
            for p in people
        ],
        is_remote=parent.is_remote,
        remote_basis=parent.remote_basis,
        confidentiality=parent.confidentiality,
        owner=owner,
        register_no=number,
        parent_id=parent.id,
    )
    return _create(session, step.user, data, step.ctx, source="second_complaint", complaint_round=2)


def letter_role(index: int, has_letter: bool = True) -> str:
    """The first file of a registration is the letter (when one was given), the others are
    attachments."""
    return DocumentRole.LETTER if index == 0 and has_letter else DocumentRole.ATTACHMENT
