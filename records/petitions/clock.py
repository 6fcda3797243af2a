"""The clock of a petition: which rule governs each state, and its due date.

On entering a state the petition's due date is computed from the rule of that state
(docs/domain.md §2.3–2.4), in the version in force for the petition, with the petition's remote
and complex variants and its extensions. States of one stage share a clock (accepting, then
verifying, then a dialogue all run against the resolution limit from the acceptance).

A suspension pauses the clock: the units run until the suspension day are kept in
``clock_used``; the decision to continue becomes the new anchor and the rest of the period
runs from the day after it (ND 124/2020 Art. 28b(2) as added by ND 155/2026; LTC Art. 34(2)).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from records.deadlines import Deadline, NoRuleInForce, Rule, compute, rule_for_petition
from records.models import Petition
from records.petitions.codes import Channel, Kind, State
from records.petitions.context import Context

_ACCEPTED_STAGE = (State.ACCEPTED, State.VERIFYING, State.DIALOGUE, State.EXTENDED)


def rule_id_for(petition: Petition, state: str) -> str | None:
    """The rule whose clock runs while ``petition`` is in ``state``.

    A denunciation with a parent is a further denunciation of a resolved one (T6); a
    complaint with a parent is a second complaint (K2, then K5).
    """
    kind = petition.kind
    if state in (State.RECEIVED, State.TRIAGE):
        if kind == Kind.COMPLAINT:
            return "K2"
        if kind == Kind.DENUNCIATION:
            return "T6" if petition.parent_id is not None else "T1"
        return "R1" if petition.channel == Channel.IN_PERSON else None
    if state in _ACCEPTED_STAGE:
        if kind == Kind.COMPLAINT:
            return "K3" if petition.complaint_round == 1 else "K5"
        if kind == Kind.DENUNCIATION:
            return "T4"
        return None
    if state == State.DECIDED:
        return "K4"
    if state == State.CONCLUDED:
        return "T5"
    if state == State.TO_INVESTIGATION:
        return "H1"
    return None


def _anchor(petition: Petition, state: str, event_on: date) -> date:
    if state in (State.RECEIVED, State.TRIAGE):
        return petition.received_on
    if state in _ACCEPTED_STAGE and petition.accepted_on is not None:
        return petition.accepted_on
    return event_on


def _deadline(petition: Petition, rule: Rule, anchor: date, used: int, ctx: Context) -> Deadline:
    extension_units = petition.extension_days if rule.max_extensions else 0
    return compute(
        rule,
        anchor,
        ctx.calendar,
        remote=petition.is_remote,
        complex_=petition.is_complex,
        used=used,
        extension_units=extension_units,
    )


def _store(petition: Petition, deadline: Deadline | None) -> None:
    if deadline is None:
        petition.due_on = None
        petition.due_rule = None
        petition.due_rule_from = None
        petition.clock_anchor = None
        petition.clock_used = 0
        petition.calendar_version = None
        petition.overdue = False
        return
    petition.due_on = deadline.due_on
    petition.due_rule = deadline.rule.id
    petition.due_rule_from = deadline.rule.effective_from
    petition.clock_anchor = deadline.anchor
    petition.clock_used = deadline.used
    petition.calendar_version = deadline.calendar_version
    petition.overdue = False


def enter_state(petition: Petition, state: str, event_on: date, ctx: Context) -> Deadline | None:
    """Start (or carry on) the clock of ``state``; store and return the deadline."""
    rule_id = rule_id_for(petition, state)
    if rule_id is None:
        _store(petition, None)
        return None
    try:
        rule = rule_for_petition(rule_id, petition.received_on, event_on)
    except NoRuleInForce:
        _store(petition, None)
        return None
    if petition.due_rule == rule_id and petition.clock_anchor is not None:
        # The same clock carries on (verifying after accepting, a second extension, or any
        # step after a resumption): keep its anchor and the time it already used.
        anchor, used = petition.clock_anchor, petition.clock_used
    else:
        anchor, used = _anchor(petition, state, event_on), 0
    deadline = _deadline(petition, rule, anchor, used, ctx)
    _store(petition, deadline)
    return deadline


def current_rule(petition: Petition, event_on: date) -> Rule | None:
    if petition.due_rule is None:
        return None
    try:
        return rule_for_petition(petition.due_rule, petition.received_on, event_on)
    except NoRuleInForce:
        return None


def recompute(petition: Petition, ctx: Context) -> Deadline | None:
    """Recompute the running deadline (flags, extensions or the calendar changed)."""
    if petition.due_rule is None or petition.clock_anchor is None:
        return None
    rule = current_rule(petition, petition.clock_anchor)
    if rule is None:
        return None
    deadline = _deadline(petition, rule, petition.clock_anchor, petition.clock_used, ctx)
    overdue = petition.overdue and deadline.due_on < ctx.today
    _store(petition, deadline)
    petition.overdue = overdue
    return deadline


def pause(petition: Petition, on: date, ctx: Context) -> int:
    """Stop the clock at the end of ``on``; return the units used so far."""
    rule = current_rule(petition, on)
    if rule is not None and petition.clock_anchor is not None:
        petition.clock_used += ctx.calendar.units_between(petition.clock_anchor, on, rule.unit)
    petition.due_on = None
    petition.overdue = False
    return petition.clock_used


def resume(petition: Petition, on: date, ctx: Context) -> Deadline | None:
    """Restart a paused clock from the decision to continue, dated ``on``."""
    if petition.due_rule is None:
        return None
    rule = current_rule(petition, on)
    if rule is None:
        return None
    deadline = _deadline(petition, rule, on, petition.clock_used, ctx)
    _store(petition, deadline)
    return deadline


@dataclass(frozen=True)
class Reminder:
    """A secondary limit shown next to the main deadline (not tracked by the sweep)."""

    rule: Rule
    due_on: date


def _reminder(
    petition: Petition, rule_id: str, anchor: date | None, ctx: Context
) -> Reminder | None:
    if anchor is None:
        return None
    try:
        rule = rule_for_petition(rule_id, petition.received_on, anchor)
    except NoRuleInForce:
        return None
    return Reminder(rule, ctx.calendar.end_of_period(anchor, rule.limit, rule.unit))


def reminders(
    petition: Petition, ctx: Context, *, suspended_on: date | None = None
) -> list[Reminder]:
    """The other limits that apply to the petition now (T2, T3, T8, R1, R2, K7/TS)."""
    state = petition.state
    wanted: list[tuple[str, date | None]] = []
    early = state in (State.RECEIVED, State.TRIAGE)
    if early and petition.kind == Kind.DENUNCIATION:
        wanted.append(("T2", petition.received_on))
    if (
        early
        and petition.channel == Channel.IN_PERSON
        and petition.kind
        in (
            Kind.COMPLAINT,
            Kind.DENUNCIATION,
        )
    ):
        wanted.append(("R1", petition.received_on))
    if state == State.ACCEPTED and petition.kind == Kind.DENUNCIATION:
        wanted.append(("T3", petition.accepted_on))
    if petition.kind == Kind.DENUNCIATION and petition.channel in (
        Channel.AUTHORITY,
        Channel.PRESS,
    ):
        wanted.append(("T8", petition.received_on))
    if petition.channel == Channel.DEPUTY and petition.closed_on is not None:
        wanted.append(("R2", petition.closed_on))
    if state == State.SUSPENDED:
        wanted.append(("K7" if petition.kind == Kind.COMPLAINT else "TS", suspended_on))
    found = (_reminder(petition, rule_id, anchor, ctx) for rule_id, anchor in wanted)
    return [reminder for reminder in found if reminder is not None]
