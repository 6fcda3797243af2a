"""A fixed world of users and documents for the authorisation matrix.

Users: every role × three bodies (the commission, the inspectorate, the police) × every
clearance, plus a two-role user and an inactive leader. Documents: every way a body can
reach a document (owns it, shared with it, shared with all, its case, a monitored case, a
mere suggestion, another body's) × every confidentiality level, and a recognised
denunciation letter no petition has registered (MẬT and above). Each object carries its
plain facts (policy_table) next to its database id.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import pyotp
from sqlalchemy import select

from records import accounts, tokens
from records.codes import CONFIDENTIALITY, ROLES
from records.db import Database
from records.models import (
    Agency,
    AuditEvent,
    Case,
    CaseDocument,
    Document,
    DocumentPage,
    FollowUp,
    Meeting,
    MeetingBody,
    PlanItem,
    PlanOverlap,
    Proposal,
    User,
    VettingAnswer,
    VettingRequest,
)
from records.models.base import utcnow
from records.policy import DENUNCIATION_LETTER
from tests.access.policy_table import (
    CaseFacts,
    DocFacts,
    EventFacts,
    MeetingFacts,
    PlanFacts,
    ProposalFacts,
    UserFacts,
    VettingFacts,
)
from tests.support.auth import PASSWORD

BODIES = ("noi_chinh", "thanh_tra", "cong_an")
#: The world's audit events carry this outcome, so a filter on it lists exactly them.
WORLD_OUTCOME = "error"
OTHER = "toa_an"

CASES = {
    "C-THANH-TRA": CaseFacts(lead="thanh_tra", coordinating=frozenset({"cong_an"})),
    "C-MONITORED": CaseFacts(lead=OTHER, monitored=True, level="mat"),
    "C-CONG-AN": CaseFacts(lead="cong_an", coordinating=frozenset({"noi_chinh"}), level="toi_mat"),
}

#: Cadre vetting requests: (asking body, asked bodies, level).
VETTINGS = {
    "V-NC-TOIMAT": ("noi_chinh", ("thanh_tra",), "toi_mat"),
    "V-NC-MAT": ("noi_chinh", ("cong_an", "thanh_tra"), "mat"),
    "V-TC-CONG-AN": ("to_chuc", ("cong_an",), "mat"),
    "V-TC-OTHER": ("to_chuc", (OTHER,), "toi_mat"),
}

#: Coordination meetings: (invited bodies, level, bodies given a task).
MEETINGS = {
    "M-THUONG": (("thanh_tra",), "thuong", ("thanh_tra", "noi_chinh")),
    "M-MAT": (("cong_an", OTHER), "mat", ("cong_an", OTHER)),
    "M-TOIMAT": (("thanh_tra", "cong_an"), "toi_mat", ("cong_an",)),
}

#: Plan items of one year, all on the same unit in overlapping months: (body, level).
PLANS = {"P-THANH-TRA": ("thanh_tra", "thuong"), "P-CONG-AN": ("cong_an", "mat"),
         "P-OTHER": (OTHER, "toi_mat")}  # fmt: skip

#: How a document reaches bodies: (owner, shared with, shared with all, attached, suggested).
SHARING = {
    "own-thanh-tra": ("thanh_tra", (), False, (), ()),
    "shared-cong-an": ("thanh_tra", ("cong_an",), False, (), ()),
    "shared-all": (OTHER, (), True, (), ()),
    "case-thanh-tra": (OTHER, (), False, ("C-THANH-TRA",), ()),
    "case-monitored": (OTHER, (), False, ("C-MONITORED",), ()),
    "suggested-only": (OTHER, (), False, (), ("C-THANH-TRA",)),
    "other-body": (OTHER, (), False, (), ()),
    "own-noi-chinh": ("noi_chinh", (), False, (), ()),
}
#: Recognised denunciation letters no petition has registered: at least MẬT, kept with
#: their body (no share, no case another body sees).
LETTERS = {"letter-thanh-tra": ("thanh_tra", (), False, (), ())}


@dataclass
class Principal:
    key: str
    id: int
    username: str
    facts: UserFacts
    #: A read_write API token, and a second one other users try to revoke (IDOR).
    token: str = ""
    victim_token_id: int = 0
    totp_secret: str | None = None


@dataclass
class DocumentRef:
    key: str
    id: int
    facts: DocFacts


@dataclass
class CaseRef:
    key: str
    id: int
    facts: CaseFacts


@dataclass
class EventRef:
    key: str
    id: int
    facts: EventFacts


@dataclass
class VettingRef:
    """A vetting request; with ``facts.answerer`` set, one asked body's answer to it."""

    key: str
    id: int
    vetting: VettingFacts


@dataclass
class MeetingRef:
    """A meeting, or (``facts.assigned`` set) a follow-up task of one."""

    key: str
    id: int
    facts: MeetingFacts


@dataclass
class PlanRef:
    """A plan item, or an overlap of two (``plan.owner`` empty)."""

    key: str
    id: int
    plan: PlanFacts


@dataclass
class ProposalRef:
    key: str
    id: int
    proposal: ProposalFacts


@dataclass
class World:
    users: list[Principal] = field(default_factory=list)
    documents: list[DocumentRef] = field(default_factory=list)
    cases: list[CaseRef] = field(default_factory=list)
    events: list[EventRef] = field(default_factory=list)
    vettings: list[VettingRef] = field(default_factory=list)
    meetings: list[MeetingRef] = field(default_factory=list)
    follow_ups: list[MeetingRef] = field(default_factory=list)
    plans: list[PlanRef] = field(default_factory=list)
    plan_overlaps: list[PlanRef] = field(default_factory=list)
    proposals: list[ProposalRef] = field(default_factory=list)

    def vetting_answers(self) -> list[VettingRef]:
        return [
            VettingRef(f"{ref.key}:{body}", ref.id, replace(ref.vetting, answerer=body))
            for ref in self.vettings
            for body in sorted(ref.vetting.asked)
        ]


def _document_specs() -> Iterator[tuple[str, tuple, str, bool]]:
    """(name, how it reaches bodies, level, is an unregistered letter) of each document."""
    for (key, spec), level in itertools.product(SHARING.items(), CONFIDENTIALITY):
        yield f"{key}-{level}", spec, level, False
    for (key, spec), level in itertools.product(LETTERS.items(), CONFIDENTIALITY[1:]):
        yield f"{key}-{level}", spec, level, True


def _user_specs() -> list[tuple[str, tuple[str, ...], str, str, bool]]:
    specs = [
        (f"{role}-{body}-{level}".replace("_", ""), (role,), body, level, True)
        for role, body, level in itertools.product(ROLES, BODIES, CONFIDENTIALITY)
    ]
    specs.append(("officerauditor-thanhtra-mat", ("officer", "auditor"), "thanh_tra", "mat", True))
    specs.append(("inactive-leader-noichinh", ("leader",), "noi_chinh", "tuyet_mat", False))
    return specs


def build(db: Database) -> World:
    world = World()
    password_hash = accounts.hash_password(PASSWORD)  # one hash: creating 74 is slow enough
    with db.session() as session:
        agencies = {a.code: a for a in session.scalars(select(Agency))}
        for username, roles, body, level, active in _user_specs():
            user = User(
                username=username, agency=agencies[body], roles=list(roles), clearance=level,
                active=active, password_hash=password_hash,
                password_changed_at=utcnow(),
            )  # fmt: skip
            if "administrator" in roles:
                user.totp_secret = pyotp.random_base32()
            session.add(user)
            session.flush()
            _, raw = tokens.issue(session, user, "matrix", scope="read_write")
            victim, _ = tokens.issue(session, user, "victim", scope="read")
            facts = UserFacts(frozenset(roles), body, level, active)
            world.users.append(
                Principal(username, user.id, username, facts, raw, victim.id, user.totp_secret)
            )

        cases: dict[str, Case] = {}
        for code, facts in CASES.items():
            case = Case(
                code=code, title=f"Vụ việc {code}", confidentiality=facts.level,
                lead_agency=agencies[facts.lead],
                agencies=[agencies[c] for c in sorted(facts.coordinating)],
                monitoring_level="bcd_tinh" if facts.monitored else None,
            )  # fmt: skip
            session.add(case)
            session.flush()
            cases[code] = case
            world.cases.append(CaseRef(code, case.id, facts))

        # One proposal of each case, by its lead body (the monitored case's by the other body).
        for code, facts in CASES.items():
            proposal = Proposal(
                case_id=cases[code].id, agency_id=agencies[facts.lead].id, level="bcd_tinh",
                reasons=f"Đề nghị {code}",
            )  # fmt: skip
            session.add(proposal)
            session.flush()
            world.proposals.append(
                ProposalRef(f"proposal-{code}", proposal.id, ProposalFacts(facts.lead, facts))
            )

        for name, spec, level, letter in _document_specs():
            owner, shared, shared_all, attached, suggested = spec
            document = Document(
                sha256=f"{len(world.documents):064x}", size=1, filename=f"{name}.txt",
                status="parsed", kind="txt", confidentiality=level,
                doc_type=DENUNCIATION_LETTER if letter else None,
                owner_agency=agencies[owner], shared_all=shared_all,
                shared_with=[agencies[code] for code in shared], subject=f"Ma trận {name}",
                pages=[DocumentPage(page_no=1, text=f"matran {name}", original=f"matran {name}")],
            )  # fmt: skip
            session.add(document)
            session.flush()
            for code in attached:
                session.add(CaseDocument(case_id=cases[code].id, document_id=document.id))
            for code in suggested:
                session.add(
                    CaseDocument(case_id=cases[code].id, document_id=document.id, state="suggested")
                )
            facts = DocFacts(
                owner=owner, level=level, shared=frozenset(shared), shared_all=shared_all,
                cases=tuple(CASES[code] for code in attached), letter=letter,
            )  # fmt: skip
            world.documents.append(DocumentRef(name, document.id, facts))

        for key, (asker, asked, level) in VETTINGS.items():
            request = VettingRequest(
                from_agency=agencies[asker], cadre_name=f"Cán bộ {key}",
                birth_date=date(1970, 1, 1), due_date=date.today() + timedelta(days=30),
                confidentiality=level,
                answers=[
                    VettingAnswer(agency_id=agencies[code].id, text=f"Dự thảo {key} {code}")
                    for code in asked
                ],
            )  # fmt: skip
            session.add(request)
            session.flush()
            facts = VettingFacts(asker, frozenset(asked), level)
            world.vettings.append(VettingRef(key, request.id, facts))

        for key, (invited, level, assigned) in MEETINGS.items():
            meeting = Meeting(
                title=f"Giao ban {key}", held_on=date.today(), period_start=date.today(),
                period_end=date.today(), confidentiality=level, status="held",
                chair_agency=agencies["noi_chinh"],
                bodies=[MeetingBody(agency_id=agencies[code].id) for code in invited],
            )  # fmt: skip
            session.add(meeting)
            session.flush()
            world.meetings.append(
                MeetingRef(key, meeting.id, MeetingFacts(frozenset(invited), level))
            )
            for code in assigned:
                task = FollowUp(
                    meeting=meeting, agency_id=agencies[code].id, task=f"Nhiệm vụ {key} {code}",
                    due_date=date.today() + timedelta(days=10),
                )  # fmt: skip
                session.add(task)
                session.flush()
                facts = MeetingFacts(frozenset(invited), level, code)
                world.follow_ups.append(MeetingRef(f"{key}:{code}", task.id, facts))

        items = {}
        for key, (owner, level) in PLANS.items():
            item = PlanItem(
                agency_id=agencies[owner].id, year=2030, unit_name="Sở Xây dựng",
                unit_key="so xay dung", subject=f"Nội dung {key}", subject_key=key,
                period_start=date(2030, 3, 1), period_end=date(2030, 5, 31),
                confidentiality=level,
            )  # fmt: skip
            session.add(item)
            session.flush()
            items[key] = item
            world.plans.append(PlanRef(key, item.id, PlanFacts(owner, level)))
        for a, b in itertools.combinations(PLANS, 2):
            first, second = sorted((items[a].id, items[b].id))
            overlap = PlanOverlap(first_id=first, second_id=second, reason="unit")
            session.add(overlap)
            session.flush()
            level = max(PLANS[a][1], PLANS[b][1], key=CONFIDENTIALITY.index)
            world.plan_overlaps.append(PlanRef(f"{a}+{b}", overlap.id, PlanFacts("", level)))

        # The log inherits each object's level: one view event per document, by its owner's
        # staff, and one account event per body.
        for ref in world.documents:
            event = AuditEvent(
                username="someone", agency_code=ref.facts.owner, action="document.view",
                object_type="document", object_id=str(ref.id), level=ref.facts.level,
                outcome=WORLD_OUTCOME,
            )  # fmt: skip
            session.add(event)
            session.flush()
            world.events.append(
                EventRef(
                    f"view-{ref.key}", event.id, EventFacts(ref.facts.owner, ref.facts.level, False)
                )
            )
        for body in (*BODIES, OTHER):
            event = AuditEvent(
                username=f"login-{body}",
                agency_code=body,
                action="login",
                object_type="user",
                outcome=WORLD_OUTCOME,
            )
            session.add(event)
            session.flush()
            world.events.append(
                EventRef(f"login-{body}", event.id, EventFacts(body, "thuong", True))
            )
    return world
