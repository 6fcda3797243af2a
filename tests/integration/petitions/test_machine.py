"""The petition state machine: every illegal step refused with its message, every legal step
recorded in the history and the audit log, and the guards of the law (docs/domain.md §2.4)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from records.errors import RuleError
from records.models import AuditEvent, Case, Petition, PetitionEvent, PetitionLink
from records.petitions import clock
from records.petitions.codes import Kind, State
from records.petitions.guards import available
from records.petitions.identity import PetitionerData
from records.petitions.machine import perform
from records.petitions.transitions import TRANSITIONS
from tests.integration.petitions.conftest import TODAY, World
from tests.support.petitions import document, make_user, petition

pytestmark = pytest.mark.services

KIND_REFUSED = "petition.kind_not_applicable"
STATE_REFUSED = "petition.state_not_allowed"
ROLE_REFUSED = "petition.role_refused"
ACCEPTED_STAGE = {State.ACCEPTED, State.VERIFYING, State.DIALOGUE, State.EXTENDED}


def _events(world: World, item: Petition) -> list[PetitionEvent]:
    return list(
        world.session.scalars(
            select(PetitionEvent)
            .where(PetitionEvent.petition_id == item.id)
            .order_by(PetitionEvent.id)
        )
    )


def _audits(world: World, item: Petition, action: str) -> list[AuditEvent]:
    return list(
        world.session.scalars(
            select(AuditEvent).where(
                AuditEvent.object_type == "petition",
                AuditEvent.object_id == str(item.id),
                AuditEvent.action == action,
            )
        )
    )


def test_every_illegal_transition_is_refused_with_its_message(world: World) -> None:
    refused = 0
    for kind in Kind:
        item = petition(world.session, world.leader, world.ctx, kind=kind, register_no=f"x-{kind}")
        history = len(_events(world, item))
        for state in State:
            item.state = state
            for transition in TRANSITIONS:
                allowed = transition.sources.get(kind)
                if allowed is not None and state in allowed:
                    continue
                with pytest.raises(RuleError) as refusal:
                    perform(world.session, world.leader, item, transition.action, {}, world.ctx)
                expected = KIND_REFUSED if allowed is None else STATE_REFUSED
                assert refusal.value.code == expected, (kind, state, transition.action)
                assert refusal.value.params["action"] == transition.label
                if allowed is not None:
                    assert refusal.value.params["state"] in refusal.value.message
                assert item.state == state
                refused += 1
        assert len(_events(world, item)) == history  # nothing recorded
    assert refused > 2000


def test_a_step_outside_ones_role_is_refused(world: World) -> None:
    item = petition(world.session, world.clerk, world.ctx)
    item.state = State.TRIAGE
    item.competent_self = True
    with pytest.raises(RuleError) as refusal:
        perform(world.session, world.clerk, item, "accept", {}, world.ctx)
    assert refusal.value.code == ROLE_REFUSED
    assert "lãnh đạo, chuyên viên" in refusal.value.message
    for user in (world.viewer, world.police):
        for transition in available(world.leader, item):
            with pytest.raises(RuleError) as refusal:
                perform(world.session, user, item, transition.action, {}, world.ctx)
            assert refusal.value.code == ROLE_REFUSED
    assert available(world.viewer, item) == []
    assert {t.action for t in available(world.clerk, item)} >= {"guide", "file", "merge"}
    assert "accept" not in {t.action for t in available(world.clerk, item)}


# -- every legal step -------------------------------------------------------------------------
def _prepare(world: World, kind: str, state: str, action: str) -> Petition:
    """A petition of ``kind`` in ``state``, with what ``action`` legally needs (built directly:
    registering is tested elsewhere)."""
    item = Petition(
        register_no=f"{kind}-{state}-{action}",
        kind=kind,
        summary=f"Nội dung riêng {kind} {state} {action}",
        received_on=date(2026, 11, 2),
        channel="buu_chinh",
        owner_agency=world.leader.agency,
        state=State.RECEIVED,
        created_by_id=world.leader.id,
    )
    world.session.add(item)
    world.session.flush()
    clock.enter_state(item, State.RECEIVED, item.received_on, world.ctx)
    if state != State.RECEIVED:
        item.state = state
        item.competent_level = "tinh"
        item.competent_self = action not in ("forward", "guide")
        item.competent_name = "" if item.competent_self else "UBND xã Tân Phong"
    if state in ACCEPTED_STAGE | {State.SUSPENDED}:
        item.accepted_on = date(2026, 11, 5)
        clock.enter_state(item, State.ACCEPTED, date(2026, 11, 5), world.ctx)
    if state == State.SUSPENDED:
        item.suspended_from = State.VERIFYING
        clock.pause(item, date(2026, 11, 10), world.ctx)
    if state == State.EXTENDED:
        item.extensions, item.extension_days = 1, 30
    if action == "extend":
        item.is_complex, item.complex_basis = True, "Nhiều địa điểm xác minh"
    if action in ("second_complaint", "lawsuit") and state != State.DECIDED:
        item.due_on = TODAY - timedelta(days=1)  # the first complaint was not resolved in time
    if action == "dismiss_repeat":
        other = _prepare(world, kind, State.RECEIVED, f"other-{item.id}")
        world.session.add(PetitionLink(petition_id=item.id, other_id=other.id, score=0.5))
    world.session.flush()
    return item


def _input(world: World, item: Petition, action: str) -> dict[str, Any]:
    reasons = {"khieu_nai": "lkn11_6", "to_cao": "ltc29_1d"}
    if action == "merge":
        return {"duplicate_of": _prepare(world, item.kind, State.RECEIVED, f"m-{item.id}").id}
    if action == "link_case":
        case = Case(code=f"VV-{item.id}", title="Vụ việc", lead_agency_id=world.leader.agency_id)
        world.session.add(case)
        world.session.flush()
        return {"case": case.code}
    if action == "dismiss_repeat":
        link = world.session.scalars(
            select(PetitionLink).where(PetitionLink.petition_id == item.id)
        ).one()
        return {"other": link.other_id}
    return {
        "triage": {"competent_level": "tinh", "competent_self": "1"},
        "reject": {"reason": reasons.get(item.kind, "")},
        "forward": {"to_name": "UBND xã Tân Phong"},
        "guide": {"to_name": "UBND xã Tân Phong"},
        "file": {"reason": "khac", "note": "Đơn không ghi nội dung cụ thể"},
        "to_investigation": {"to_agency": "cong_an"},
        "record_outcome": {"outcome": "khoi_to"},
        "verify": {"handler": world.officer.id},
        "dialogue": {"dialogue_on": (TODAY + timedelta(days=10)).isoformat()},
        "second_complaint": {"received_on": TODAY.isoformat()},
        "extend": {"days": "30", "especially_complex": "1"},
        "handle": {"note": "Kiến nghị xử lý kỷ luật"},
        "suspend": {"reason": "cho_giam_dinh"},
        "terminate": {"reason": "rut_don"},
        "withdraw": {"no_grounds": "1"},
        "set_flags": {"is_complex": "1", "complex_basis": "Nhiều người khiếu nại"},
        "assign": {"handler": world.officer.id},
    }.get(action, {})


def test_every_legal_transition_is_recorded_in_history_and_audit(world: World) -> None:
    performed = 0
    proof = document(world.session, world.settings, world.leader)
    for transition in TRANSITIONS:
        for kind, states in transition.sources.items():
            for state in sorted(states):
                item = _prepare(world, kind, state, transition.action)
                values = _input(world, item, transition.action)
                before = len(_events(world, item))
                expected = transition.target or state
                if transition.action == "resume":
                    expected = item.suspended_from
                event = perform(
                    world.session, world.leader, item, transition.action, values, world.ctx, [proof]
                )
                where = (transition.action, kind, state)
                assert item.state == expected, where
                history = _events(world, item)
                assert len(history) == before + 1 and history[-1].id == event.id, where
                assert (event.action, event.from_state, event.to_state) == (
                    transition.action,
                    state,
                    expected,
                ), where
                audits = _audits(world, item, f"petition.{transition.action}")
                assert audits and audits[-1].detail["to_state"] == expected, where
                assert audits[-1].user_id == world.leader.id and audits[-1].ip == "127.0.0.1"
                performed += 1
    assert performed > 90


# -- guards of the law ------------------------------------------------------------------------
def _refusal(
    world: World, item: Petition, action: str, values: dict, docs: list | None = None
) -> RuleError:
    with pytest.raises(RuleError) as refusal:
        perform(world.session, world.leader, item, action, values, world.ctx, docs or [])
    return refusal.value


def test_accept_needs_competence_and_a_named_petitioner(world: World) -> None:
    item = petition(world.session, world.leader, world.ctx, kind="to_cao")
    perform(
        world.session,
        world.leader,
        item,
        "triage",
        {"competent_level": "xa", "competent_name": "UBND xã A"},
        world.ctx,
    )
    assert "không thuộc thẩm quyền" in _refusal(world, item, "accept", {}).message
    assert item.bypass_level  # sent to the province, competent at commune level: vượt cấp

    anonymous = petition(
        world.session, world.leader, world.ctx, kind="to_cao", anonymous=True, petitioners=[]
    )
    perform(world.session, world.leader, anonymous, "triage", {"competent_self": "1"}, world.ctx)
    assert "LTC Điều 23, 25" in _refusal(world, anonymous, "accept", {}).message
    assert not anonymous.bypass_level


def test_mass_complaint_from_2026_needs_a_representative(world: World) -> None:

    people = [PetitionerData(f"Người {n}", f"Thôn {n}") for n in range(5)]
    item = petition(world.session, world.leader, world.ctx, petitioners=people)
    assert item.is_mass
    perform(world.session, world.leader, item, "triage", {"competent_self": "1"}, world.ctx)
    assert "NĐ 155/2026 Điều 10" in _refusal(world, item, "accept", {}).message


def test_a_denunciation_is_forwarded_only_once(world: World) -> None:
    first = petition(world.session, world.leader, world.ctx, kind="to_cao", register_no="1/2026")
    again = petition(world.session, world.leader, world.ctx, kind="to_cao", register_no="2/2026")
    links = world.session.scalars(
        select(PetitionLink).where(PetitionLink.petition_id == again.id)
    ).all()
    assert [(link.other_id, link.status) for link in links] == [(first.id, "suggested")]
    slip = document(world.session, world.settings, world.leader)
    for item in (first, again):
        perform(
            world.session,
            world.leader,
            item,
            "triage",
            {"competent_name": "Thanh tra tỉnh"},
            world.ctx,
        )
    perform(world.session, world.leader, first, "forward", {}, world.ctx, [slip])
    assert first.routed_to_name == "Thanh tra tỉnh"
    refusal = _refusal(world, again, "forward", {}, [slip])
    assert "đã được chuyển một lần (đơn số 1/2026)" in refusal.message
    assert "TT 05/2021/TT-TTCP Điều 14(1)" in refusal.message
    perform(world.session, world.leader, again, "dismiss_repeat", {"other": first.id}, world.ctx)
    perform(world.session, world.leader, again, "forward", {}, world.ctx, [slip])
    assert again.state == State.FORWARDED


def test_a_petitioner_is_guided_only_once(world: World) -> None:
    first = petition(world.session, world.leader, world.ctx, register_no="1/2026")
    again = petition(world.session, world.leader, world.ctx, register_no="2/2026")
    for item in (first, again):
        perform(
            world.session,
            world.leader,
            item,
            "triage",
            {"competent_name": "Chủ tịch UBND xã"},
            world.ctx,
        )
    perform(world.session, world.leader, first, "guide", {}, world.ctx)
    assert first.routed_to_name == "Chủ tịch UBND xã"
    assert "TT 07/2014/TT-TTCP Điều 6(2)" in _refusal(world, again, "guide", {}).message
    perform(world.session, world.leader, again, "file", {"reason": "da_huong_dan"}, world.ctx)
    assert again.state == State.FILED


def _accepted_denunciation(world: World, accepted: str = "2026-11-05") -> Petition:
    received = date.fromisoformat(accepted) - timedelta(days=3)
    item = petition(world.session, world.leader, world.ctx, kind="to_cao", received_on=received)
    perform(world.session, world.leader, item, "triage", {"competent_self": "1"}, world.ctx)
    perform(world.session, world.leader, item, "accept", {"on": accepted}, world.ctx)
    perform(world.session, world.leader, item, "verify", {}, world.ctx)
    return item


def test_extensions_of_a_denunciation_move_the_due_date(world: World) -> None:
    # LTC Art. 30: 30 days from acceptance on 05/11/2026 -> Sat 05/12 -> Mon 07/12/2026.
    item = _accepted_denunciation(world)
    assert (item.due_rule, item.due_on) == ("T4", date(2026, 12, 7))
    decision = document(world.session, world.settings, world.leader)
    assert "LTC Điều 30(2)" in _refusal(world, item, "extend", {}, [decision]).message
    assert "Cần kèm theo văn bản" in _refusal(world, item, "extend", {}).message
    perform(
        world.session,
        world.leader,
        item,
        "set_flags",
        {"is_complex": "1", "complex_basis": "Xác minh tại 3 xã"},
        world.ctx,
    )
    perform(world.session, world.leader, item, "extend", {"days": "30"}, world.ctx, [decision])
    assert (item.state, item.due_on) == (
        State.EXTENDED,
        date(2027, 1, 4),
    )  # 60 days: Mon 04/01/2027
    assert "LTC Điều 30(3)" in _refusal(world, item, "extend", {}, [decision]).message
    perform(
        world.session,
        world.leader,
        item,
        "extend",
        {"days": "20", "especially_complex": "1"},
        world.ctx,
        [decision],
    )
    assert item.due_on == date(2027, 1, 25)  # 80 days from 05/11/2026: Sun 24/01 -> Mon 25/01/2027
    assert (
        "tối đa 2 lần"
        in _refusal(world, item, "extend", {"especially_complex": "1"}, [decision]).message
    )
    history = _events(world, item)
    assert [e.due_on for e in history if e.action == "extend"] == [
        date(2027, 1, 4),
        date(2027, 1, 25),
    ]
    assert all(e.calendar_version == world.ctx.calendar.version for e in history)


def test_extension_after_the_deadline_is_refused(world: World) -> None:
    item = _accepted_denunciation(world, accepted="2026-10-02")  # due Sun 01/11 -> Mon 02/11/2026
    assert item.due_on == date(2026, 11, 2)
    perform(
        world.session,
        world.leader,
        item,
        "set_flags",
        {"is_complex": "1", "complex_basis": "Phức tạp"},
        world.ctx,
    )
    decision = document(world.session, world.settings, world.leader)
    refusal = _refusal(world, item, "extend", {}, [decision])
    assert "trước khi hết thời hạn giải quyết (02/11/2026)" in refusal.message


def test_complaint_suspension_exists_only_from_1_july_2026(world: World) -> None:
    from tests.support.petitions import context

    early = context(world.session, date(2026, 6, 20))
    item = petition(world.session, world.leader, early, received_on=date(2026, 6, 1))
    perform(world.session, world.leader, item, "triage", {"competent_self": "1"}, early)
    perform(world.session, world.leader, item, "accept", {"on": "2026-06-05"}, early)
    decision = document(world.session, world.settings, world.leader)
    with pytest.raises(RuleError) as refusal:
        perform(
            world.session,
            world.leader,
            item,
            "suspend",
            {"reason": "cho_ket_qua"},
            early,
            [decision],
        )
    assert "Trước ngày 01/07/2026" in refusal.value.message
    # The same complaint, still under way on 17/07/2026, may be suspended (ND 155/2026 Art. 22(1)).
    later = context(world.session, date(2026, 7, 17))
    perform(
        world.session, world.leader, item, "suspend", {"reason": "cho_ket_qua"}, later, [decision]
    )
    assert item.state == State.SUSPENDED and item.due_on is None
    # 30 days from 05/06/2026 (LKN Art. 28); 42 days had run, so the clock is past due:
    # resuming on 03/08/2026 leaves nothing, the due date is the decision day itself.
    resume = context(world.session, date(2026, 8, 3))
    perform(world.session, world.leader, item, "resume", {}, resume, [decision])
    assert (item.state, item.due_on) == (State.ACCEPTED, date(2026, 8, 3))


def test_k7_suspend_and_resume_through_the_machine(world: World) -> None:
    # LKN Art. 28 (30 days) + ND 124/2020 Art. 28b(2): accepted 06/07/2026 -> due 05/08;
    # suspended 17/07 (11 days run); resumed 03/08 -> 19 days -> Sat 22/08/2026 (worked).
    from tests.support.petitions import context

    at = lambda day: context(world.session, day)  # noqa: E731
    item = petition(world.session, world.leader, at(date(2026, 7, 1)), received_on=date(2026, 7, 1))
    assert (item.due_rule, item.due_on) == ("K2", date(2026, 7, 10))  # 7 WD, ND 155/2026
    perform(
        world.session, world.leader, item, "triage", {"competent_self": "1"}, at(date(2026, 7, 2))
    )
    perform(world.session, world.leader, item, "accept", {"on": "2026-07-06"}, at(date(2026, 7, 6)))
    assert item.due_on == date(2026, 8, 5)
    perform(world.session, world.leader, item, "verify", {}, at(date(2026, 7, 7)))
    decision = document(world.session, world.settings, world.leader)
    perform(
        world.session,
        world.leader,
        item,
        "suspend",
        {"reason": "cho_ket_qua", "on": "2026-07-17"},
        at(date(2026, 7, 17)),
        [decision],
    )
    assert item.clock_used == 11
    with pytest.raises(RuleError):
        perform(
            world.session,
            world.leader,
            item,
            "resume",
            {"on": "2026-07-16"},
            at(date(2026, 8, 3)),
            [decision],
        )
    perform(
        world.session,
        world.leader,
        item,
        "resume",
        {"on": "2026-08-03"},
        at(date(2026, 8, 3)),
        [decision],
    )
    assert (item.state, item.due_on) == (State.VERIFYING, date(2026, 8, 22))


def test_second_complaint_needs_a_decision_or_an_expired_deadline(world: World) -> None:
    item = petition(world.session, world.leader, world.ctx)
    perform(world.session, world.leader, item, "triage", {"competent_self": "1"}, world.ctx)
    perform(world.session, world.leader, item, "accept", {"on": "2026-11-20"}, world.ctx)
    refusal = _refusal(world, item, "second_complaint", {})
    assert "LKN Điều 33(1)" in refusal.message
    perform(world.session, world.leader, item, "verify", {}, world.ctx)
    decision = document(world.session, world.settings, world.leader)
    perform(world.session, world.leader, item, "decide", {}, world.ctx, [decision])
    assert (item.due_rule, item.due_on) == (
        "K4",
        date(2026, 12, 28),
    )  # 30 days: Sat 26/12 -> Mon 28/12
    perform(
        world.session, world.leader, item, "second_complaint", {"to_agency": "thanh_tra"}, world.ctx
    )
    child = world.session.scalars(select(Petition).where(Petition.parent_id == item.id)).one()
    assert (child.complaint_round, child.owner_agency.code, child.state) == (
        2,
        "thanh_tra",
        State.RECEIVED,
    )
    assert (child.due_rule, child.due_on) == ("K2", date(2026, 12, 7))  # 7 WD from 26/11/2026
    assert (
        item.state == State.SECOND_COMPLAINT and item.routed_to_agency_id == child.owner_agency_id
    )
    assert not world.session.scalars(
        select(PetitionLink).where(PetitionLink.petition_id == child.id)
    ).all()
    # The second resolution needs a dialogue first (LKN Art. 39; ND 124/2020 Art. 28(2)).
    chief = make_user(world.session, "chanhthanhtra", ["leader"], agency_code="thanh_tra")
    decision = document(world.session, world.settings, chief)

    def step(action: str, values: dict, docs: tuple = ()) -> None:
        perform(world.session, chief, child, action, values, world.ctx, list(docs))

    step("triage", {"competent_self": "1"})
    step("accept", {})
    assert child.due_rule == "K5"
    step("verify", {})
    with pytest.raises(RuleError) as refusal:
        step("decide", {}, (decision,))
    assert "đối thoại trước khi ra quyết định" in refusal.value.message
    with pytest.raises(RuleError) as refusal:
        step("dialogue", {"dialogue_on": "2026-11-29"})
    assert "ít nhất 5 ngày" in refusal.value.message and "01/12/2026" in refusal.value.message
    step("dialogue", {"dialogue_on": "2026-12-01"})
    step("decide", {}, (decision,))
    with pytest.raises(RuleError) as refusal:
        step("second_complaint", {})
    assert "LKN Điều 11(7)" in refusal.value.message


def test_field_checks(world: World) -> None:
    item = petition(world.session, world.leader, world.ctx)
    perform(world.session, world.leader, item, "triage", {"competent_self": "1"}, world.ctx)
    assert "không được sau hôm nay" in _refusal(world, item, "accept", {"on": "2026-12-01"}).message
    assert "trước ngày nhận đơn" in _refusal(world, item, "accept", {"on": "2026-10-01"}).message
    assert "Ngày không hợp lệ" in _refusal(world, item, "accept", {"on": "31/02/2026"}).message
    assert "Thiếu thông tin bắt buộc" in _refusal(world, item, "file", {}).message
    assert "căn cứ bằng văn bản" in _refusal(world, item, "set_flags", {"is_remote": "1"}).message
    assert "Thao tác không tồn tại" in _refusal(world, item, "publish_everything", {}).message
    assert (
        "không phải cơ quan điều tra"
        in _refusal(
            world,
            item,
            "to_investigation",
            {"to_agency": "thanh_tra"},
            [document(world.session, world.settings, world.leader)],
        ).message
    )


def test_withdrawing_a_denunciation_needs_the_confirmation(world: World) -> None:
    item = _accepted_denunciation(world)
    letter = document(world.session, world.settings, world.leader)
    assert "LTC Điều 33(3)" in _refusal(world, item, "withdraw", {}, [letter]).message
    perform(world.session, world.leader, item, "withdraw", {"no_grounds": "1"}, world.ctx, [letter])
    assert item.state == State.WITHDRAWN and item.closed_on == TODAY and item.due_on is None


def test_merge_joins_the_open_file_with_its_letters(world: World) -> None:
    first = petition(world.session, world.leader, world.ctx, register_no="1/2026")
    letter = document(world.session, world.settings, world.leader, "don-lan-2.pdf")
    again = petition(world.session, world.leader, world.ctx, register_no="2/2026")
    from records.petitions.documents import attach

    attach(world.session, world.leader, again, letter, "letter")
    perform(world.session, world.leader, again, "merge", {"duplicate_of": first.id}, world.ctx)
    assert again.duplicate_of_id == first.id and again.state == State.MERGED
    link = world.session.get(PetitionLink, (again.id, first.id))
    assert link.status == "confirmed"
    from records.models import PetitionDocument

    assert world.session.get(PetitionDocument, (first.id, letter.id)) is not None
    assert "chính nó" in _refusal(world, first, "merge", {"duplicate_of": again.id}).message


def test_transfer_to_investigators_is_a_casework_transfer(world: World) -> None:
    from records.models import Transfer

    item = _accepted_denunciation(world)
    transfer_doc = document(world.session, world.settings, world.leader)
    perform(
        world.session,
        world.leader,
        item,
        "to_investigation",
        {"to_agency": "vien_kiem_sat", "reference": "12/CV-BNC"},
        world.ctx,
        [transfer_doc],
    )
    # BLTTHS Art. 147(1): 20 days from 26/11/2026 -> Wed 16/12/2026.
    assert (item.state, item.due_rule, item.due_on) == (
        State.TO_INVESTIGATION,
        "H1",
        date(2026, 12, 16),
    )
    assert item.routed_to_agency.code == "vien_kiem_sat"
    transfer = world.session.scalars(select(Transfer).where(Transfer.petition_id == item.id)).one()
    assert (transfer.legal_basis, transfer.reference, transfer.due_date) == (
        "ltc_27_1",
        "12/CV-BNC",
        date(2026, 12, 16),
    )
    assert transfer.to_agency.code == "vien_kiem_sat" and transfer.pending
    # The file went with it: the procuracy now sees the transfer document.
    assert transfer_doc.shared_with == [transfer.to_agency]
    event = _events(world, item)[-1]
    assert event.detail["transfer"]["id"] == transfer.id
    perform(world.session, world.leader, item, "record_outcome", {"outcome": "khoi_to"}, world.ctx)
    assert item.due_on is None and item.closed_on == TODAY
    assert (transfer.outcome, transfer.outcome_date) == ("khoi_to", TODAY)
