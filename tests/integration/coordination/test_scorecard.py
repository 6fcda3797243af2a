"""The coordination scorecard against hand-counted fixtures (quarter III/2026, counted on
16/10/2026): every figure below was counted by hand from the rows this test writes."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import docx
import openpyxl
import pytest
from sqlalchemy import select

from records.calendar import WorkingCalendar
from records.coordination.scorecard import scorecard
from records.db import Database
from records.models import (
    Agency,
    Case,
    FollowUp,
    InfoRequest,
    Meeting,
    Petition,
    PetitionEvent,
    Proposal,
    Transfer,
    User,
)
from records.policy import scorecard_agency_ids
from records.reports import Period
from tests.support.people import agency, make_user
from tests.support.web import Browser

pytestmark = pytest.mark.services

TODAY = date(2026, 10, 16)
Q3 = Period.quarter(2026, 3)


def _at(day: date) -> datetime:
    """09:00 in Vietnam on ``day``."""
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)


@pytest.fixture
def world(db: Database):
    with db.session() as s:
        nc = agency(s, "noi_chinh")
        ca = agency(s, "cong_an")
        tt = agency(s, "thanh_tra")
        viewer = make_user(s, "nc_canbo", "noi_chinh", ("officer",), "mat")
        make_user(s, "ca_lanhdao", "cong_an", ("leader",), "mat")
        make_user(s, "ca_canbo", "cong_an", ("officer",), "mat")

        def request(created, due, answered=None, status=None, level="thuong"):
            s.add(InfoRequest(
                from_agency_id=nc.id, to_agency_id=ca.id, subject="Yêu cầu", due_date=due,
                created_at=_at(created), answered_at=_at(answered) if answered else None,
                status=status or ("answered" if answered else "open"), confidentiality=level,
            ))  # fmt: skip

        # Asked of the police in Q3: R1 on time (1/7 -> 8/7: 5 working days), R2 late
        # (3/8 -> 12/8: 7 working days), R3 open and overdue, R4 open, R7 the same day (0).
        request(date(2026, 7, 1), date(2026, 7, 15), date(2026, 7, 8))
        request(date(2026, 8, 3), date(2026, 8, 10), date(2026, 8, 12))
        request(date(2026, 9, 1), date(2026, 9, 10))
        request(date(2026, 9, 21), date(2026, 10, 30))
        request(date(2026, 7, 10), date(2026, 7, 20), date(2026, 7, 10))
        # Not counted: before the quarter, withdrawn, above the viewer's clearance.
        request(date(2026, 6, 30), date(2026, 7, 10), date(2026, 7, 2))
        request(date(2026, 7, 6), date(2026, 7, 20), status="withdrawn")
        request(date(2026, 7, 6), date(2026, 7, 20), date(2026, 7, 7), level="toi_mat")

        held = Meeting(
            title="Giao ban",
            held_on=date(2026, 8, 14),
            period_start=date(2026, 4, 1),
            period_end=date(2026, 6, 30),
            chair_agency_id=nc.id,
            status="held",
        )
        later = Meeting(title="Giao ban", held_on=date(2026, 10, 2), period_start=Q3.start,
                        period_end=Q3.end, chair_agency_id=nc.id, status="held")  # fmt: skip
        s.add_all([held, later])
        s.flush()

        def task(meeting, due, done=None, status=None):
            s.add(FollowUp(
                meeting_id=meeting.id, agency_id=ca.id, task="Nhiệm vụ", due_date=due,
                status=status or ("done" if done else "open"),
                done_at=_at(done) if done else None,
            ))  # fmt: skip

        task(held, date(2026, 8, 28), date(2026, 8, 27))  # on time
        task(held, date(2026, 8, 28), date(2026, 9, 3))  # late
        task(held, date(2026, 9, 30))  # open, overdue
        task(held, date(2026, 9, 30), status="cancelled")  # not counted
        task(later, date(2026, 10, 30))  # a meeting after the quarter: not counted

        def transfer(sent, due, outcome):
            s.add(Transfer(
                from_agency_id=tt.id, to_agency_id=ca.id, legal_basis="ttlt03_5_2",
                sent_date=sent, due_date=due, outcome=outcome,
            ))  # fmt: skip

        transfer(date(2026, 7, 5), date(2026, 7, 27), "khoi_to")
        transfer(date(2026, 8, 10), date(2026, 9, 10), "dang_xu_ly")  # overdue
        transfer(date(2026, 6, 1), date(2026, 6, 22), "khong_khoi_to")  # before Q3

        def forwarded(number, due, on):
            petition = Petition(
                register_no=number, kind="to_cao", summary="Tố cáo", received_on=date(2026, 7, 1),
                channel="buu_chinh", owner_agency_id=tt.id, state="FORWARDED",
            )  # fmt: skip
            s.add(petition)
            s.flush()
            s.add(
                PetitionEvent(
                    petition_id=petition.id,
                    action="register",
                    to_state="RECEIVED",
                    happened_on=date(2026, 7, 1),
                    due_on=due,
                )
            )
            s.flush()
            s.add(PetitionEvent(petition_id=petition.id, action="forward",
                                to_state="FORWARDED", happened_on=on))  # fmt: skip

        watched = Case(code="VV-SC-1", title="Vụ việc", lead_agency_id=tt.id)
        s.add(watched)
        s.flush()
        s.add_all([
            Proposal(case_id=watched.id, agency_id=tt.id, level="bcd_tinh", reasons="Lý do",
                     status="approved", created_at=_at(date(2026, 8, 1))),
            Proposal(case_id=watched.id, agency_id=tt.id, level="bcd_tinh", reasons="Lý do",
                     status="proposed", created_at=_at(date(2026, 9, 30))),
            Proposal(case_id=watched.id, agency_id=tt.id, level="bcd_tinh", reasons="Lý do",
                     created_at=_at(date(2026, 10, 1))),  # after Q3
        ])  # fmt: skip
        forwarded("1/2026", date(2026, 7, 14), date(2026, 7, 10))  # on time
        forwarded("2/2026", date(2026, 7, 20), date(2026, 7, 25))  # late
        forwarded("3/2026", date(2026, 10, 20), date(2026, 10, 5))  # after Q3
        s.commit()
        yield s, viewer


def test_scorecard_figures_match_the_hand_count(world) -> None:
    s, viewer = world
    ca, tt = agency(s, "cong_an"), agency(s, "thanh_tra")
    scores = {
        score.agency_id: score
        for score in scorecard(s, viewer, Q3, WorkingCalendar.load(s), TODAY, [ca.id, tt.id])
    }
    police = scores[ca.id]
    assert (
        police.requests_received, police.requests_on_time, police.requests_late,
        police.requests_open, police.requests_overdue,
    ) == (5, 2, 1, 2, 1)  # fmt: skip
    assert sorted(police.answer_days) == [0, 5, 7] and police.median_answer_days == 5
    assert (
        police.tasks_given, police.tasks_on_time, police.tasks_late, police.tasks_open,
        police.tasks_overdue,
    ) == (3, 1, 1, 1, 1)  # fmt: skip
    inspectorate = scores[tt.id]
    assert inspectorate.transfers_sent == 2 and inspectorate.transfers_overdue == 1
    assert dict(inspectorate.transfer_outcomes) == {"khoi_to": 1, "dang_xu_ly": 1}
    assert (
        inspectorate.petitions_forwarded, inspectorate.forwarded_on_time,
        inspectorate.forwarded_late,
    ) == (2, 1, 1)  # fmt: skip
    assert (inspectorate.proposals_made, inspectorate.proposals_approved) == (2, 1)
    assert inspectorate.requests_received == 0 and inspectorate.median_answer_days is None


def test_who_sees_which_scorecard(world) -> None:
    s, viewer = world
    every = list(s.scalars(select(Agency)))
    by_name = {u.username: u for u in s.scalars(select(User))}
    assert len(scorecard_agency_ids(viewer, every)) == sum(a.coordinating for a in every)
    assert scorecard_agency_ids(by_name["ca_lanhdao"], every) == [agency(s, "cong_an").id]
    assert scorecard_agency_ids(by_name["ca_canbo"], every) == []


def test_scorecard_page_xlsx_and_summary_report(world, app) -> None:
    commission = Browser(app, "nc_canbo")
    page = commission.get("/scorecard?period=2026-Q3").get_data(as_text=True)
    assert "Công an tỉnh" in page and "Thanh tra tỉnh" in page and "<svg" in page
    workbook = openpyxl.load_workbook(
        io.BytesIO(commission.get("/scorecard.xlsx?period=2026-Q3").data)
    )
    sheet = workbook.active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    # As above, counted today: R4 (due 30/10/2026) is overdue by now as well.
    assert rows["Công an tỉnh"][1:6] == (5, 2, 1, 2, 2)

    figures = commission.api("GET", "/api/v1/scorecard?period=2026-Q3").get_json()
    inspectorate = next(b for b in figures["bodies"] if b["agency"] == "thanh_tra")
    assert inspectorate["petitions_forwarded"] == {"total": 2, "on_time": 1, "late": 1}
    assert inspectorate["transfers"]["outcomes"] == {"khoi_to": 1, "dang_xu_ly": 1}

    head = Browser(app, "ca_lanhdao")
    own = head.get("/scorecard?period=2026-Q3").get_data(as_text=True)
    assert "Công an tỉnh" in own and "Thanh tra tỉnh" not in own
    assert Browser(app, "ca_canbo").get("/scorecard").status_code == 403
    assert Browser(app, "ca_canbo").api("GET", "/api/v1/scorecard").status_code == 403

    report = commission.post("/reports/summary", {"period": "2026-Q3", "province": "Thái Bình"})
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report.data)).paragraphs)
    assert "V. KẾT QUẢ THỰC HIỆN QUY CHẾ PHỐI HỢP" in text
    assert "VI. NHẬN XÉT, ĐÁNH GIÁ" in text
