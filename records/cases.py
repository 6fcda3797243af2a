"""Working on cases: create and edit, status, monitoring, parties, documents, signs of crime.

Every function takes the acting user, asks the access policy, records the change on the
case's timeline (``CaseEvent``) and in the audit log, and leaves committing to the caller.
Functions that change what the search index holds about documents return their ids: the
caller queues them for re-indexing after the commit (the documents are also touched, so the
periodic sweep re-indexes them if the broker is down).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from records import alerts, audit
from records.calendar import WorkingCalendar, local_today
from records.case_codes import next_code
from records.case_status import (
    BECOMES_CRIMINAL_CASE,
    INITIAL_STATUS,
    KIND_STATUSES,
    KINDS,
    MONITORING_LEVELS,
    allowed_next,
)
from records.codes import CONFIDENTIALITY, clearance_rank
from records.errors import NotAllowed, RuleError
from records.models import (
    Agency,
    Case,
    CaseDocument,
    CaseEvent,
    CaseParty,
    Document,
    User,
)
from records.models.base import utcnow
from records.policy import (
    DENUNCIATION_LETTER,
    Action,
    can_attach,
    can_case,
    can_create_case,
    can_detach,
    can_transfer,
    can_widen_case,
    case_access_agency_ids,
    case_access_by_document,
    case_bodies,
    case_work_clause,
    kept_from,
)
from records.transfer_rules import LEGAL_BASES, referral_due

CODE_PATTERN = re.compile(r"^[A-Za-z0-9À-ỹĐđ][A-Za-z0-9À-ỹĐđ._/-]{1,63}$")
PARTY_KINDS = ("person", "organisation")


@dataclass
class Outcome:
    """What a change produced, and which documents need re-indexing after the commit."""

    reindex: set[int] = field(default_factory=set)


# -- helpers --------------------------------------------------------------------------------
def _audit(
    session: Session,
    actor: User | None,
    action: str,
    case: Case,
    document: Document | None = None,
    **detail: Any,
) -> None:
    """Audit a change of ``case``; an entry naming ``document`` (its number and file name)
    is kept at the higher of the two levels, so only those cleared for both read it."""
    level = case.confidentiality
    if document is not None:
        level = max(level, document.confidentiality, key=clearance_rank)
    audit.record(
        session,
        actor,
        action,
        object_type="case",
        object_id=case.id,
        level=level,
        ip=session.info.get("client_ip", ""),
        **detail,
    )


def event(session: Session, case: Case, actor: User | None, what: str, **detail: Any) -> CaseEvent:
    """Add a line (of kind ``what``) to the case's timeline."""
    row = CaseEvent(case_id=case.id, actor_id=actor.id if actor else None, kind=what, detail=detail)
    session.add(row)
    return row


def require(condition: bool, action: str, **params: Any) -> None:
    if not condition:
        raise NotAllowed(action, **params)


def _text(value: str | None, code: str, *, max_len: int | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise RuleError(code)
    if max_len and len(text) > max_len:
        raise RuleError("text_too_long", limit=max_len)
    return text


def participant_ids(case: Case) -> frozenset[int]:
    return frozenset({case.lead_agency_id, *(agency.id for agency in case.agencies)})


def attached_document_ids(session: Session, case: Case) -> set[int]:
    return set(
        session.scalars(
            select(CaseDocument.document_id).where(
                CaseDocument.case_id == case.id, CaseDocument.state == "attached"
            )
        )
    )


def _touch(session: Session, document_ids: set[int]) -> None:
    for document in session.scalars(select(Document).where(Document.id.in_(document_ids))):
        document.touch()


def _check_level(actor: User, level: str) -> None:
    if level not in CONFIDENTIALITY:
        raise RuleError("invalid_confidentiality", value=level)
    if clearance_rank(level) > clearance_rank(actor.clearance):
        raise RuleError("confidentiality_above_clearance", value=level)


def _check_handler(session: Session, case: Case, handler: User | None) -> None:
    if handler is None:
        return
    if not handler.active or handler.agency_id != case.lead_agency_id:
        raise RuleError("case.handler_not_in_lead_body", user=handler.username)
    session.flush()
    if not can_case(handler, Action.SEE, case):
        raise RuleError("case.handler_cannot_see", user=handler.username)


# -- create and edit ------------------------------------------------------------------------
def create_case(
    session: Session,
    actor: User,
    *,
    code: str,
    title: str,
    lead_agency: Agency,
    kind: str = "vu_viec",
    summary: str = "",
    confidentiality: str = "thuong",
    coordinating: list[Agency] | None = None,
    handler: User | None = None,
) -> Case:
    """Open a case. A creator from another body than the lead joins it as coordinating.
    Without a ``code``, the lead body's next one is given (``records.case_codes``)."""
    require(can_create_case(actor), "case.create")
    code = (code or "").strip() or next_code(session, lead_agency, kind, local_today())
    if not CODE_PATTERN.match(code):
        raise RuleError("case.code_invalid", code=code)
    if session.scalar(select(Case.id).where(Case.code == code)) is not None:
        raise RuleError("case.code_taken", code=code)
    if kind not in KINDS:
        raise RuleError("case.kind_invalid", kind=kind)
    _check_level(actor, confidentiality)
    bodies = {agency.id: agency for agency in coordinating or []}
    bodies.pop(lead_agency.id, None)
    if actor.agency_id != lead_agency.id:
        bodies.setdefault(actor.agency_id, actor.agency)
    case = Case(
        code=code,
        title=_text(title, "case.title_required", max_len=512),
        kind=kind,
        summary=(summary or "").strip(),
        status=INITIAL_STATUS[kind],
        confidentiality=confidentiality,
        lead_agency=lead_agency,
        agencies=list(bodies.values()),
        created_by_id=actor.id,
    )
    session.add(case)
    session.flush()
    _check_handler(session, case, handler)
    case.handler = handler
    event(session, case, actor, "created", status=case.status, kind=kind)
    _audit(session, actor, "case.create", case, code=code, lead=lead_agency.code)
    alerts.case_assigned(session, case, [lead_agency.id, *bodies], actor)
    if handler is not None:
        alerts.handler_assigned(session, case, handler, actor)
    return case


def update_case(
    session: Session,
    actor: User,
    case: Case,
    *,
    title: str | None = None,
    summary: str | None = None,
    confidentiality: str | None = None,
    coordinating: list[Agency] | None = None,
    handler: User | None = None,
    clear_handler: bool = False,
) -> Outcome:
    """Change the case's description, its coordinating bodies or its handler."""
    require(can_case(actor, Action.EDIT, case), "case.edit", case=case.code)
    outcome = Outcome()
    changes: dict[str, Any] = {}
    if title is not None and title.strip() != case.title:
        changes["title"] = [case.title, _text(title, "case.title_required", max_len=512)]
        case.title = changes["title"][1]
    if summary is not None and summary.strip() != case.summary:
        changes["summary"] = True
        case.summary = summary.strip()
    if confidentiality is not None and confidentiality != case.confidentiality:
        _check_level(actor, confidentiality)
        changes["confidentiality"] = [case.confidentiality, confidentiality]
        case.confidentiality = confidentiality
        # Who sees the attached documents through the case depends on its level.
        outcome.reindex |= attached_document_ids(session, case)
        _touch(session, outcome.reindex)
    if coordinating is not None:
        wanted = {a.id: a for a in coordinating if a.id != case.lead_agency_id}
        current = {a.id for a in case.agencies}
        added, removed = set(wanted) - current, current - set(wanted)
        _check_widening(session, actor, case, [wanted[i] for i in sorted(added)])
        if added or removed:
            by_id = {a.id: a for a in case.agencies} | wanted
            changes["agencies_added"] = sorted(by_id[i].code for i in added)
            changes["agencies_removed"] = sorted(by_id[i].code for i in removed)
            case.agencies = list(wanted.values())
            outcome.reindex |= attached_document_ids(session, case)
            _touch(session, outcome.reindex)
            alerts.case_assigned(session, case, added, actor)
    if clear_handler or (handler is not None and handler.id != case.handler_id):
        new = None if clear_handler else handler
        _check_handler(session, case, new)
        changes["handler"] = [
            case.handler.username if case.handler else None,
            new.username if new else None,
        ]
        case.handler = new
        if new is not None:
            alerts.handler_assigned(session, case, new, actor)
    if changes:
        event(session, case, actor, "updated", **changes)
        _audit(session, actor, "case.update", case, **changes)
    return outcome


def _check_widening(session: Session, actor: User, case: Case, added: list[Agency]) -> None:
    """Adding bodies hands them the attached documents: refuse while one of them would
    reach a new body and the actor may not share it (its owner attaches or shares it)."""
    if not added:
        return
    ids = attached_document_ids(session, case)
    reach = case_access_by_document(session, ids) if ids else {}
    for document in session.scalars(select(Document).where(Document.id.in_(ids))):
        if not can_widen_case(actor, case, document, reach[document.id], added):
            raise RuleError("case.widen_forbidden", document=document.id, case=case.code)


def change_status(
    session: Session, actor: User, case: Case, target: str, note: str = "", *, auto: bool = False
) -> CaseEvent:
    """Move the case to ``target`` if the transition is allowed; entering khởi tố makes it a
    vụ án."""
    require(can_case(actor, Action.EDIT, case), "case.edit", case=case.code)
    kind = "vu_an" if target == BECOMES_CRIMINAL_CASE else case.kind
    if target not in allowed_next(case.status) or target not in KIND_STATUSES[kind]:
        raise RuleError("case.status_not_allowed", current=case.status, target=target)
    previous, previous_kind = case.status, case.kind
    case.status, case.kind = target, kind
    detail: dict[str, Any] = {"from": previous, "to": target, "note": note.strip()}
    if case.kind != previous_kind:
        detail["kind"] = [previous_kind, case.kind]
    if auto:
        detail["auto"] = True
    row = event(session, case, actor, "status", **detail)
    _audit(session, actor, "case.status", case, **detail)
    return row


def set_monitoring(
    session: Session, actor: User, case: Case, level: str | None, reason: str
) -> Outcome:
    """Place the case under a monitoring level (or take it off the list), saying why.

    Going on or off the list changes who sees the attached documents (the commission sees
    monitored cases), so they are re-indexed.
    """
    require(can_case(actor, Action.EDIT, case), "case.edit", case=case.code)
    return apply_monitoring(session, actor, case, level, reason)


def apply_monitoring(
    session: Session, actor: User, case: Case, level: str | None, reason: str
) -> Outcome:
    """:func:`set_monitoring` once the caller has checked who may decide it (the lead body
    itself, or the Standing Committee's decision recorded by the Commission)."""
    if level is not None and level not in MONITORING_LEVELS:
        raise RuleError("case.monitoring_invalid", level=level)
    if level == case.monitoring_level:
        raise RuleError("case.monitoring_unchanged")
    reason = _text(reason, "case.monitoring_reason_required")
    detail = {"from": case.monitoring_level, "to": level, "reason": reason}
    outcome = Outcome()
    if (case.monitoring_level is None) != (level is None):
        outcome.reindex = attached_document_ids(session, case)
        _touch(session, outcome.reindex)
    case.monitoring_level = level
    case.monitoring_reason = reason
    case.monitoring_set_by_id = actor.id
    case.monitoring_set_at = utcnow()
    event(session, case, actor, "monitoring", **detail)
    _audit(session, actor, "case.monitoring", case, **detail)
    if level is not None:
        _detach_letters(session, actor, case)
    return outcome


def _detach_letters(session: Session, actor: User, case: Case) -> None:
    """A monitored case is seen by the commission: the unregistered denunciation letters
    attached to it leave it (:func:`detach_letter`)."""
    letters = select(Document).where(
        Document.id.in_(attached_document_ids(session, case)),
        Document.doc_type == DENUNCIATION_LETTER,
    )
    for document in session.scalars(letters).all():
        detach_letter(session, actor, document)


# -- parties --------------------------------------------------------------------------------
def add_party(
    session: Session, actor: User, case: Case, name: str, kind: str = "person", role: str = ""
) -> CaseParty:
    require(can_case(actor, Action.EDIT, case), "case.edit", case=case.code)
    if kind not in PARTY_KINDS:
        raise RuleError("case.party_kind_invalid", kind=kind)
    party = CaseParty(
        case_id=case.id,
        name=_text(name, "case.party_name_required", max_len=255),
        kind=kind,
        role=(role or "").strip()[:128],
    )
    session.add(party)
    session.flush()
    event(session, case, actor, "party_added", name=party.name, party_kind=kind, role=party.role)
    _audit(session, actor, "case.party_add", case, name=party.name)
    return party


def remove_party(session: Session, actor: User, case: Case, party_id: int) -> None:
    require(can_case(actor, Action.EDIT, case), "case.edit", case=case.code)
    party = session.get(CaseParty, party_id)
    if party is None or party.case_id != case.id:
        raise RuleError("case.party_not_found")
    session.delete(party)
    event(session, case, actor, "party_removed", name=party.name, party_kind=party.kind)
    _audit(session, actor, "case.party_remove", case, name=party.name)


# -- documents ------------------------------------------------------------------------------
def find_document(
    session: Session,
    reference: str,
    number_keys: Iterable[str] = (),
    visible: ColumnElement[bool] | None = None,
) -> Document | None:
    """A document by its id ("123", "#123"), its number as printed, or one of the number
    keys the caller derived from it (``indexer.metadata.number_search_keys``); among those
    ``visible`` admits, when given."""
    text = (reference or "").strip().lstrip("#").strip()
    if not text:
        return None
    if text.isdigit():
        condition = Document.id == int(text)
    else:
        condition = Document.number == text
        keys = list(number_keys)
        if keys:
            condition = condition | number_key_matches(keys)
    query = select(Document).where(condition)
    if visible is not None:
        query = query.where(visible)
    return session.scalars(query.order_by(Document.id).limit(1)).first()


#: How many of the newest cases a user works on are offered to attach a document to.
ATTACH_CHOICES = 200


def _newest_worked_on(session: Session, user: User, *conditions: Any) -> Iterable[Case]:
    return session.scalars(
        select(Case)
        .where(case_work_clause(user), *conditions)
        .order_by(Case.created_at.desc())
        .limit(ATTACH_CHOICES)
    )


def attaches_anywhere(session: Session, user: User) -> bool:
    """Whether ``user`` may attach documents to one of the cases they work on at all (what
    each document allows is :func:`cases_to_attach`)."""
    return any(can_case(user, Action.SHARE, case) for case in _newest_worked_on(session, user))


def cases_to_attach(session: Session, user: User, document: Document) -> Iterator[Case]:
    """The cases ``user`` may attach ``document`` to and that do not hold it yet, newest
    first among the :data:`ATTACH_CHOICES` newest the user works on; lazy, so that asking
    whether there is one stops at the first."""
    linked = select(CaseDocument.case_id).where(
        CaseDocument.document_id == document.id, CaseDocument.state == "attached"
    )
    candidates = _newest_worked_on(session, user, Case.id.not_in(linked))
    reach = case_access_agency_ids(session, document.id)
    return (case for case in candidates if can_attach(user, case, document, reach))


def number_key_matches(keys: Iterable[str]) -> ColumnElement[bool]:
    """Documents whose number key is one of ``keys``, Đ and D alike: a number typed without
    the Vietnamese letter ("46/QD-VKSTC") finds the document printed with it."""
    folded = sorted({key.replace("Đ", "D") for key in keys})
    return Document.number_key.in_(list(keys)) | func.replace(Document.number_key, "Đ", "D").in_(
        folded
    )


def _link(session: Session, case: Case, document: Document) -> CaseDocument | None:
    return session.get(CaseDocument, (case.id, document.id))


def _doc_detail(document: Document) -> dict[str, Any]:
    return {"document_id": document.id, "number": document.number, "filename": document.filename}


def attach(
    session: Session, actor: User, case: Case, document: Document, reason: str = ""
) -> Outcome:
    """Attach ``document`` to ``case``; a suggestion of it becomes confirmed."""
    link = _link(session, case, document)
    if link is not None and link.state == "attached":
        raise RuleError("case.already_attached", document=document.id, case=case.code)
    agencies = case_access_agency_ids(session, document.id)
    require(can_attach(actor, case, document, agencies), "case.attach", case=case.code)
    detail = _doc_detail(document) | {"reason": (reason or "").strip()}
    if link is None:
        link = CaseDocument(case_id=case.id, document_id=document.id)
        session.add(link)
        kind = "attached"
    elif link.state == "suggested":
        detail["suggested_because"] = link.reason
        kind = "suggestion_confirmed"
    else:
        detail["previously"] = link.state
        kind = "attached"
    link.state, link.reason, link.by_id, link.at = "attached", detail["reason"], actor.id, utcnow()
    document.touch()
    event(session, case, actor, kind, **detail)
    _audit(session, actor, f"case.{kind}", case, document, **detail)
    return Outcome(reindex={document.id})


def detach(session: Session, actor: User, case: Case, document: Document, reason: str) -> Outcome:
    """Detach an attached document; the reason is required and kept."""
    link = _link(session, case, document)
    if link is None or link.state != "attached":
        raise RuleError("case.not_attached", document=document.id, case=case.code)
    require(can_detach(actor, case, document), "case.detach", case=case.code)
    _detached(session, actor, case, link, document, _text(reason, "case.detach_reason_required"))
    return Outcome(reindex={document.id})


#: The reason recorded when a rule, not a person, detaches a document.
LETTER_KEPT_HOME = "denunciation_protected"


def detach_letter(session: Session, actor: User | None, document: Document) -> list[Case]:
    """Detach an unregistered denunciation letter from the cases another body sees
    (``records.policy.letters``), recorded like any detach with the reason
    :data:`LETTER_KEPT_HOME`; ``actor`` is who recognised it (None: parsing). Return the
    cases it left."""
    links = session.scalars(
        select(CaseDocument).where(
            CaseDocument.document_id == document.id, CaseDocument.state == "attached"
        )
    ).all()
    left = []
    for link in links:
        case = session.get_one(Case, link.case_id)
        if kept_from(document, (agency.id for agency in case_bodies(case))):
            _detached(session, actor, case, link, document, LETTER_KEPT_HOME)
            left.append(case)
    return left


def _detached(
    session: Session,
    actor: User | None,
    case: Case,
    link: CaseDocument,
    document: Document,
    reason: str,
) -> None:
    """Mark ``link`` detached, on the case's timeline and in the audit log."""
    detail = _doc_detail(document) | {"reason": reason}
    link.state, link.reason, link.at = "detached", reason, utcnow()
    link.by_id = actor.id if actor is not None else None
    document.touch()
    event(session, case, actor, "detached", **detail)
    _audit(session, actor, "case.detached", case, document, **detail)


def reject_suggestion(
    session: Session, actor: User, case: Case, document: Document, reason: str = ""
) -> None:
    """Dismiss the tagger's suggestion; a rejected document is never suggested again."""
    link = _link(session, case, document)
    if link is None or link.state != "suggested":
        raise RuleError("case.not_suggested", document=document.id, case=case.code)
    require(can_detach(actor, case, document), "case.detach", case=case.code)
    detail = _doc_detail(document) | {
        "suggested_because": link.reason,
        "reason": (reason or "").strip(),
    }
    link.state, link.by_id, link.at = "rejected", actor.id, utcnow()
    link.reason = detail["reason"] or link.reason
    event(session, case, actor, "suggestion_rejected", **detail)
    _audit(session, actor, "case.suggestion_rejected", case, document, **detail)


# -- signs of a crime -----------------------------------------------------------------------
def flag_crime_signs(
    session: Session, actor: User, case: Case, *, basis: str, since: date, note: str = ""
) -> CaseEvent:
    """Mark the case as showing signs of a crime: it stays on the watch list until a
    transfer to investigators exists. ``since`` starts the clock (``records.transfers``)."""
    require(can_transfer(actor, case), "case.transfer", case=case.code)
    if basis not in LEGAL_BASES:
        raise RuleError("transfer.basis_invalid", basis=basis)
    if since > date.today():
        raise RuleError("date_in_future", value=since.isoformat())
    case.crime_signs_at = utcnow()
    case.crime_signs_by_id = actor.id
    case.crime_signs_basis = basis
    case.crime_signs_since = since
    case.crime_signs_note = (note or "").strip()
    due = referral_due(case, WorkingCalendar.load(session))
    detail = {
        "basis": basis,
        "since": since.isoformat(),
        "due": due.isoformat() if due else None,
        "note": case.crime_signs_note,
    }
    row = event(session, case, actor, "crime_signs", **detail)
    _audit(session, actor, "case.crime_signs", case, **detail)
    return row


def clear_crime_signs(session: Session, actor: User, case: Case, reason: str) -> CaseEvent:
    """Take a mistaken flag off (the reason is kept on the timeline)."""
    require(can_transfer(actor, case), "case.transfer", case=case.code)
    if case.crime_signs_at is None:
        raise RuleError("case.not_flagged")
    detail = {"reason": _text(reason, "case.unflag_reason_required")}
    case.crime_signs_at = None
    case.crime_signs_by_id = None
    case.crime_signs_basis = None
    case.crime_signs_since = None
    case.crime_signs_note = ""
    row = event(session, case, actor, "crime_signs_cleared", **detail)
    _audit(session, actor, "case.crime_signs_cleared", case, **detail)
    return row
