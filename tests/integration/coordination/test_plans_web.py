"""Plans through the pages and the REST API: two bodies register the same unit in
overlapping months, the calendar flags both, the Commission resolves, the leader approves."""

from __future__ import annotations

import pytest

from records.models import Agency
from tests.support.people import make_user
from tests.support.web import Browser

pytestmark = pytest.mark.services


@pytest.fixture
def people(db):
    with db.session() as s:
        s.add(Agency(code="so_tai_chinh", name="Sở Tài chính tỉnh", abbreviation="STC",
                     aliases=["Sở Tài chính"], coordinating=False))  # fmt: skip
        for name, body, role in (
            ("tt_lanhdao", "thanh_tra", "leader"),
            ("ubkt_canbo", "uy_ban_kiem_tra", "officer"),
            ("nc_canbo", "noi_chinh", "officer"),
            ("ca_xem", "cong_an", "viewer"),
        ):
            make_user(s, name, body, (role,), "mat")
        s.commit()


def test_plans_overlap_resolution_and_approval(app, people) -> None:
    inspectorate = Browser(app, "tt_lanhdao")
    response = inspectorate.post(
        "/plans/new",
        {"kind": "thanh_tra", "unit_name": "Sở Tài chính", "subject": "Quản lý ngân sách",
         "period_start": "2027-03-01", "period_end": "2027-04-30"},
    )  # fmt: skip
    assert response.status_code == 302
    first_id = int(response.headers["Location"].rsplit("/", 1)[1])

    party = Browser(app, "ubkt_canbo")
    created = party.api(
        "POST", "/api/v1/plans",
        {"kind": "kiem_tra", "unit_name": "SỞ TÀI CHÍNH TỈNH", "subject": "Kiểm tra tổ chức đảng",
         "period_start": "2027-04-01", "period_end": "2027-05-31"},
    )  # fmt: skip
    assert created.status_code == 201
    body = created.get_json()
    assert body["item"]["unit_agency"] == "so_tai_chinh"
    assert [o["reason"] for o in body["overlaps"]] == ["unit"]
    bad = party.api(
        "POST", "/api/v1/plans",
        {"unit_name": "Sở Tài chính", "subject": "X", "period_start": "2027-12-01",
         "period_end": "2028-01-31"},
    )  # fmt: skip
    assert bad.status_code == 422 and bad.get_json()["error"] == "plan.period_outside_year"

    viewer = Browser(app, "ca_xem")
    calendar = viewer.get("/plans?year=2027").get_data(as_text=True)
    assert calendar.count("⚠") == 2 and "Quản lý ngân sách" in calendar
    assert viewer.get("/plans/new").status_code == 403

    approve = inspectorate.api("POST", f"/api/v1/plans/{first_id}/approve", {})
    assert approve.status_code == 422 and approve.get_json()["error"] == "plan.overlaps_open"
    overlap_id = body["overlaps"][0]["id"]
    assert (
        party.api(
            "POST", f"/api/v1/plans/overlaps/{overlap_id}/resolve", {"resolution": "x"}
        ).status_code
        == 403
    )
    commission = Browser(app, "nc_canbo")
    assert "Sở Tài chính" in commission.get("/plans/overlaps").get_data(as_text=True)
    commission.post(
        f"/plans/overlaps/{overlap_id}/resolve",
        {"resolution": "Ủy ban Kiểm tra lùi sang tháng 6."},
    )
    assert commission.api("GET", "/api/v1/plans/overlaps").get_json()["overlaps"] == []
    approved = inspectorate.api("POST", f"/api/v1/plans/{first_id}/approve", {})
    assert approved.get_json()["item"]["status"] == "approved"
    page = inspectorate.get(f"/plans/{first_id}").get_data(as_text=True)
    assert "Ủy ban Kiểm tra lùi sang tháng 6." in page
