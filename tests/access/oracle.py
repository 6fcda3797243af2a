"""An oracle of who sees a document, written from docs/access-policy.md (not from
records.policy): plain facts about people, documents, cases and petitions, and what each
visibility-changing action is allowed to do to them.

Used by test_visibility_properties, which drives random sequences of those actions through
the REST API and compares every user's view of every document with this model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("thuong", "mat", "toi_mat", "tuyet_mat")


def rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass(frozen=True)
class Person:
    key: str
    body: str
    role: str
    clearance: str


@dataclass
class CaseFacts:
    lead: str
    coordinating: frozenset[str]
    level: str = "thuong"

    @property
    def bodies(self) -> frozenset[str]:
        return self.coordinating | {self.lead}


@dataclass
class DocFacts:
    owner: str
    level: str
    shared: frozenset[str] = frozenset()
    cases: set[int] = field(default_factory=set)
    #: Petitions (denunciations) the document is linked to. Each names the letter's
    #: denouncer among its petitioners (the property test registers them so), so linking
    #: one registers a letter; an anonymous petition or one naming someone else does not
    #: ("Recognised denunciations"; tests/access/test_letter_release.py).
    petitions: set[int] = field(default_factory=set)
    #: Typed as a denunciation letter (Đơn tố cáo), by parsing or by a correction.
    letter: bool = False

    @property
    def unregistered_letter(self) -> bool:
        """ "Recognised denunciations": a letter no petition naming its denouncer links yet."""
        return self.letter and not self.petitions


@dataclass
class PetitionFacts:
    owner: str
    handler: str | None = None
    level: str = "thuong"


@dataclass
class Model:
    cases: dict[int, CaseFacts] = field(default_factory=dict)
    documents: dict[int, DocFacts] = field(default_factory=dict)
    petitions: dict[int, PetitionFacts] = field(default_factory=dict)

    # -- "Terms used in the tables" ---------------------------------------------------------
    def takes_part(self, person: Person, case: CaseFacts) -> bool:
        return rank(person.clearance) >= rank(case.level) and person.body in case.bodies

    def reach(self, doc: DocFacts) -> set[str]:
        """The bodies that see the document, clearance aside."""
        bodies = {doc.owner, *doc.shared}
        for case_id in doc.cases:
            bodies |= self.cases[case_id].bodies
        return bodies

    def visible(self, person: Person, doc: DocFacts) -> bool:
        if rank(person.clearance) < rank(doc.level):
            return False
        if person.body == doc.owner or person.body in doc.shared:
            return True
        return any(self.takes_part(person, self.cases[c]) for c in doc.cases)

    def owner(self, person: Person, doc: DocFacts) -> bool:
        return self.visible(person, doc) and person.body == doc.owner

    # -- the document table -------------------------------------------------------------------
    def may_share(self, person: Person, doc: DocFacts, level: str | None = None) -> bool:
        level = level or doc.level
        if not self.owner(person, doc) or rank(person.clearance) < rank(level):
            return False
        if doc.unregistered_letter:
            return False
        return person.role == "leader" or (person.role == "officer" and level == "thuong")

    def may_edit(self, person: Person, doc: DocFacts) -> bool:
        return self.owner(person, doc) and person.role in ("leader", "officer", "clerk")

    def handles(self, person: Person, doc: DocFacts) -> bool:
        """May read the document unmasked: handles every denunciation it is linked to."""
        return all(
            person.body == self.petitions[p].owner
            and rank(person.clearance) >= rank(self.petitions[p].level)
            and (person.role == "leader" or self.petitions[p].handler == person.key)
            for p in doc.petitions
        )

    # -- the actions ----------------------------------------------------------------------------
    def may_upload(self, person: Person, level: str, shared: frozenset[str]) -> bool:
        if person.role not in ("leader", "officer", "clerk"):
            return False
        if rank(level) > rank(person.clearance):
            return False
        if shared:
            return person.role == "leader" or (person.role == "officer" and level == "thuong")
        return True

    def may_attach(self, person: Person, case: CaseFacts, doc: DocFacts) -> bool:
        """ "Attaching to a case": contribute; share the document, or lead the case and reach
        no new body."""
        contributes = self.takes_part(person, case) and person.role in (
            "leader",
            "officer",
            "clerk",
        )
        if not contributes or not self.visible(person, doc):
            return False
        if doc.unregistered_letter and case.bodies - {doc.owner}:
            return False
        if self.may_share(person, doc):
            return True
        leads = person.body == case.lead and person.role in ("leader", "officer")
        return leads and case.bodies <= self.reach(doc)

    def may_detach(self, person: Person, case: CaseFacts, doc: DocFacts) -> bool:
        if not self.visible(person, doc) or rank(person.clearance) < rank(case.level):
            return False
        if person.body == case.lead and person.role in ("leader", "officer"):
            return True
        return (
            self.takes_part(person, case)
            and person.body == doc.owner
            and person.role in ("leader", "officer", "clerk")
        )

    def may_change_level(self, person: Person, doc: DocFacts, level: str) -> bool:
        if not self.may_edit(person, doc) or rank(level) > rank(person.clearance):
            return False
        return rank(level) >= rank(doc.level) or person.role == "leader"

    def change_level(self, person: Person, doc: DocFacts, level: str) -> None:
        rising = rank(level) > rank(doc.level)
        doc.level = level
        if rising and not self.may_share(person, doc):
            doc.shared = frozenset()
        self.keep_home(doc)

    # -- "Recognised denunciations" -------------------------------------------------------------
    def recognise(self, doc: DocFacts) -> None:
        """A person (or parsing) types the document as a denunciation letter."""
        doc.letter = True
        self.keep_home(doc)

    def keep_home(self, doc: DocFacts) -> None:
        """An unregistered letter is at least MẬT, shared with no body and attached to no
        case of another body."""
        if not doc.unregistered_letter:
            return
        doc.level = max(doc.level, "mat", key=rank)
        doc.shared = frozenset()
        doc.cases = {c for c in doc.cases if self.cases[c].bodies <= {doc.owner}}

    def may_link(self, person: Person, doc: DocFacts) -> bool:
        return self.visible(person, doc) and doc.owner == person.body

    def may_assign(self, person: Person, petition: PetitionFacts) -> bool:
        return (
            person.body == petition.owner
            and person.role == "leader"
            and rank(person.clearance) >= rank(petition.level)
        )
