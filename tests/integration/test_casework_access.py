"""Who sees cases, their timelines, transfers and requests: the per-object rules and the SQL
clauses agree, over users of every body, role and clearance."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from records import cases, requests, transfers
from records.models import Case, InfoRequest, Transfer
from records.policy import (
    Action,
    RequestAction,
    can_case,
    can_request,
    can_see_transfer,
    case_clause,
    request_clause,
    transfer_clause,
    visible_ids,
)
from tests.support.people import agency, make_user

pytestmark = pytest.mark.services

BODIES = ("thanh_tra", "uy_ban_kiem_tra", "cong_an", "toa_an", "noi_chinh")
ROLES = (("officer",), ("viewer",), ("auditor",))
CLEARANCES = ("thuong", "mat")


@pytest.fixture
def s(db):
    with db.session() as session:
        yield session


def _world(s):
    lead = make_user(s, "lead", "thanh_tra", ("leader",), clearance="toi_mat")
    objects = []
    for level, monitored in itertools.product(("thuong", "mat"), (False, True)):
        case = cases.create_case(
            s,
            lead,
            code=f"VV-{level}-{int(monitored)}",
            title="x",
            lead_agency=agency(s, "thanh_tra"),
            coordinating=[agency(s, "uy_ban_kiem_tra")],
            confidentiality=level,
        )
        if monitored:
            cases.set_monitoring(s, lead, case, "bcd_tinh", "BCĐ tỉnh")
        transfers.create_transfer(
            s,
            lead,
            case,
            to_agency=agency(s, "cong_an"),
            legal_basis="lpctn_62",
            sent_date=date.today(),
        )
        requests.create_request(
            s,
            lead,
            to_agency=agency(s, "toa_an"),
            subject="Bản án",
            due_date=date.today() + timedelta(days=5),
            case=case,
        )
        objects.append(case)
    users = [
        make_user(s, f"u_{body}_{roles[0]}_{level}", body, roles, clearance=level)
        for body, roles, level in itertools.product(BODIES, ROLES, CLEARANCES)
    ]
    return users


def test_sql_clauses_agree_with_the_per_object_rules(s) -> None:
    users = _world(s)
    all_cases = s.scalars(select(Case)).all()
    all_transfers = s.scalars(select(Transfer)).all()
    all_requests = s.scalars(select(InfoRequest)).all()
    cells = 0
    for user in users:
        by_sql = set(s.scalars(select(Case.id).where(case_clause(user))))
        by_rule = {c.id for c in all_cases if can_case(user, Action.SEE, c)}
        assert by_sql == by_rule, user.username
        by_sql = set(s.scalars(select(Transfer.id).where(transfer_clause(user))))
        by_rule = {t.id for t in all_transfers if can_see_transfer(user, t, s.get(Case, t.case_id))}
        assert by_sql == by_rule, user.username
        by_sql = set(s.scalars(select(InfoRequest.id).where(request_clause(user))))
        by_rule = {r.id for r in all_requests if can_request(user, RequestAction.SEE, r)}
        assert by_sql == by_rule, user.username
        cells += len(all_cases) + len(all_transfers) + len(all_requests)
    assert cells == len(users) * 12


def test_who_sees_what(s) -> None:
    users = {u.username: u for u in _world(s)}
    codes = lambda user: {  # noqa: E731 (a one-line helper)
        code for code in s.scalars(select(Case.code).where(case_clause(users[user])))
    }
    # Lead and coordinating bodies see their cases within clearance.
    assert codes("u_thanh_tra_officer_mat") == {
        "VV-thuong-0",
        "VV-thuong-1",
        "VV-mat-0",
        "VV-mat-1",
    }
    assert codes("u_uy_ban_kiem_tra_officer_thuong") == {"VV-thuong-0", "VV-thuong-1"}
    # A body outside the case sees neither it nor its timeline's requests.
    assert codes("u_toa_an_officer_mat") == set()
    # The commission sees the monitored cases only; auditors see no cases.
    assert codes("u_noi_chinh_officer_mat") == {"VV-thuong-1", "VV-mat-1"}
    assert codes("u_noi_chinh_auditor_mat") == set()
    # The police see the transfers they received, not the cases.
    police = users["u_cong_an_officer_mat"]
    assert len(s.scalars(select(Transfer.id).where(transfer_clause(police))).all()) == 4

    # Requests: the asked court sees them, the coordinating UBKT does not, the commission does.
    def count(user):
        return len(s.scalars(select(InfoRequest.id).where(request_clause(users[user]))).all())

    assert count("u_toa_an_officer_mat") == 4
    assert count("u_uy_ban_kiem_tra_officer_mat") == 0
    assert count("u_noi_chinh_officer_mat") == 4
    assert count("u_noi_chinh_officer_thuong") == 2


def test_visible_ids_denies_unknown_object_types(s) -> None:
    users = _world(s)
    request_ids = s.scalars(select(InfoRequest.id)).all()
    commission = next(u for u in users if u.username == "u_noi_chinh_officer_mat")
    assert visible_ids(s, commission, "request", request_ids) == {str(i) for i in request_ids}
    assert visible_ids(s, commission, "petition", request_ids) == set()
    assert visible_ids(s, commission, "request", ["x", ""]) == set()
