"""Transfers to investigators and information requests: due dates, outcomes, sharing,
reminders with dedup, and the e-mail copy through a real SMTP server."""

from __future__ import annotations

import email
import email.policy
import socket
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from records import cases, reminders, requests, transfers
from records.calendar import DayOverride, Unit, WorkingCalendar, local_date
from records.errors import NotAllowed, RuleError
from records.models import AuditEvent, CalendarDay, CaseEvent, InfoRequest, Notification
from records.notify import send_pending_mail
from records.transfer_rules import LEGAL_BASES, answer_due, latest_allowed_due
from tests.support.people import agency, make_document, make_user

pytestmark = pytest.mark.services


@pytest.fixture
def s(db):
    with db.session() as session:
        yield session


@pytest.fixture
def people(s):
    return {
        "lead": make_user(s, "tt_officer", "thanh_tra", ("officer",), email="tt@example.vn"),
        "police": make_user(s, "ca_officer", "cong_an", ("officer",), email="ca@example.vn"),
        "police_clerk": make_user(s, "ca_clerk", "cong_an", ("clerk",)),
        "procuracy": make_user(s, "vks_officer", "vien_kiem_sat", ("officer",)),
        "ubkt": make_user(s, "ubkt_officer", "uy_ban_kiem_tra", ("officer",)),
        "court": make_user(s, "ta_officer", "toa_an", ("officer",)),
        "nc": make_user(s, "nc_officer", "noi_chinh", ("officer",)),
    }


@pytest.fixture
def case(s, people):
    return cases.create_case(
        s,
        people["lead"],
        code="VV-2026-007",
        title="Sai phạm trong đấu thầu",
        lead_agency=agency(s, "thanh_tra"),
    )


# -- time limits (worked examples) ------------------------------------------------------------
CAL = WorkingCalendar()


def test_referral_within_five_working_days_of_the_conclusion_across_tet() -> None:
    """TTLT 03/2018 Art. 5(2): conclusion signed Thu 12/02/2026; Tết holidays 16–20/02/2026;
    the 5 working days are 13, 23, 24, 25, 26/02 -> due 26/02/2026."""
    assert LEGAL_BASES["ttlt03_5_2"].referral.due(date(2026, 2, 12), CAL) == date(2026, 2, 26)


def test_referral_immediately_under_ltc_27() -> None:
    """LTC Art. 27(1): "chuyển ngay" — due the same (working) day; signs found on a Sunday
    are due the next working day (BLDS Art. 148(5))."""
    assert LEGAL_BASES["ltc_27_1"].referral.due(date(2026, 3, 4), CAL) == date(2026, 3, 4)
    assert LEGAL_BASES["ltc_27_1"].referral.due(date(2026, 3, 8), CAL) == date(2026, 3, 9)
    assert LEGAL_BASES["blths_145"].referral is None


def test_answer_due_twenty_days_rolls_past_holidays() -> None:
    """BLTTHS Art. 147(1): 20 days; received 10/04/2026 -> 30/04/2026 is a holiday (and
    01/05, then the weekend 02–03/05), so the limit ends Mon 04/05/2026 (BLDS Art. 148(5))."""
    assert answer_due(date(2026, 4, 10), CAL) == date(2026, 5, 4)
    assert answer_due(date(2026, 3, 2), CAL) == date(2026, 3, 23)  # Sun 22/03 -> Mon 23/03


def test_answer_due_ends_on_a_saturday_made_a_working_day() -> None:
    """BLTTHS Art. 147(1), BLDS Art. 148(5): 20 days from 02/08/2026 end on Sat 22/08/2026,
    which is worked in exchange for Mon 31/08 (the 2/9 bridge): the limit ends that
    Saturday, not on the Monday after."""
    assert answer_due(date(2026, 8, 2), CAL) == date(2026, 8, 22)


def test_an_announced_swap_moves_the_referral_limit() -> None:
    """TTLT 03/2018 Art. 5(2): 05 working days from Fri 23/10/2026 are 26–30/10; when the
    administrators enter Wed 28/10 as a day off, the fifth working day is Mon 02/11."""
    assert LEGAL_BASES["ttlt03_5_2"].referral.due(date(2026, 10, 23), CAL) == date(2026, 10, 30)
    announced = WorkingCalendar([DayOverride(date(2026, 10, 28), False, "Nghỉ bù")])
    due = LEGAL_BASES["ttlt03_5_2"].referral.due(date(2026, 10, 23), announced)
    assert due == date(2026, 11, 2)


def test_extensions_stop_at_four_months() -> None:
    """BLTTHS Art. 147(2): up to 2 months, plus one procuracy extension of up to 2 months."""
    assert latest_allowed_due(date(2026, 1, 31)) == date(2026, 5, 31)


# -- transfers ------------------------------------------------------------------------------
def test_transfer_to_police_shares_documents_moves_status_and_notifies(s, people, case) -> None:
    cases.change_status(s, people["lead"], case, "xac_minh")
    conclusion = make_document(s, "thanh_tra", number="21/KL-TTr", subject="Kết luận thanh tra")
    cases.flag_crime_signs(
        s, people["lead"], case, basis="ttlt03_5_2", since=date.today() - timedelta(days=10)
    )
    assert case in transfers.awaiting_transfer(s, True)
    sent = date.today() - timedelta(days=2)
    transfer, outcome = transfers.create_transfer(
        s,
        people["lead"],
        case,
        to_agency=agency(s, "cong_an"),
        legal_basis="ttlt03_5_2",
        sent_date=sent,
        reference="21/KNKT-TTr",
        documents=[conclusion],
    )
    assert transfer.due_date == answer_due(sent, WorkingCalendar.load(s))
    assert transfer.calendar_version == WorkingCalendar.load(s).version
    assert outcome.reindex == {conclusion.id}
    assert agency(s, "cong_an") in conclusion.shared_with
    assert case.status == "chuyen_cqdt"
    assert case not in transfers.awaiting_transfer(s, True)
    kinds = [
        e.kind
        for e in s.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
        )
    ]
    assert kinds == ["created", "status", "crime_signs", "attached", "transfer", "status"]
    police_notes = s.scalars(
        select(Notification.title).where(Notification.user_id == people["police"].id)
    ).all()
    assert any("chuyển hồ sơ có dấu hiệu tội phạm 21/KNKT-TTr" in t for t in police_notes)
    actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert "document.share" in actions and "transfer.create" in actions


def test_transfer_only_to_an_investigative_body_by_the_lead(s, people, case) -> None:
    with pytest.raises(RuleError) as err:
        transfers.create_transfer(
            s,
            people["lead"],
            case,
            to_agency=agency(s, "toa_an"),
            legal_basis="lpctn_62",
            sent_date=date.today(),
        )
    assert err.value.code == "transfer.not_investigative"
    with pytest.raises(NotAllowed):
        transfers.create_transfer(
            s,
            people["ubkt"],
            case,
            to_agency=agency(s, "cong_an"),
            legal_basis="lpctn_62",
            sent_date=date.today(),
        )
    with pytest.raises(RuleError) as err:
        transfers.create_transfer(
            s,
            people["lead"],
            case,
            to_agency=agency(s, "cong_an"),
            legal_basis="khac",
            sent_date=date.today(),
        )
    assert err.value.code == "transfer.basis_text_required"


def test_outcome_by_the_police_is_shared_back_and_recorded(s, people, case) -> None:
    transfer, _ = transfers.create_transfer(
        s,
        people["lead"],
        case,
        to_agency=agency(s, "cong_an"),
        legal_basis="lpctn_62",
        sent_date=date.today(),
    )
    decision = make_document(s, "cong_an", number="45/QĐ-CSKT", subject="Quyết định khởi tố vụ án")
    with pytest.raises(NotAllowed):
        transfers.record_outcome(
            s, people["court"], transfer, outcome="khoi_to", outcome_date=date.today()
        )
    with pytest.raises(RuleError):
        transfers.record_outcome(
            s, people["police"], transfer, outcome="dang_xu_ly", outcome_date=date.today()
        )
    result = transfers.record_outcome(
        s,
        people["police"],
        transfer,
        outcome="khoi_to",
        outcome_date=date.today(),
        documents=[decision],
    )
    assert result.reindex == {decision.id} and agency(s, "thanh_tra") in decision.shared_with
    assert transfer.outcome == "khoi_to" and not transfer.pending
    with pytest.raises(RuleError) as err:
        transfers.record_outcome(
            s, people["police"], transfer, outcome="khong_khoi_to", outcome_date=date.today()
        )
    assert err.value.code == "transfer.already_answered"
    lead_notes = s.scalars(
        select(Notification.title).where(Notification.user_id == people["lead"].id)
    ).all()
    assert any("đã trả lời việc chuyển hồ sơ" in t for t in lead_notes)
    summary = transfers.summary(s, True)
    assert summary["total"] == 1 and summary["by_outcome"]["khoi_to"] == 1
    assert summary["by_body"] == {"cong_an": 1}


def test_extension_must_be_later_and_within_the_limit(s, people, case) -> None:
    transfer, _ = transfers.create_transfer(
        s,
        people["lead"],
        case,
        to_agency=agency(s, "vien_kiem_sat"),
        legal_basis="blths_145",
        sent_date=date.today(),
    )
    with pytest.raises(RuleError) as err:
        transfers.extend(s, people["procuracy"], transfer, transfer.due_date, "QĐ gia hạn")
    assert err.value.code == "transfer.extension_not_later"
    with pytest.raises(RuleError) as err:
        transfers.extend(
            s, people["procuracy"], transfer, date.today() + timedelta(days=200), "QĐ gia hạn"
        )
    assert err.value.code == "transfer.extension_too_long"
    new_due = date.today() + timedelta(days=60)
    transfers.extend(s, people["procuracy"], transfer, new_due, "QĐ gia hạn số 3/QĐ-VKS")
    assert transfer.due_date == new_due


def test_overdue_transfer_is_flagged(s, people, case) -> None:
    transfer, _ = transfers.create_transfer(
        s,
        people["lead"],
        case,
        to_agency=agency(s, "cong_an"),
        legal_basis="lpctn_62",
        sent_date=date.today() - timedelta(days=40),
    )
    assert transfer.overdue_on(date.today())
    assert transfers.summary(s, True)["overdue"] == 1


# -- information requests -------------------------------------------------------------------
def _ask(s, people, case=None, due=None):
    return requests.create_request(
        s,
        people["lead"],
        to_agency=agency(s, "uy_ban_kiem_tra"),
        subject="Cung cấp hồ sơ kỷ luật đảng viên",
        details="Đề nghị cung cấp quyết định kỷ luật",
        due_date=due or date.today() + timedelta(days=10),
        case=case,
    )


def test_request_is_answered_with_documents_shared_to_the_asker(s, people, case) -> None:
    request = _ask(s, people, case)
    notes = s.scalars(
        select(Notification.title).where(Notification.user_id == people["ubkt"].id)
    ).all()
    assert any("đề nghị cung cấp thông tin" in t for t in notes)
    reply = make_document(s, "uy_ban_kiem_tra", number="8/QĐ-UBKT", subject="Quyết định kỷ luật")
    with pytest.raises(NotAllowed):
        requests.answer(s, people["court"], request, "x")
    with pytest.raises(RuleError) as err:
        requests.answer(s, people["ubkt"], request, "  ")
    assert err.value.code == "request.answer_empty"
    outcome = requests.answer(s, people["ubkt"], request, "Gửi kèm quyết định", [reply])
    assert request.status == "answered" and outcome.reindex == {reply.id}
    assert agency(s, "thanh_tra") in reply.shared_with
    lead_notes = s.scalars(
        select(Notification.title).where(Notification.user_id == people["lead"].id)
    ).all()
    assert any("đã trả lời yêu cầu thông tin" in t for t in lead_notes)
    kinds = s.scalars(
        select(CaseEvent.kind).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
    ).all()
    assert kinds == ["created", "request", "request_answered"]
    with pytest.raises(RuleError) as err:
        requests.withdraw(s, people["lead"], request, "không cần")
    assert err.value.code == "request.closed"


def test_answering_with_a_document_of_another_body_is_refused(s, people) -> None:
    request = _ask(s, people)
    foreign = make_document(s, "toa_an", number="3/BA-TA")
    foreign.shared_with.append(agency(s, "uy_ban_kiem_tra"))
    with pytest.raises(RuleError) as err:
        requests.answer(s, people["ubkt"], request, "kèm bản án", [foreign])
    assert err.value.code == "document.cannot_share"


def test_request_rules(s, people) -> None:
    with pytest.raises(RuleError) as err:
        requests.create_request(
            s,
            people["lead"],
            to_agency=agency(s, "thanh_tra"),
            subject="x",
            due_date=date.today() + timedelta(days=3),
        )
    assert err.value.code == "request.same_body"
    with pytest.raises(RuleError) as err:
        _ask(s, people, due=date.today())
    assert err.value.code == "request.due_not_future"
    with pytest.raises(RuleError) as err:
        requests.create_request(
            s,
            people["lead"],
            to_agency=agency(s, "dan_van"),
            subject="x",
            due_date=date.today() + timedelta(days=3),
        )
    assert err.value.code == "request.body_dissolved"
    request = _ask(s, people)
    with pytest.raises(NotAllowed):
        requests.withdraw(s, people["ubkt"], request, "x")
    requests.assign(
        s, make_user(s, "ubkt_leader", "uy_ban_kiem_tra", ("leader",)), request, people["ubkt"]
    )
    assert request.assignee is people["ubkt"]
    requests.withdraw(s, people["lead"], request, "Đã có thông tin từ nguồn khác")
    assert request.status == "withdrawn"


def test_default_due_is_ten_working_days() -> None:
    """Asked Fri 24/04/2026: 27/04 (Hùng Kings, observed), 30/04 and 01/05 are holidays, so
    the 10 working days are 28, 29/04, 04–08/05, 11, 12, 13/05."""
    assert requests.default_due(CAL, date(2026, 4, 24)) == date(2026, 5, 13)
    assert CAL.end_of_period(date(2026, 4, 24), 2, Unit.WORKING_DAYS) == date(2026, 4, 29)


def test_an_announced_day_off_moves_a_transfers_answer_due_but_not_an_extension(
    s, people, case
) -> None:
    """BLTTHS Art. 147(1), BLDS Art. 148(5): when the administrators announce the 20th day
    as a day off, the answer is due the next working day; a date set by an extension
    decision is the decision's and stays."""

    def send(agency_code: str):
        transfer, _ = transfers.create_transfer(
            s,
            people["lead"],
            case,
            to_agency=agency(s, agency_code),
            legal_basis="blths_145",
            sent_date=date.today(),
        )
        return transfer

    computed, extended = send("cong_an"), send("vien_kiem_sat")
    calendar = WorkingCalendar.load(s)
    assert computed.calendar_version == calendar.version
    transfers.extend(s, people["procuracy"], extended, computed.due_date + timedelta(days=5), "QĐ")
    assert extended.calendar_version is None
    kept = extended.due_date
    s.add(CalendarDay(day=computed.due_date, working=False, note="Nghỉ bù theo thông báo"))
    s.flush()
    first_due = computed.due_date
    assert reminders.run(s).recomputed == 1
    assert computed.due_date == calendar.next_working_day(first_due)
    assert extended.due_date == kept
    moved = s.scalars(select(AuditEvent).where(AuditEvent.action == "transfer.recompute")).one()
    assert moved.object_id == str(computed.id)


def test_a_swapped_day_moves_a_requests_due_date(s, people) -> None:
    """A request asked without a due date gets 10 working days on the working calendar and
    keeps its version; when an administrator announces a day off inside those 10 days,
    the reminder run moves the due date one working day later (audited), and a swapped
    Saturday given as a working day brings it back."""
    request = requests.create_request(
        s, people["lead"], to_agency=agency(s, "uy_ban_kiem_tra"), subject="Hồ sơ đảng viên"
    )
    calendar = WorkingCalendar.load(s)
    asked_on = local_date(request.created_at)
    first_due = requests.default_due(calendar, asked_on)
    assert (request.due_date, request.calendar_version) == (first_due, calendar.version)
    day_off = next(
        d
        for d in calendar.days_in(asked_on + timedelta(days=1), first_due - timedelta(days=1))
        if calendar.is_working_day(d)
    )
    s.add(CalendarDay(day=day_off, working=False, note="Nghỉ bù theo thông báo"))
    s.flush()
    run = reminders.run(s)
    assert run.recomputed == 1
    assert request.due_date == calendar.next_working_day(first_due) > first_due
    assert request.calendar_version == WorkingCalendar.load(s).version != calendar.version
    moved = s.scalars(select(AuditEvent).where(AuditEvent.action == "request.recompute")).one()
    assert moved.detail == {"previous": first_due.isoformat(), "due": request.due_date.isoformat()}
    assert reminders.run(s).recomputed == 0  # already on the current calendar
    # A due date the asker chose is theirs: never recomputed.
    chosen = requests.create_request(
        s,
        people["lead"],
        to_agency=agency(s, "cong_an"),
        subject="Danh sách tài sản kê biên",
        due_date=date.today() + timedelta(days=20),
    )
    assert chosen.calendar_version is None
    s.add(CalendarDay(day=day_off + timedelta(days=1), working=False, note="Nghỉ thêm"))
    s.flush()
    reminders.run(s)
    assert chosen.due_date == date.today() + timedelta(days=20)


# -- reminders ------------------------------------------------------------------------------
def _count(s, kind="deadline"):
    return s.scalar(select(func.count()).select_from(Notification).where(Notification.kind == kind))


def test_reminders_three_days_one_day_and_overdue_each_once(s, people) -> None:
    today = date(2026, 6, 1)
    request = _ask(s, people, due=date.today() + timedelta(days=30))
    request.due_date = today + timedelta(days=3)
    assert reminders.stage(request.due_date, today) == "due_3"
    assert reminders.run(s, today).notifications == 1  # the asked body's officer
    assert reminders.run(s, today).notifications == 0  # dedup
    assert reminders.run(s, today + timedelta(days=1)).notifications == 0  # still the 3-day stage
    assert reminders.run(s, today + timedelta(days=2)).notifications == 1  # 1 day before
    late = reminders.run(s, today + timedelta(days=4))
    assert late.marked_overdue == 1 and late.notifications == 2  # asked officer + asker
    assert s.get(InfoRequest, request.id).status == "overdue"
    assert reminders.run(s, today + timedelta(days=5)).notifications == 0
    # A new due date arms the reminders again.
    requests.change_due(s, people["lead"], request, date.today() + timedelta(days=20), "Gia hạn")
    assert request.status == "open"
    request.due_date = today + timedelta(days=10)
    assert reminders.run(s, today + timedelta(days=9)).notifications == 1
    assert _count(s) == 5


def test_reminders_for_transfers_and_unsent_cases(s, people, case) -> None:
    cases.flag_crime_signs(
        s, people["lead"], case, basis="ltc_27_1", since=date.today() - timedelta(days=3)
    )
    first = reminders.run(s)
    assert first.notifications == 1  # the lead body's officer: not transferred in time
    transfer, _ = transfers.create_transfer(
        s,
        people["lead"],
        case,
        to_agency=agency(s, "cong_an"),
        legal_basis="ltc_27_1",
        sent_date=date.today() - timedelta(days=25),
    )
    assert transfer.overdue_on(date.today())
    second = reminders.run(s)
    # Overdue: the police's officer, and the lead body's officer (case handler side);
    # the police clerk is not among the body staff told of deadlines.
    assert second.notifications == 2
    assert reminders.run(s).notifications == 0


def test_no_reminder_for_someone_who_may_not_see_the_request(s, people) -> None:
    low = make_user(s, "ubkt_low", "uy_ban_kiem_tra", ("officer",), clearance="thuong")
    request = requests.create_request(
        s,
        people["lead"],
        to_agency=agency(s, "uy_ban_kiem_tra"),
        subject="Hồ sơ mật",
        due_date=date.today() + timedelta(days=1),
        confidentiality="mat",
    )
    reminders.run(s)
    titles = s.scalars(select(Notification.title).where(Notification.user_id == low.id)).all()
    assert titles == []
    secret_titles = s.scalars(
        select(Notification.title).where(Notification.user_id == people["ubkt"].id)
    ).all()
    assert secret_titles and all("Hồ sơ mật" not in t for t in secret_titles)  # MẬT: no subject
    assert request.id


# -- e-mail ---------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Sink:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def test_notification_email_reaches_the_address(s, people, case) -> None:
    from aiosmtpd.controller import Controller

    sink = _Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        transfers.create_transfer(
            s,
            people["lead"],
            case,
            to_agency=agency(s, "cong_an"),
            legal_basis="lpctn_62",
            sent_date=date.today(),
        )
        url = f"smtp://127.0.0.1:{controller.port}"
        # Only the police officer has an address; a second run sends nothing again.
        assert send_pending_mail(s, url, "hoso@tinhuy.vn") == 1
        assert send_pending_mail(s, url, "hoso@tinhuy.vn") == 0
    finally:
        controller.stop()
    ((to, content),) = sink.messages
    message = email.message_from_string(content, policy=email.policy.default)
    assert to == ["ca@example.vn"]
    assert message["Subject"].startswith("[hoso] TTr chuyển hồ sơ có dấu hiệu tội phạm")
    assert "/transfers/" in message.get_content()


def test_periodic_tasks_send_reminders_and_mail(s, people, case, monkeypatch) -> None:
    """The beat tasks, run as the worker runs them: reminders, then the e-mail copy."""
    from aiosmtpd.controller import Controller

    from indexer import runtime
    from jobs.reminders import send_mail, send_reminders

    transfers.create_transfer(
        s,
        people["lead"],
        case,
        to_agency=agency(s, "cong_an"),
        legal_basis="lpctn_62",
        sent_date=date.today() - timedelta(days=30),
    )
    s.commit()
    assert send_mail() == 0  # no SMTP configured: nothing is sent, nothing fails
    assert send_reminders()["notifications"] == 2  # overdue: police officer, lead officer
    sink = _Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        monkeypatch.setenv("HOSO_SMTP_URL", f"smtp://127.0.0.1:{controller.port}")
        runtime.reset()
        assert send_mail() == 3  # the police officer's two notifications, the lead's one
    finally:
        controller.stop()
        runtime.reset()
    assert sorted(to for (to,), _ in sink.messages) == [
        "ca@example.vn",
        "ca@example.vn",
        "tt@example.vn",
    ]
