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


def _row_for(rows: dict[str, dict[str, str]], action: str, level: str) -> dict[str, str]:
    if action in rows:
        return rows[action]
    band = "thuong" if clearance_rank(level) == 0 else "mat+"
    return rows[f"{action} · {band}"]


def allowed_document(user: UserFacts, action: str, doc: DocFacts) -> bool:
    if not user.active:
        return False
    row = _row_for(tables()["document"], action, doc.level)
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
