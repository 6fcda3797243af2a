"""Cadre vetting (thẩm định, lấy ý kiến về cán bộ): ask chosen bodies about a named cadre,
find each asked body's candidate records in its own records only, confirm or dismiss them,
answer by the due date.

Candidates are looked for as the answering user, inside the policy's clauses and limited to
the answering body's own petitions and cases (``petition_candidates``, ``case_candidates``);
documents are found through the search engine by ``indexer.vetting_search`` with the same
limits. Nothing of a request is indexed, so no search, suggestion or facet shows it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from records import alerts, audit
from records.calendar import Unit, WorkingCalendar, local_today
from records.cases import require
from records.codes import CONFIDENTIALITY, clearance_rank
from records.errors import RuleError
from records.models import (
    Agency,
    Case,
    CaseParty,
    Document,
    Petition,
    User,
    VettingAnswer,
    VettingMatch,
    VettingRequest,
    case_agencies,
)
from records.models.base import utcnow
from records.policy import (
    Action,
    VettingAction,
    can,
    can_ask_vetting,
    can_vetting,
    case_clause,
    petition_clause,
)

Fold = Callable[[str], str]
#: Vetting answers are TỐI MẬT unless the asker chooses otherwise (never below MẬT).
DEFAULT_LEVEL = "toi_mat"
#: The usual time the regulation gives an asked body to answer.
DEFAULT_WORKING_DAYS = 10
FINDINGS = ("none", "found")
MATCH_STATES = ("candidate", "confirmed", "dismissed")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Candidate:
    """A record that may be about the cadre, and what of it matched."""

    object_type: str  # petition | case | document
    object_id: int
    label: str
    reasons: tuple[str, ...]


def default_due(calendar: WorkingCalendar, today: date | None = None) -> date:
    return calendar.end_of_period(today or local_today(), DEFAULT_WORKING_DAYS, Unit.WORKING_DAYS)


def _audit(
    session: Session, actor: User, action: str, request: VettingRequest, **detail: Any
) -> None:
    audit.record(
        session,
        actor,
        action,
        object_type="vetting",
        object_id=request.id,
        level=request.confidentiality,
        ip=session.info.get("client_ip", ""),
        **detail,
    )


def _text(value: str | None, limit: int) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise RuleError("text_too_long", limit=limit)
    return text


def create_request(
    session: Session,
    actor: User,
    *,
    cadre_name: str,
    birth_date: date | None,
    bodies: Iterable[Agency],
    position: str = "",
    unit: str = "",
    id_number: str = "",
    purpose: str = "",
    due_date: date | None = None,
    confidentiality: str | None = None,
    document: Document | None = None,
) -> VettingRequest:
    """Ask ``bodies`` about a cadre; each asked body's leaders and officers are notified."""
    require(can_ask_vetting(actor), "vetting.create")
    name = _text(cadre_name, 255)
    if not name:
        raise RuleError("vetting.name_required")
    if birth_date is None:
        raise RuleError("vetting.birth_date_required")
    if not date(1900, 1, 1) <= birth_date <= local_today():
        raise RuleError("vetting.birth_date_invalid")
    asked = {body.id: body for body in bodies}
    if not asked:
        raise RuleError("vetting.bodies_required")
    if actor.agency_id in asked:
        raise RuleError("vetting.own_body")
    for body in asked.values():
        if body.valid_to is not None and body.valid_to < local_today():
            raise RuleError("request.body_dissolved", agency=body.code)
    level = confidentiality or DEFAULT_LEVEL
    if level not in CONFIDENTIALITY or clearance_rank(level) < 1:
        raise RuleError("vetting.level_too_low", value=level)
    if clearance_rank(level) > clearance_rank(actor.clearance):
        raise RuleError("confidentiality_above_clearance", value=level)
    calendar_version = None
    if due_date is None:
        calendar = WorkingCalendar.load(session)
        due_date, calendar_version = default_due(calendar), calendar.version
    if due_date <= local_today():
        raise RuleError("request.due_not_future")
    if document is not None and not (
        can(actor, Action.SEE, document) and document.owner_agency_id == actor.agency_id
    ):
        raise RuleError("vetting.document_not_own", document=document.id)
    request = VettingRequest(
        from_agency_id=actor.agency_id,
        cadre_name=name,
        birth_date=birth_date,
        id_number=_text(id_number, 32),
        position=_text(position, 255),
        unit=_text(unit, 255),
        purpose=_text(purpose, 4000),
        due_date=due_date,
        calendar_version=calendar_version,
        confidentiality=level,
        document_id=document.id if document is not None else None,
        created_by=actor,
        answers=[VettingAnswer(agency_id=body_id) for body_id in sorted(asked)],
    )
    session.add(request)
    session.flush()
    codes = sorted(body.code for body in asked.values())
    _audit(session, actor, "vetting.create", request, bodies=codes, due=due_date.isoformat())
    alerts.vetting_created(session, request)
    return request


def answer_of(request: VettingRequest, agency_id: int) -> VettingAnswer | None:
    return next((a for a in request.answers if a.agency_id == agency_id), None)


def _own_answer(actor: User, request: VettingRequest) -> VettingAnswer:
    require(can_vetting(actor, VettingAction.ANSWER, request), "vetting.answer")
    own = answer_of(request, actor.agency_id)
    assert own is not None  # can_vetting(ANSWER) means the actor's body was asked
    return own


# -- finding candidates ---------------------------------------------------------------------
@dataclass(frozen=True)
class Needles:
    """What is looked for, folded: the name as words, the birth year, the ID number's
    digits and the unit as words."""

    name: str
    birth_year: str
    id_number: str
    unit: str

    @classmethod
    def of(cls, request: VettingRequest, fold: Fold) -> Needles:
        return cls(
            name=_words(request.cadre_name, fold),
            birth_year=str(request.birth_date.year),
            id_number="".join(ch for ch in request.id_number if ch.isdigit()),
            unit=_words(request.unit, fold),
        )

    def reasons(self, text: str, fold: Fold) -> tuple[str, ...]:
        """What of the cadre ``text`` names; empty unless the name or ID number is there."""
        words = f" {_words(text, fold)} "
        digits = re.sub(r"\D", "", text)
        found = []
        if self.name and f" {self.name} " in words:
            found.append("name")
        if self.id_number and len(self.id_number) >= 9 and self.id_number in digits:
            found.append("id_number")
        if not found:
            return ()
        if f" {self.birth_year} " in words:
            found.append("birth_year")
        if self.unit and f" {self.unit} " in words:
            found.append("unit")
        return tuple(found)


def _words(text: str, fold: Fold) -> str:
    return " ".join(_WORD.findall(fold(text or "")))


def petition_candidates(
    session: Session, actor: User, request: VettingRequest, fold: Fold
) -> list[Candidate]:
    """The answering body's own petitions (received or routed to it, within the actor's
    clearance) whose respondent or summary names the cadre. Petitioners are not read: the
    cadre is the one complained of or denounced."""
    needles = Needles.of(request, fold)
    rows = session.execute(
        select(Petition.id, Petition.register_no, Petition.respondent, Petition.summary).where(
            petition_clause(actor),
            or_(
                Petition.owner_agency_id == actor.agency_id,
                Petition.routed_to_agency_id == actor.agency_id,
            ),
        )
    ).all()
    found = []
    for petition_id, register_no, respondent, summary in rows:
        reasons = needles.reasons(f"{respondent}\n{summary}", fold)
        if reasons:
            found.append(Candidate("petition", petition_id, register_no, reasons))
    return found


def case_candidates(
    session: Session, actor: User, request: VettingRequest, fold: Fold
) -> list[Candidate]:
    """Cases the answering body leads or coordinates whose title, summary or parties name
    the cadre (cases it only monitors are other bodies' records)."""
    needles = Needles.of(request, fold)
    coordinating = exists(
        select(1).where(
            case_agencies.c.case_id == Case.id, case_agencies.c.agency_id == actor.agency_id
        )
    )
    cases = session.execute(
        select(Case.id, Case.code, Case.title, Case.summary).where(
            case_clause(actor), or_(Case.lead_agency_id == actor.agency_id, coordinating)
        )
    ).all()
    parties: dict[int, list[str]] = {}
    for case_id, name in session.execute(
        select(CaseParty.case_id, CaseParty.name).where(
            CaseParty.case_id.in_([row[0] for row in cases])
        )
    ):
        parties.setdefault(case_id, []).append(name)
    found = []
    for case_id, code, title, summary in cases:
        text = "\n".join([title, summary, *parties.get(case_id, [])])
        reasons = needles.reasons(text, fold)
        if reasons:
            found.append(Candidate("case", case_id, f"{code} — {title}", reasons))
    return found


def record_candidates(
    session: Session, actor: User, request: VettingRequest, candidates: Iterable[Candidate]
) -> VettingAnswer:
    """Keep the candidates found for the actor's body (new ones only; a record confirmed or
    dismissed before keeps its decision)."""
    own = _own_answer(actor, request)
    if not own.is_open or not request.is_open:
        raise RuleError("vetting.closed")
    known = {(m.object_type, m.object_id): m for m in own.matches}
    added = 0
    for candidate in candidates:
        match = known.get((candidate.object_type, candidate.object_id))
        if match is not None:
            match.reasons = list(candidate.reasons)
            continue
        own.matches.append(
            VettingMatch(
                object_type=candidate.object_type,
                object_id=candidate.object_id,
                label=candidate.label[:512],
                reasons=list(candidate.reasons),
            )
        )
        added += 1
    session.flush()
    _audit(session, actor, "vetting.search", request, body=actor.agency.code, added=added)
    return own


# -- deciding and answering -----------------------------------------------------------------
def decide_match(
    session: Session, actor: User, request: VettingRequest, match_id: int, state: str
) -> VettingMatch:
    """Confirm a candidate as about the cadre, dismiss it, or set it back to candidate."""
    own = _own_answer(actor, request)
    if not own.is_open or not request.is_open:
        raise RuleError("vetting.closed")
    if state not in MATCH_STATES:
        raise RuleError("invalid_input", field="state")
    match = next((m for m in own.matches if m.id == match_id), None)
    if match is None:
        raise RuleError("vetting.match_unknown", match=match_id)
    match.state = state
    match.decided_by_id = actor.id
    match.decided_at = utcnow()
    _audit(
        session, actor, "vetting.match", request, match=match.id,
        record_type=match.object_type, record_id=match.object_id, state=state,
    )  # fmt: skip
    return match


def answer(session: Session, actor: User, request: VettingRequest, text: str) -> VettingAnswer:
    """Answer for the actor's body: *found* when a candidate is confirmed, else *none*.
    Every candidate must be confirmed or dismissed first."""
    own = _own_answer(actor, request)
    if not own.is_open or not request.is_open:
        raise RuleError("vetting.closed")
    undecided = [m.id for m in own.matches if m.state == "candidate"]
    if undecided:
        raise RuleError("vetting.undecided", count=len(undecided))
    text = _text(text, 20000)
    confirmed = [m for m in own.matches if m.state == "confirmed"]
    if confirmed and not text:
        raise RuleError("vetting.answer_text_required")
    own.finding = "found" if confirmed else "none"
    own.text = text
    own.status = "answered"
    own.answered_by_id = actor.id
    own.answered_at = utcnow()
    if all(not a.is_open for a in request.answers):
        request.status = "answered"
    late = request.due_date < local_today()
    _audit(
        session, actor, "vetting.answer", request, body=actor.agency.code,
        finding=own.finding, confirmed=len(confirmed), late=late,
    )  # fmt: skip
    alerts.vetting_answered(session, request, own)
    return own


def withdraw(session: Session, actor: User, request: VettingRequest, reason: str) -> None:
    require(can_vetting(actor, VettingAction.MANAGE, request), "vetting.manage")
    if not request.is_open:
        raise RuleError("vetting.closed")
    reason = _text(reason, 4000)
    if not reason:
        raise RuleError("request.withdraw_reason_required")
    request.status = "withdrawn"
    request.withdrawn_reason = reason
    for own in request.answers:
        if own.is_open:
            own.status = "withdrawn"
    _audit(session, actor, "vetting.withdraw", request, reason=reason)
    alerts.vetting_withdrawn(session, request)


def answers_due_by(session: Session, horizon: date) -> list[VettingAnswer]:
    """Answers still open on open requests due on or before ``horizon`` (for reminders)."""
    return list(
        session.scalars(
            select(VettingAnswer)
            .join(VettingRequest, VettingAnswer.request_id == VettingRequest.id)
            .where(
                VettingRequest.status == "open",
                VettingAnswer.status == "open",
                VettingRequest.due_date <= horizon,
            )
        )
    )
