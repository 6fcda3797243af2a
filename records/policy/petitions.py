"""Who may see and handle a petition, and who may know who sent it.

- **See**: users of the receiving body (the owner) and of the body the petition was routed
  to (forwarded, sent to the UBKT or the investigators), within their clearance.
- **Register**: as for documents (``records.policy.documents.can_register``): staff for
  their own body; administrators for any body (bulk import of an existing register).
- **Handle**: steps are taken by the owner body. Registry steps (triage, forward, guide,
  file, merge...) by clerks, officers and leaders; steps that record a decision of the head
  (accept, reject, decide, extend, conclude, suspend...) by officers and leaders.
- **Identity** (LTC Art. 56: a denouncer's name, address and other identifying data are
  kept secret): for a denunciation only the owner body's leaders and the officer assigned
  to handle it; for other kinds the owner body's leaders, officers and clerks. Nobody else —
  administrators included — and no copy given to verifiers.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, false, or_, true

from records.codes import clearance_rank, levels_up_to
from records.models import Agency, Petition, User
from records.policy.actions import Action
from records.policy.documents import can_register

READER_ROLES = ("administrator", "leader", "officer", "clerk", "viewer")
RECORD_ROLES = ("leader", "officer", "clerk")
DECISION_ROLES = ("leader", "officer")

#: Steps that record a decision of the head of the body; every other step is a registry step.
DECISION_ACTIONS = frozenset(
    {
        "accept",
        "reject",
        "decide",
        "extend",
        "conclude",
        "handle",
        "suspend",
        "resume",
        "terminate",
        "to_investigation",
        "record_outcome",
        "set_flags",
        "assign",
    }
)

#: Giving a petition its handler lets the handler know a denouncer (``may_see_identity``):
#: the act of the head of the receiving body (LTC Art. 28-29), never one's own choice.
ASSIGN_ROLES = ("leader",)
ASSIGN_ACTIONS = frozenset({"assign"})

DENUNCIATION = "to_cao"
#: A denunciation's identity-bearing documents are classified at least MẬT (LTC Art. 56;
#: Luật BVBMNN Art. 8 lists complaints and denunciations among the classifiable subjects).
DENUNCIATION_LETTER_LEVEL = "mat"


def _active(user: User, roles: tuple[str, ...]) -> bool:
    return user.active and user.has_role(*roles)


def _cleared(user: User, petition: Petition) -> bool:
    return clearance_rank(user.clearance) >= clearance_rank(petition.confidentiality)


def can_petition(user: User, action: Action, petition: Petition) -> bool:
    """SEE: read the petition (not the petitioners); EDIT: take steps on it; DOWNLOAD: make
    the redacted copy given to verifiers."""
    if not (_active(user, READER_ROLES) and _cleared(user, petition)):
        return False
    owner = user.agency_id == petition.owner_agency_id
    if action is Action.SEE:
        return owner or user.agency_id == petition.routed_to_agency_id
    if action is Action.EDIT:
        return owner and user.has_role(*RECORD_ROLES)
    if action is Action.DOWNLOAD:
        return owner and user.has_role(*DECISION_ROLES)
    return False


def can_transition(user: User, petition: Petition, action: str) -> bool:
    """May ``user`` take the step ``action`` (a state-machine action name) on ``petition``?"""
    if not can_petition(user, Action.EDIT, petition):
        return False
    return user.has_role(*transition_roles(action))


def can_assign_handler(user: User, petition: Petition) -> bool:
    """May ``user`` choose who handles ``petition`` (the assign step, or verify with a
    handler)? A leader of the receiving body."""
    return can_petition(user, Action.EDIT, petition) and user.has_role(*ASSIGN_ROLES)


def transition_roles(action: str) -> tuple[str, ...]:
    """The roles a step needs (for the refusal message)."""
    if action in ASSIGN_ACTIONS:
        return ASSIGN_ROLES
    return DECISION_ROLES if action in DECISION_ACTIONS else RECORD_ROLES


def may_see_identity(user: User, petition: Petition) -> bool:
    if not can_petition(user, Action.SEE, petition):
        return False
    if user.agency_id != petition.owner_agency_id:
        return False
    if petition.kind == DENUNCIATION:
        return user.has_role("leader") or (
            petition.handler_id is not None and petition.handler_id == user.id
        )
    return user.has_role("leader", "officer", "clerk")


def can_register_petition(user: User, agency: Agency, confidentiality: str = "thuong") -> bool:
    """Registering a petition is registering its letter: the rule of documents."""
    return can_register(user, agency, confidentiality)


def letter_confidentiality(kind: str, confidentiality: str) -> str:
    """The level a petition's letter and attachments are stored with."""
    if kind == DENUNCIATION and clearance_rank(confidentiality) < clearance_rank(
        DENUNCIATION_LETTER_LEVEL
    ):
        return DENUNCIATION_LETTER_LEVEL
    return confidentiality


def petition_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the petitions ``user`` may see."""
    if not _active(user, READER_ROLES):
        return false()
    return and_(
        Petition.confidentiality.in_(levels_up_to(user.clearance)),
        or_(
            Petition.owner_agency_id == user.agency_id,
            Petition.routed_to_agency_id == user.agency_id,
        ),
    )


def identity_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting the petitions whose petitioners ``user`` may know (the SQL
    form of :func:`may_see_identity`, e.g. to search petitions by a petitioner's name)."""
    if not _active(user, ("leader", "officer", "clerk")):
        return false()
    kinds = (
        true()
        if user.has_role("leader")
        else or_(Petition.kind != DENUNCIATION, Petition.handler_id == user.id)
    )
    return and_(petition_clause(user), Petition.owner_agency_id == user.agency_id, kinds)
