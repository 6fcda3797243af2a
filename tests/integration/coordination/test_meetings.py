"""Coordination meetings: the agenda drafted from a seeded period, attendance, minutes shared
with the invited bodies, conclusions as follow-up tasks due in working days, reminded and
overdue like information requests, and who sees what."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from records import cases, reminders, requests
from records.calendar import DayOverride, WorkingCalendar, local_today
from records.coordination import meetings, proposals
from records.db import Database
from records.errors import NotAllowed, RuleError
from records.models import CalendarDay, FollowUp, Meeting, Notification, User
from records.policy import (
    FollowUpAction,
    MeetingAction,
    can_follow_up,
    can_meeting,
    follow_up_clause,
    meeting_clause,
)
from tests.support.people import agency, make_document, make_user
from tests.support.petitions import context, petition

pytestmark = pytest.mark.services


@pytest.fixture
def s(db: Database):
    with db.session() as session:
        yield session


@pytest.fixture
def staff(s) -> dict[str, User]:
    return {
        "nc": make_user(s, "nc_canbo", "noi_chinh", ("officer",), "toi_mat"),
        "nc_leader": make_user(s, "nc_lanhdao", "noi_chinh", ("leader",), "toi_mat"),
        "tt": make_user(s, "tt_canbo", "thanh_tra", ("officer",), "mat"),
        "ca": make_user(s, "ca_canbo", "cong_an", ("officer",), "mat"),
        "ta": make_user(s, "ta_canbo", "toa_an", ("officer",), "mat"),
    }


def _meeting(s, staff, **values) -> Meeting:
    today = local_today()
    data = {
        "title": "Giao ban quý",
        "held_on": today,
        "period_start": today.replace(day=1) - timedelta(days=60),
        "period_end": today,
        "bodies": [agency(s, "thanh_tra"), agency(s, "cong_an")],
    }
    data.update(values)
    return meetings.schedule(s, staff["nc"], **data)


def test_the_agenda_is_drafted_from_the_periods_figures(s, staff) -> None:
    today = local_today()
    watched = cases.create_case(
        s, staff["tt"], code="VV-GB-01", title="Sai phạm đất đai xã An Bình",
        lead_agency=agency(s, "thanh_tra"),
    )  # fmt: skip
    watched.monitoring_level = "bcd_tinh"
    secret = cases.create_case(
        s, staff["nc_leader"], code="VV-GB-MAT", title="Vụ việc tối mật",
        lead_agency=agency(s, "noi_chinh"), confidentiality="toi_mat",
    )  # fmt: skip
    secret.monitoring_level = "bcd_tinh"
    flagged = cases.create_case(
        s, staff["nc_leader"], code="VV-GB-02", title="Chi sai ngân sách huyện",
        lead_agency=agency(s, "noi_chinh"),
    )  # fmt: skip
    cases.flag_crime_signs(
        s, staff["nc_leader"], flagged, basis="ttlt03_5_2", since=today - timedelta(days=40)
    )
    candidate = cases.create_case(
        s, staff["tt"], code="VV-GB-03", title="Thất thoát vốn dự án",
        lead_agency=agency(s, "thanh_tra"),
    )  # fmt: skip
    proposal, _ = proposals.propose(
        s, staff["tt"], candidate, level="bcd_tinh", reasons="Thiệt hại lớn", documents=[],
        commission=agency(s, "noi_chinh"),
    )  # fmt: skip
    late = requests.create_request(
        s, staff["nc"], to_agency=agency(s, "cong_an"), subject="Kết quả xác minh",
        due_date=today + timedelta(days=5),
    )  # fmt: skip
    late.due_date = today - timedelta(days=3)  # asked earlier in the period, now overdue
    own = petition(s, staff["nc"], context(s, today), summary="Khiếu nại chậm giải quyết.")
    own.due_on = today - timedelta(days=1)
    s.flush()

    meeting = _meeting(s, staff)
    calendar = WorkingCalendar.load(s)
    sections = meetings.draft_agenda(s, staff["nc"], meeting, calendar, today)
    text = meetings.agenda_text(sections)

    watch, overdue, due_petitions, proposed, awaiting = sections
    assert any(line.startswith("VV-GB-01: Sai phạm đất đai xã An Bình (thanh_tra)")
               for line in watch.lines)  # fmt: skip
    assert watch.withheld == 1 and "Vụ việc tối mật" not in text  # above the meeting's level
    assert "cong_an: 1 yêu cầu quá hạn trả lời" in overdue.lines
    assert [line.split(" ")[0] for line in due_petitions.lines] == [own.register_no]
    assert proposed.lines == (
        f"VV-GB-03: Thất thoát vốn dự án (thanh_tra, đề nghị #{proposal.id})",
    )
    assert "quá hạn" in due_petitions.lines[0]
    assert [line.split(":")[0] for line in awaiting.lines] == ["VV-GB-02"]
    assert "quá hạn chuyển" in awaiting.lines[0]

    meetings.set_agenda(s, staff["nc"], meeting, text)
    with pytest.raises(NotAllowed):
        meetings.set_agenda(s, staff["tt"], meeting, "Chương trình khác")


def test_a_follow_up_is_overdue_by_working_days_and_reminded(s, staff) -> None:
    """Meeting on Fri 23/10/2026, conclusion due in 5 working days: 26–30/10 -> Fri 30/10.
    With Wed 28/10 announced as a day off it is Mon 02/11; on Thu 05/11 it is 3 working days
    overdue (03, 04, 05/11)."""
    s.add(CalendarDay(day=date(2026, 10, 28), working=False, note="Nghỉ bù"))
    s.flush()
    meeting = _meeting(
        s, staff, held_on=date(2026, 10, 23), period_start=date(2026, 7, 1),
        period_end=date(2026, 9, 30),
    )  # fmt: skip
    with pytest.raises(RuleError) as early:
        meetings.conclude(s, staff["nc"], meeting, agency=agency(s, "cong_an"), task="X")
    assert early.value.code == "meeting.not_held"
    meetings.record_attendance(s, staff["nc"], meeting, {agency(s, "cong_an").id: "Phó Giám đốc"})
    assert [b.attended for b in meeting.bodies] == [
        b.agency.code == "cong_an" for b in meeting.bodies
    ]
    task = meetings.conclude(
        s, staff["nc"], meeting, agency=agency(s, "cong_an"),
        task="Báo cáo kết quả điều tra vụ VV-2026-07", working_days=5,
    )  # fmt: skip
    assert task.due_date == date(2026, 11, 2)
    with pytest.raises(RuleError) as outsider:
        meetings.conclude(s, staff["nc"], meeting, agency=agency(s, "toa_an"), task="Y")
    assert outsider.value.code == "meeting.body_not_invited"

    calendar = WorkingCalendar([DayOverride(date(2026, 10, 28), False, "Nghỉ bù")])
    assert meetings.overdue_working_days(task, calendar, date(2026, 11, 2)) == 0
    assert meetings.overdue_working_days(task, calendar, date(2026, 11, 5)) == 3
    assert meetings.overdue_working_days(task, calendar, date(2026, 11, 8)) == 4  # Sun

    reminders.run(s, date(2026, 11, 5))
    reminders.run(s, date(2026, 11, 5))
    late = s.scalars(
        select(Notification).where(
            Notification.object_type == "follow_up", Notification.kind == "deadline"
        )
    ).all()
    assert {n.user_id for n in late} == {staff["ca"].id, staff["nc"].id}  # once each

    with pytest.raises(NotAllowed):
        meetings.complete(s, staff["tt"], task, "Không phải việc của Thanh tra")
    meetings.complete(s, staff["ca"], task, "Đã gửi báo cáo số 12/BC-CAT.")
    assert (
        task.status == "done"
        and meetings.overdue_working_days(task, calendar, date(2026, 11, 9)) == 0
    )


def test_who_sees_meetings_and_tasks(s, staff, hoso_settings) -> None:
    meeting = _meeting(s, staff)
    meetings.record_attendance(s, staff["nc"], meeting, {})
    minutes = make_document(s, "noi_chinh", number="05/BB-BNC", subject="Biên bản giao ban")
    outcome = meetings.attach_minutes(s, staff["nc"], meeting, minutes)
    assert outcome.reindex == {minutes.id}
    assert {a.code for a in minutes.shared_with} == {"thanh_tra", "cong_an"}
    task = meetings.conclude(s, staff["nc"], meeting, agency=agency(s, "thanh_tra"), task="Z")

    assert can_meeting(staff["tt"], MeetingAction.SEE, meeting)
    assert not can_meeting(staff["ta"], MeetingAction.SEE, meeting)
    assert not can_meeting(staff["tt"], MeetingAction.MANAGE, meeting)
    assert can_follow_up(staff["tt"], FollowUpAction.COMPLETE, task)
    assert not can_follow_up(staff["ca"], FollowUpAction.SEE, task)  # invited, not its task
    assert can_follow_up(staff["nc_leader"], FollowUpAction.SEE, task)
    seen = lambda user, model, clause: s.scalars(select(model.id).where(clause(user))).all()  # noqa: E731
    assert seen(staff["ta"], Meeting, meeting_clause) == []
    assert seen(staff["ca"], Meeting, meeting_clause) == [meeting.id]
    assert seen(staff["ca"], FollowUp, follow_up_clause) == []
    assert seen(staff["tt"], FollowUp, follow_up_clause) == [task.id]
    with pytest.raises(NotAllowed):
        meetings.schedule(
            s, staff["tt"], title="T", held_on=local_today(), period_start=local_today(),
            period_end=local_today(), bodies=[agency(s, "cong_an")],
        )  # fmt: skip
