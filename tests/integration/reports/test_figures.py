"""Every figure of the dashboard against the seeded dataset of tests/support/reports.py,
worked out by hand (period: 2026-Q2, read on Wed 15/07/2026), and access: a body counts
only what it may see."""

from __future__ import annotations

from datetime import date

import pytest

from records.calendar import WorkingCalendar
from records.reports import Dashboard, Period, Scope, build
from tests.support.people import agency
from tests.support.reports import TODAY, World, seed

pytestmark = pytest.mark.services


@pytest.fixture
def s(db):
    with db.session() as session:
        yield session


@pytest.fixture
def world(s) -> World:
    return seed(s)


def dashboard(s, user, period: str = "2026-Q2", **filters) -> Dashboard:
    scope = Scope(user, Period.parse(period), TODAY, WorkingCalendar.load(s), **filters)
    return build(s, scope, rows=50)


def test_petitions_of_the_commission(s, world) -> None:
    d = dashboard(s, world.users["nc_leader"]).petitions
    # Received in Q2: P1, P4 (khiếu nại), P2, P9 (tố cáo), P3 (kiến nghị); P5 came in July,
    # P8 in March, P6 and P7 belong to the inspectorate.
    received = {kind: row.received for kind, row in d.by_kind.items()}
    assert received == {"khieu_nai": 2, "to_cao": 2, "kien_nghi": 1, "phan_anh": 0}
    # Settled in Q2: P8 decided 01/04 after 12 working days (17–20/03, 23–27/03, 30/03–01/04),
    # P1 decided 20/04 after 10 (07–10/04, 13–17/04, 20/04); P2 forwarded 04/05 after 3
    # (28/04, 29/04, 04/05: 27/04, 30/04 and 01/05 are holidays).
    complaints, denunciations = d.by_kind["khieu_nai"], d.by_kind["to_cao"]
    assert (complaints.settled, complaints.time.average, complaints.time.longest) == (2, 11.0, 12)
    assert (denunciations.settled, denunciations.time.average) == (1, 3.0)
    assert d.by_kind["kien_nghi"].time.average is None
    # Open today among those received by 30/06: P4, P9, P3; overdue: P3 (due 10/07).
    assert {k: (r.open, r.overdue) for k, r in d.by_kind.items()} == {
        "khieu_nai": (1, 0),
        "to_cao": (1, 0),
        "kien_nghi": (1, 1),
        "phan_anh": (0, 0),
    }
    totals = d.totals
    assert (totals.received, totals.settled, totals.open, totals.overdue) == (5, 3, 3, 1)
    assert totals.time.average == round(25 / 3, 1) == 8.3
    assert list(d.by_agency) == ["noi_chinh"]
    assert vars(d.by_agency["noi_chinh"]) == {"received": 5, "settled": 3, "open": 3, "overdue": 1}
    assert d.by_state == {"CLOSED": 1, "FORWARDED": 1, "TRIAGE": 1, "ACCEPTED": 1, "VERIFYING": 1}
    assert d.received_by_bucket == {"2026-04": 2, "2026-05": 1, "2026-06": 2}
    assert d.settled_by_bucket == {"2026-04": 2, "2026-05": 1, "2026-06": 0}


def test_overdue_and_near_due_petitions_most_urgent_first(s, world) -> None:
    """Near due = within 3 working days of Wed 15/07: up to Mon 20/07."""
    d = dashboard(s, world.users["nc_leader"]).petitions
    rows = [(item.id, item.overdue, item.working_days) for item in d.due]
    assert rows == [
        (world.petitions["P3"], True, 3),  # due Fri 10/07: 13, 14, 15/07 late
        (world.petitions["P5"], False, 1),  # due Thu 16/07
        (world.petitions["P4"], False, 2),  # due Fri 17/07
    ]
    assert (d.overdue_total, d.near_total) == (1, 2)


def test_a_body_never_counts_another_bodys_petitions(s, world) -> None:
    inspectorate = dashboard(s, world.users["tt_officer"]).petitions
    assert inspectorate.totals.received == 2  # P6, P7 — none of the commission's
    assert list(inspectorate.by_agency) == ["thanh_tra"]
    # P6 forwarded 20/05 after 6 working days (13–15/05, 18–20/05).
    assert inspectorate.by_kind["to_cao"].time.average == 6.0
    assert [item.id for item in inspectorate.due] == [world.petitions["P7"]]
    assert inspectorate.due[0].working_days == 10  # due 01/07: 02–03, 06–10, 13–15/07
    # Filtering the commission's dashboard by the inspectorate shows nothing of P6, P7.
    filtered = dashboard(s, world.users["nc_leader"], agency_id=agency(s, "thanh_tra").id)
    assert filtered.petitions.totals.received == 0 and filtered.petitions.due == []


def test_clearance_limits_every_count(s, world) -> None:
    viewer = dashboard(s, world.users["nc_viewer"])
    assert viewer.petitions.by_kind["to_cao"].received == 1  # P9 is MẬT
    assert [c.code for c in viewer.cases.watch] == ["VA-02", "VV-01"]
    assert viewer.transfers.total == 3  # the commission sees every transfer of its level
    assert viewer.requests.totals.sent == 5


def test_filters_by_kind(s, world) -> None:
    d = dashboard(s, world.users["nc_leader"], petition_kind="khieu_nai")
    assert list(d.petitions.by_kind) == ["khieu_nai"]
    assert d.petitions.totals.received == 2
    assert [item.id for item in d.petitions.due] == [world.petitions["P4"]]
    cases = dashboard(s, world.users["nc_leader"], case_kind="vu_an").cases
    assert [c.code for c in cases.watch] == ["VA-02"]
    assert cases.by_status == {"dieu_tra": {"vu_an": 1}}


def test_watch_list_and_case_counts(s, world) -> None:
    d = dashboard(s, world.users["nc_leader"]).cases
    # The commission sees the monitored VV-01 and VA-02 and its own VV-03; not VV-04
    # (another body's, unmonitored) nor VV-05 (TỐI MẬT).
    watch = [(c.code, c.monitoring_level, c.last_event, c.idle_days) for c in d.watch]
    assert watch == [
        ("VA-02", "bcd_trung_uong", "status", 14),  # last activity 01/07
        ("VV-01", "bcd_tinh", "status", 74),  # last activity 02/05
    ]
    assert d.watch_total == 2
    assert d.watch[1].crime_signs and not d.watch[0].crime_signs
    assert d.by_status == {
        "xac_minh": {"vu_viec": 1},
        "dieu_tra": {"vu_an": 1},
        "tiep_nhan": {"vu_viec": 1},
    }
    assert d.by_level == {"bcd_trung_uong": 1, "bcd_tinh": 1}
    assert {code: vars(row) for code, row in d.by_agency.items()} == {
        "cong_an": {"total": 1, "monitored": 1, "flagged": 0, "opened": 0},
        "noi_chinh": {"total": 1, "monitored": 0, "flagged": 1, "opened": 1},
        "thanh_tra": {"total": 1, "monitored": 1, "flagged": 1, "opened": 1},
    }
    assert d.opened_by_bucket == {"2026-04": 1, "2026-05": 1, "2026-06": 0}


def test_transfers_and_cases_awaiting_one(s, world) -> None:
    d = dashboard(s, world.users["nc_leader"]).transfers
    # Sent in Q2 and visible to the commission: T1, T3, T2 (T4 in July, T5 TỐI MẬT).
    t = world.transfers
    assert [row.id for row in d.rows] == [t["T2"], t["T3"], t["T1"]]
    assert d.total == 3
    assert d.by_outcome == {
        "dang_xu_ly": 2,
        "khoi_to": 1,
        "khong_khoi_to": 0,
        "tam_dinh_chi": 0,
        "tra_lai": 0,
    }
    assert {code: vars(row) for code, row in d.by_agency.items()} == {
        "cong_an": {"sent": 2, "answered": 1, "pending": 1, "overdue": 0},
        "vien_kiem_sat": {"sent": 1, "answered": 0, "pending": 1, "overdue": 1},
    }
    assert d.sent_by_bucket == {"2026-04": 1, "2026-05": 1, "2026-06": 1}
    # T1: sent 15/04, prosecution decided 05/05: 16–17/04, 20–24/04, 28–29/04, 04–05/05.
    assert (d.time.count, d.time.average) == (1, 11.0)
    assert d.overdue_now == 1  # T2, due 22/06
    rows = {row.id: row for row in d.rows}
    assert rows[t["T2"]].working_days == 32  # 01/06 -> 15/07 without an answer
    assert rows[t["T1"]].case_code == "VA-02"
    assert rows[t["T3"]].case_code is None  # VV-04 is not the commission's to see
    assert rows[t["T2"]].petition_id == world.petitions["P9"]
    # Flagged without a transfer: VV-01 since 01/06 (5 working days: due 08/06, overdue,
    # 44 days), VV-03 since 14/07 (due 21/07).
    awaiting = [(a.code, a.due, a.overdue, a.days) for a in d.awaiting]
    assert awaiting == [
        ("VV-01", date(2026, 6, 8), True, 44),
        ("VV-03", date(2026, 7, 21), False, 1),
    ]
    assert (d.awaiting_total, d.awaiting_overdue) == (2, 1)


def test_information_requests(s, world) -> None:
    d = dashboard(s, world.users["nc_leader"]).requests
    rows = {code: vars(row) for code, row in d.by_agency.items()}
    blank = {"sent": 1, "answered": 0, "on_time": 0, "late": 0, "open": 0, "overdue": 0}
    assert rows == {
        "cong_an": {**blank, "answered": 1, "on_time": 1, "withdrawn": 0},
        "thanh_tra": {**blank, "answered": 1, "late": 1, "withdrawn": 0},
        "to_chuc": {**blank, "withdrawn": 1},
        "uy_ban_kiem_tra": {**blank, "open": 1, "withdrawn": 0},
        "vien_kiem_sat": {**blank, "open": 1, "overdue": 1, "withdrawn": 0},
    }
    totals = d.totals
    assert (totals.sent, totals.answered, totals.on_time, totals.late) == (5, 2, 1, 1)
    # R1 answered after 9 working days (02–03/04, 06–10/04, 13–14/04), R2 after 12.
    assert (d.time.count, d.time.average, d.time.longest) == (2, 10.5, 12)
    assert d.sent_by_bucket == {"2026-04": 1, "2026-05": 2, "2026-06": 2}
    r = world.requests
    assert [(i.id, i.overdue, i.working_days) for i in d.due] == [
        (r["R3"], True, 3),
        (r["R4"], False, 1),
        (r["R6"], False, 3),
    ]
    inspectorate = dashboard(s, world.users["tt_officer"]).requests
    assert inspectorate.totals.sent == 2  # R1 (asked by it), R2 (asked of it)


def test_counts_over_time_and_a_five_year_review(s, world) -> None:
    d = dashboard(s, world.users["nc_leader"])
    assert [(row.bucket.key, row.petitions_received, row.requests_sent) for row in d.by_bucket] == [
        ("2026-04", 2, 1),
        ("2026-05", 1, 2),
        ("2026-06", 2, 2),
    ]
    review = dashboard(s, world.users["nc_leader"], period="2022-2026")
    assert [row.bucket.key for row in review.by_bucket] == ["2022", "2023", "2024", "2025", "2026"]
    assert review.by_bucket[-1].petitions_received == 7  # every visible one, all in 2026
