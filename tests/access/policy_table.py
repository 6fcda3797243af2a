"""docs/access-policy.md read as data: the tables the authorisation matrix checks against.

Each table's header is ``object · action | role | role ...``; each row names an action
(``download · mat+`` for a band of levels) and, per role, the term that grants it. The
terms are defined in the doc and implemented here, independently of records/policy, on
plain facts about users and objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from records.codes import clearance_rank

POLICY_DOC = Path(__file__).resolve().parents[2] / "docs" / "access-policy.md"
COMMISSION = "noi_chinh"


@cache
def tables() -> dict[str, dict[str, dict[str, str]]]:
    """``{object: {action row: {role: term}}}`` for every policy table of the doc."""
    result: dict[str, dict[str, dict[str, str]]] = {}
    lines = POLICY_DOC.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        cells = _cells(line)
        if not cells or " · action" not in cells[0]:
            continue
        kind = cells[0].split(" · ")[0].strip()
        roles = cells[1:]
        rows = result.setdefault(kind, {})
        for row in lines[number + 2 :]:
            values = _cells(row)
            if not values:
                break
            rows[values[0]] = dict(zip(roles, values[1:], strict=True))
    return result


def _cells(line: str) -> list[str]:
    line = line.strip()
    if not line.startswith("|"):
        return []
    return [cell.strip() for cell in line.strip("|").split("|")]


@dataclass(frozen=True)
class UserFacts:
    roles: frozenset[str]
    agency: str
    clearance: str
    active: bool = True
    coordinating: bool = True


@dataclass(frozen=True)
class CaseFacts:
    lead: str
    coordinating: frozenset[str] = frozenset()
    monitored: bool = False
    level: str = "thuong"


@dataclass(frozen=True)
class DocFacts:
    owner: str
    level: str = "thuong"
    shared: frozenset[str] = frozenset()
    shared_all: bool = False
    #: Cases the document is attached to (suggested or detached links are not listed).
    cases: tuple[CaseFacts, ...] = field(default=())
    #: A recognised denunciation letter no petition has registered yet.
    letter: bool = False


@dataclass(frozen=True)
class EventFacts:
    agency: str
    level: str
    account_event: bool


def _reaches(user: UserFacts, level: str) -> bool:
    return clearance_rank(user.clearance) >= clearance_rank(level)


def _takes_part(user: UserFacts, case: CaseFacts) -> bool:
    return user.agency == case.lead or user.agency in case.coordinating


def _document_term(term: str, user: UserFacts, doc: DocFacts) -> bool:
    visible = _reaches(user, doc.level) and (
        doc.owner == user.agency
        or user.agency in doc.shared
        or (doc.shared_all and user.coordinating)
        or any(
            _reaches(user, case.level)
            and (_takes_part(user, case) or (user.agency == COMMISSION and case.monitored))
            for case in doc.cases
        )
    )
    if term == "visible":
        return visible
    if term == "owner":
        return visible and doc.owner == user.agency
    if term == "any body":
        return _reaches(user, doc.level)
    assert term == "—", f"unknown document term {term!r}"
    return False


def _case_term(term: str, user: UserFacts, case: CaseFacts) -> bool:
    if term == "—":
        return False
    reaches = _reaches(user, case.level)
    if term == "leads":
        return reaches and user.agency == case.lead
    if term == "takes part":
        return reaches and _takes_part(user, case)
    assert term == "takes part or monitors", f"unknown case term {term!r}"
    return reaches and (_takes_part(user, case) or (user.agency == COMMISSION and case.monitored))


def _row_for(rows: dict[str, dict[str, str]], action: str, doc: DocFacts) -> dict[str, str]:
    """The row of ``action`` for ``doc``: its own row for an unregistered letter if the table
    has one, else the row of the action or of the document's band of levels."""
    letter_row = f"{action} · unregistered denunciation letter"
    if doc.letter and letter_row in rows:
        return rows[letter_row]
    if action in rows:
        return rows[action]
    band = "thuong" if clearance_rank(doc.level) == 0 else "mat+"
    return rows[f"{action} · {band}"]


def allowed_document(user: UserFacts, action: str, doc: DocFacts) -> bool:
    if not user.active:
        return False
    row = _row_for(tables()["document"], action, doc)
    return any(_document_term(row[role], user, doc) for role in user.roles if role in row)


def allowed_case(user: UserFacts, action: str, case: CaseFacts) -> bool:
    if not user.active:
        return False
    row = tables()["case"][action]
    return any(_case_term(row[role], user, case) for role in user.roles if role in row)


def allowed_account(user: UserFacts, action: str, *, own: bool) -> bool:
    """``manage accounts``, ``own account`` or ``api token`` on an account or a token."""
    if not user.active:
        return False
    row = tables()["account"][action]
    for role in user.roles:
        term = row.get(role, "—")
        if term == "any body" or (term == "self" and own):
            return True
    return False


def may_read_event(user: UserFacts, event: EventFacts) -> bool:
    if not user.active:
        return False
    row = tables()["account"]["read audit log"]
    for role in user.roles:
        term = row.get(role, "—")
        if not _reaches(user, event.level):
            continue
        if term == "account events" and event.account_event:
            return True
        if term == "body events" and (user.agency == COMMISSION or user.agency == event.agency):
            return True
    return False


def allowed_report(user: UserFacts, action: str) -> bool:
    """``see``, ``export`` or ``summary`` of the dashboards and reports."""
    if not user.active:
        return False
    row = tables()["report"][action]
    return any(row.get(role) == "yes" for role in user.roles)


def allowed_retention(user: UserFacts, action: str) -> bool:
    """``manage``: the retention schedule, legal holds and disposal lists."""
    if not user.active:
        return False
    row = tables()["retention"][action]
    return any(row.get(role) == "yes" for role in user.roles)


def allowed_register(user: UserFacts, agency: str, level: str) -> bool:
    if not user.active or not _reaches(user, level):
        return False
    row = tables()["document"]["register"]
    return any(
        row.get(role) == "any body" or (row.get(role) == "own body" and agency == user.agency)
        for role in user.roles
    )


@dataclass(frozen=True)
class VettingFacts:
    """A cadre vetting request; for the ``see answers`` row, ``answerer`` is the asked body
    whose answer is read."""

    asker: str
    asked: frozenset[str]
    level: str
    answerer: str = ""


ASKING_BODIES = ("to_chuc", COMMISSION)


def _vetting_term(term: str, user: UserFacts, facts: VettingFacts) -> bool:
    asker = user.agency == facts.asker
    asked = user.agency in facts.asked
    terms = {
        "—": False,
        "asking body": user.agency in ASKING_BODIES and _reaches(user, "mat"),
        "asker or asked": asker or asked,
        "asker or own answer": asker or user.agency == facts.answerer,
        "own answer": user.agency == facts.answerer,
        "asked": asked,
    }
    assert term in terms, f"unknown vetting term {term!r}"
    return terms[term]


def allowed_vetting(user: UserFacts, action: str, facts: VettingFacts | None) -> bool:
    """``ask`` (no request: ``facts`` None), ``see``, ``see answers``, ``answer``."""
    if not user.active:
        return False
    row = tables()["vetting"][action]
    if facts is None:
        return any(_vetting_term(row.get(role, "—"), user, VettingFacts("", frozenset(), "thuong"))
                   for role in user.roles)  # fmt: skip
    if not _reaches(user, facts.level):
        return False
    return any(_vetting_term(row.get(role, "—"), user, facts) for role in user.roles)


@dataclass(frozen=True)
class MeetingFacts:
    invited: frozenset[str]
    level: str = "thuong"
    #: For a follow-up task: the body it is given to.
    assigned: str = ""


def _meeting_term(term: str, user: UserFacts, facts: MeetingFacts) -> bool:
    commission = user.agency == COMMISSION
    terms = {
        "—": False,
        "commission": commission,
        "commission or invited": commission or user.agency in facts.invited,
        "commission or assigned": commission or user.agency == facts.assigned,
        "assigned": user.agency == facts.assigned,
    }
    assert term in terms, f"unknown meeting term {term!r}"
    return terms[term]


def allowed_meeting(user: UserFacts, kind: str, action: str, facts: MeetingFacts) -> bool:
    """``kind`` is ``meeting`` or ``follow-up``."""
    if not user.active or not _reaches(user, facts.level):
        return False
    row = tables()[kind][action]
    return any(_meeting_term(row.get(role, "—"), user, facts) for role in user.roles)


@dataclass(frozen=True)
class PlanFacts:
    """A plan item of ``owner`` (for an overlap: ``owner`` empty, ``level`` the higher of
    its two items')."""

    owner: str
    level: str = "thuong"


def allowed_plan(user: UserFacts, action: str, facts: PlanFacts | None) -> bool:
    """``register`` (``facts`` None) or an action on an item or overlap."""
    if not user.active or (facts is not None and not _reaches(user, facts.level)):
        return False
    row = tables()["plan"][action]
    terms = {
        "—": False,
        "coordinating body": user.coordinating,
        "own body": facts is not None and user.agency == facts.owner,
        "commission": user.agency == COMMISSION,
    }
    return any(terms[row.get(role, "—")] for role in user.roles)


def allowed_scorecard(user: UserFacts, action: str, body: str | None) -> bool:
    """The scorecard of ``body`` (None: of any body — a page about no body in particular)."""
    if not user.active:
        return False
    row = tables()["scorecard"][action]
    for role in user.roles:
        term = row.get(role, "—")
        if "commission" in term and user.agency == COMMISSION:
            return True
        if "own body" in term and (body is None or body == user.agency):
            return True
    return False


@dataclass(frozen=True)
class ProposalFacts:
    proposer: str
    case: CaseFacts


def allowed_proposal(user: UserFacts, action: str, facts: ProposalFacts) -> bool:
    if not user.active or not _reaches(user, facts.case.level):
        return False
    row = tables()["proposal"][action]
    terms = {
        "—": False,
        "proposer or commission": user.agency in (facts.proposer, COMMISSION),
        "takes part": _takes_part(user, facts.case),
        "commission": user.agency == COMMISSION,
    }
    return any(terms[row.get(role, "—")] for role in user.roles)
