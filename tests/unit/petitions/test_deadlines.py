"""Worked examples of the legal deadlines, across Tết, 30/4–1/5, 2/9, weekends and swapped
days, before and after 01/07/2026. The article is cited next to each example.

Day counting: BLDS Art. 147(3) (the day of the event is not counted) and Art. 148(5) (a
calendar-day period ending on a day off ends on the next working day).
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from records.calendar import DayOverride, WorkingCalendar
from records.deadlines import RULES, DueStatus, NoRuleInForce, compute, due_status, rule_for
from records.deadlines.rules import rule_for_petition
from records.models import Petition
from records.petitions import clock
from records.petitions.codes import Channel, State
from records.petitions.context import Context

CAL = WorkingCalendar()


def due(rule_id: str, event: date, *, received: date | None = None, **variant: object) -> date:
    rule = rule_for_petition(rule_id, received or event, event)
    return compute(rule, event, CAL, **variant).due_on


# -- K2: accepting a complaint --------------------------------------------------------------
def test_k2_before_2026_ten_working_days_across_tet() -> None:
    # LKN Art. 27; TT 07/2013/TT-TTCP Art. 5(1) as amended by TT 02/2016: 10 working days.
    # Received Wed 11/02/2026: 12, 13/02, then Tết and two weekends (14–22/02), then
    # 23, 24, 25, 26, 27/02, 02, 03, 04/03 -> 04/03/2026.
    assert due("K2", date(2026, 2, 11)) == date(2026, 3, 4)


def test_k2_from_2026_seven_working_days_across_2_9() -> None:
    # ND 124/2020 Art. 16(1) as amended by ND 155/2026 Art. 10: 07 working days.
    # Received Fri 28/08/2026: 29–30/08 weekend, 31/08 swapped day off, 01–02/09 National
    # Day; then 03, 04, 07, 08, 09, 10, 11/09 -> 11/09/2026.
    assert due("K2", date(2026, 8, 28)) == date(2026, 9, 11)


def test_k2_version_follows_the_day_received() -> None:
    # Received Tue 30/06/2026 (old rule, 10 WD) -> 14/07/2026; received Wed 01/07/2026
    # (ND 155/2026, 7 WD) -> 10/07/2026: the later petition is due earlier.
    assert rule_for("K2", date(2026, 6, 30)).limit == 10
    assert rule_for("K2", date(2026, 7, 1)).limit == 7
    assert due("K2", date(2026, 6, 30)) == date(2026, 7, 14)
    assert due("K2", date(2026, 7, 1)) == date(2026, 7, 10)


def test_k2_counts_the_saturday_worked_in_exchange() -> None:
    # ND 155/2026 Art. 10 (7 WD). Received Fri 21/08/2026: Sat 22/08 is worked in exchange
    # for Mon 31/08 (1), 24, 25, 26, 27, 28/08 (2–6), 03/09 (7) -> 03/09/2026.
    assert due("K2", date(2026, 8, 21)) == date(2026, 9, 3)


def test_k2_across_2_9_2027() -> None:
    # ND 155/2026 Art. 10 (7 WD). Received Tue 31/08/2027: 01/09 (1), 02–03/09 National
    # Day, weekend, 06, 07, 08, 09, 10, 13/09 (2–7) -> 13/09/2027.
    assert due("K2", date(2027, 8, 31)) == date(2027, 9, 13)


# -- K3, K4, K5: resolving first and second complaints -------------------------------------
def test_k3_first_complaint_base_complex_remote() -> None:
    # LKN Art. 28: 30 days from acceptance; complex ≤45; remote areas 45; remote complex ≤60.
    accepted = date(2026, 1, 19)
    # 30 days -> Wed 18/02/2026, a Tết day -> next working day Mon 23/02 (BLDS Art. 148(5)).
    assert due("K3", accepted) == date(2026, 2, 23)
    assert due("K3", accepted, complex_=True) == date(2026, 3, 5)
    assert due("K3", accepted, remote=True) == date(2026, 3, 5)
    assert due("K3", accepted, remote=True, complex_=True) == date(2026, 3, 20)


def test_k5_second_complaint_across_30_4_and_1_5() -> None:
    # LKN Art. 37: 45 days; complex ≤60; remote 60; remote complex ≤70.
    accepted = date(2026, 3, 16)
    # 45 days -> Thu 30/04/2026 (holiday), 01/05 holiday, weekend -> Mon 04/05/2026.
    assert due("K5", accepted) == date(2026, 5, 4)
    assert due("K5", accepted, complex_=True) == date(2026, 5, 15)
    assert due("K5", accepted, remote=True) == date(2026, 5, 15)
    assert due("K5", accepted, remote=True, complex_=True) == date(2026, 5, 25)


def test_k4_window_for_a_second_complaint_remote_area() -> None:
    # LKN Art. 33(1): 30 days from the first decision, remote areas up to 45.
    # Decision Mon 03/08/2026: 30 days -> Wed 02/09 (National Day) -> Thu 03/09/2026.
    assert due("K4", date(2026, 8, 3)) == date(2026, 9, 3)
    assert due("K4", date(2026, 8, 3), remote=True) == date(2026, 9, 17)


# -- T1, T4: denunciations ------------------------------------------------------------------
def test_t1_initial_processing_across_30_4() -> None:
    # LTC Art. 24(1): 07 WD, up to 10 WD when several sites must be checked.
    # Received Tue 28/04/2026: 29/04 (1), 30/04–03/05 off, 04–08/05 (2–6), 11/05 (7).
    assert due("T1", date(2026, 4, 28)) == date(2026, 5, 11)
    assert due("T1", date(2026, 4, 28), complex_=True) == date(2026, 5, 14)


def test_t4_resolution_with_one_and_two_extensions_across_tet_2027() -> None:
    # LTC Art. 30(1): 30 days from acceptance; (2) complex: one extension ≤30 days;
    # (3) especially complex: two extensions of ≤30 days each.
    accepted = date(2027, 1, 6)
    rule = rule_for("T4", accepted)
    assert (rule.max_extensions, rule.extension_limit) == (2, 30)
    # 30 days -> Fri 05/02/2027, Tết (04–10/02) -> Thu 11/02/2027.
    assert due("T4", accepted) == date(2027, 2, 11)
    # One extension of 30 days: 60 days -> Sun 07/03/2027 -> Mon 08/03/2027.
    assert due("T4", accepted, extension_units=30) == date(2027, 3, 8)
    # Two extensions: 90 days -> Tue 06/04/2027.
    assert due("T4", accepted, extension_units=60) == date(2027, 4, 6)


def test_announced_swap_in_the_editable_table_changes_the_deadline() -> None:
    # LTC Art. 24(1), 7 WD, received Thu 28/01/2027. With the package's calendar:
    # 29/01, 01–03/02, Tết 04–10/02, 11, 12, 15/02 -> 15/02/2027. After an administrator
    # records "Saturday 30/01/2027 is worked in exchange", it counts: -> 12/02/2027.
    assert due("T1", date(2027, 1, 28)) == date(2027, 2, 15)
    announced = WorkingCalendar([DayOverride(date(2027, 1, 30), True, "Làm bù")])
    deadline = compute(rule_for("T1", date(2027, 1, 28)), date(2027, 1, 28), announced)
    assert deadline.due_on == date(2027, 2, 12)
    assert deadline.calendar_version == announced.version != CAL.version


# -- K7: suspension and resumption ----------------------------------------------------------
def _petition(**values: object) -> Petition:
    defaults = dict(
        id=1,
        kind="khieu_nai",
        complaint_round=1,
        received_on=date(2026, 7, 1),
        channel=Channel.POST,
        is_remote=False,
        is_complex=False,
        clock_used=0,
        extensions=0,
        extension_days=0,
        overdue=False,
        state=State.RECEIVED,
        parent_id=None,
        accepted_on=None,
        closed_on=None,
        due_rule=None,
        clock_anchor=None,
    )
    defaults.update(values)
    return Petition(**defaults)


def _ctx(today: date) -> Context:
    return Context(CAL, today, str.lower)


def test_k7_suspension_pauses_and_resumption_restarts_from_the_decision() -> None:
    # LKN Art. 28 (30 days) with ND 124/2020 Art. 28b(2) as added by ND 155/2026 Art. 12:
    # "the time limit continues to run from the decision to continue".
    petition = _petition(accepted_on=date(2026, 7, 6))
    clock.enter_state(petition, State.ACCEPTED, date(2026, 7, 6), _ctx(date(2026, 7, 6)))
    assert petition.due_on == date(2026, 8, 5)  # 30 days from Mon 06/07/2026
    # Suspended Fri 17/07/2026: 11 days (07–17/07) have run, 19 remain.
    assert clock.pause(petition, date(2026, 7, 17), _ctx(date(2026, 7, 17))) == 11
    assert petition.due_on is None
    # Resumed by a decision of Mon 03/08/2026: 19 days -> Sat 22/08/2026, a Saturday worked
    # in exchange for 31/08, so a working day: the period ends then (BLDS Art. 148(5)).
    clock.resume(petition, date(2026, 8, 3), _ctx(date(2026, 8, 3)))
    assert petition.due_on == date(2026, 8, 22)
    # The later steps of the same stage keep the resumed clock.
    petition.state = State.VERIFYING
    clock.enter_state(petition, State.DIALOGUE, date(2026, 8, 10), _ctx(date(2026, 8, 10)))
    assert petition.due_on == date(2026, 8, 22)


def test_k7_decision_to_suspend_is_sent_within_three_working_days() -> None:
    # ND 124/2020 Art. 28b(1) as added by ND 155/2026 Art. 12: 03 working days; the rule
    # applies to complaints under way on 01/07/2026 (ND 155/2026 Art. 22(1)).
    petition = _petition(
        received_on=date(2026, 6, 1), state=State.SUSPENDED, accepted_on=date(2026, 6, 5)
    )
    reminders = clock.reminders(petition, _ctx(date(2026, 7, 17)), suspended_on=date(2026, 7, 17))
    assert [(r.rule.id, r.due_on) for r in reminders] == [("K7", date(2026, 7, 22))]
    with pytest.raises(NoRuleInForce):
        rule_for_petition("K7", date(2026, 6, 1), date(2026, 6, 20))


def test_second_complaint_uses_k2_then_k5() -> None:
    # LKN Art. 36 (accept a second complaint) and Art. 37 (45 days to resolve it).
    petition = _petition(complaint_round=2, received_on=date(2026, 3, 6), parent_id=7)
    clock.enter_state(petition, State.RECEIVED, date(2026, 3, 6), _ctx(date(2026, 3, 6)))
    assert (petition.due_rule, petition.due_on) == ("K2", date(2026, 3, 20))  # 10 WD
    petition.accepted_on = date(2026, 3, 16)
    clock.enter_state(petition, State.ACCEPTED, date(2026, 3, 16), _ctx(date(2026, 3, 16)))
    assert (petition.due_rule, petition.due_on) == ("K5", date(2026, 5, 4))


def test_further_denunciation_is_reviewed_within_20_days() -> None:
    # LTC Art. 37(2): 20 days from receipt. Received Fri 21/08/2026 -> Thu 10/09/2026.
    petition = _petition(kind="to_cao", received_on=date(2026, 8, 21), parent_id=3)
    clock.enter_state(petition, State.RECEIVED, date(2026, 8, 21), _ctx(date(2026, 8, 21)))
    assert (petition.due_rule, petition.due_on) == ("T6", date(2026, 9, 10))


def test_transfer_to_investigators_answer_within_20_days() -> None:
    # BLTTHS Art. 147(1): the investigators decide within 20 days. 11/11/2026 -> 01/12/2026.
    assert due("H1", date(2026, 11, 11)) == date(2026, 12, 1)


def test_near_due_is_three_working_days_before() -> None:
    # docs/domain.md §2.4: warn 3 WD before. Due Mon 04/05/2026 -> near from Fri 24/04/2026
    # (29/04, 28/04, 24/04: 27/04 and 30/04–03/05 are days off).
    assert due_status(date(2026, 5, 4), date(2026, 4, 23), CAL) is DueStatus.OK
    assert due_status(date(2026, 5, 4), date(2026, 4, 24), CAL) is DueStatus.NEAR
    assert due_status(date(2026, 5, 4), date(2026, 5, 4), CAL) is DueStatus.NEAR
    assert due_status(date(2026, 5, 4), date(2026, 5, 5), CAL) is DueStatus.OVERDUE


def test_rule_table_is_consistent() -> None:
    by_id: dict[str, list] = {}
    for rule in RULES:
        by_id.setdefault(rule.id, []).append(rule)
        assert rule.basis and rule.title and rule.limit > 0
    expected = {f"K{n}" for n in range(1, 8)} | {f"T{n}" for n in range(1, 9)} | {"R1", "R2"}
    assert expected <= set(by_id)
    for versions in by_id.values():  # versions of one rule never overlap
        versions.sort(key=lambda r: r.effective_from)
        for earlier, later in itertools.pairwise(versions):
            assert earlier.effective_to is not None and earlier.effective_to <= later.effective_from
    with pytest.raises(NoRuleInForce):
        rule_for("T1", date(2018, 12, 31))  # before the Law on Denunciations 2018
