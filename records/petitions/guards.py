"""The checks every step passes before its own: the petition's kind, its state, then the
user's role (through ``records.policy``); and the steps a user may be offered now."""

from __future__ import annotations

from datetime import date

from records.errors import RuleError
from records.models import Petition, User
from records.petitions.codes import KIND_LABELS, STATE_LABELS, Kind, State
from records.petitions.step import ROLE_LABELS, ROLE_REFUSED, Transition, refuse
from records.petitions.transitions import HIDDEN_ACTIONS, TRANSITIONS
from records.policy import can_transition
from records.policy.petitions import transition_roles


def _state_list(states: frozenset[str]) -> list[str]:
    order = list(State)
    return [STATE_LABELS[State(state)] for state in sorted(states, key=order.index)]


def check_allowed(user: User, petition: Petition, transition: Transition) -> None:
    """The generic checks: kind, state, then role. Raise a RuleError."""
    if petition.kind not in transition.sources:
        raise refuse(
            "petition.kind_not_applicable",
            action=transition.label,
            kind=KIND_LABELS[Kind(petition.kind)],
        )
    allowed = transition.sources[petition.kind]
    if petition.state not in allowed:
        raise refuse(
            "petition.state_not_allowed",
            action=transition.label,
            state=STATE_LABELS[State(petition.state)],
            allowed=_state_list(allowed),
        )
    if not can_transition(user, petition, transition.action):
        raise refuse(
            ROLE_REFUSED,
            action=transition.label,
            roles=[ROLE_LABELS[role] for role in transition_roles(transition.action)],
        )


def available(user: User, petition: Petition, today: date | None = None) -> list[Transition]:
    """The steps ``user`` may offer on ``petition`` now (guards are checked on submit)."""
    found = []
    for transition in TRANSITIONS:
        if transition.action in HIDDEN_ACTIONS:
            continue
        if transition.offered and today and not transition.offered(petition, today):
            continue
        try:
            check_allowed(user, petition, transition)
        except RuleError:
            continue
        found.append(transition)
    return found
