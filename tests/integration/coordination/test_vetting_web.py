"""Cadre vetting through the pages and the REST API: the asking body's leader reads the
answers, its officer only their state, the asked body works on its own candidates, and a
body outside the request finds nothing anywhere (page, list, API, notifications, OpenAPI)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from records.calendar import local_today
from records.models import User
from records.petitions.context import Context
from tests.support.people import make_user
from tests.support.petitions import context, petition
from tests.support.web import Browser

pytestmark = pytest.mark.services


@pytest.fixture
def people(db):
    with db.session() as s:
        for name, body, role in (
            ("tc_lanhdao", "to_chuc", "leader"),
            ("tc_canbo", "to_chuc", "officer"),
            ("tt_canbo", "thanh_tra", "officer"),
            ("ca_canbo", "cong_an", "officer"),
            ("nc_lanhdao", "noi_chinh", "leader"),
        ):
            make_user(s, name, body, (role,), "toi_mat")
        ctx: Context = context(s, local_today())
        officer = s.scalars(select(User).where(User.username == "tt_canbo")).one()
        own = petition(
            s, officer, ctx, respondent="Tran Van Cuong, sinh nam 1968", summary="To cao."
        )
        s.commit()
        return {"petition": own.id}


def test_vetting_end_to_end_through_the_api_and_pages(app, people) -> None:
    asker = Browser(app, "tc_lanhdao")
    created = asker.api(
        "POST",
        "/api/v1/vetting",
        {
            "cadre_name": "Trần Văn Cường",
            "birth_date": "1968-05-01",
            "bodies": ["thanh_tra", "cong_an"],
            "position": "Chủ tịch UBND huyện",
        },
    )
    assert created.status_code == 201, created.get_json()
    vid = created.get_json()["id"]
    assert created.get_json()["confidentiality"] == "toi_mat"

    outsider = Browser(app, "nc_lanhdao")
    assert outsider.get(f"/vetting/{vid}").status_code == 404
    assert outsider.api("GET", f"/api/v1/vetting/{vid}").status_code == 404
    assert outsider.api("GET", "/api/v1/vetting").get_json()["total"] == 0
    assert "Cường" not in outsider.get("/vetting").get_data(as_text=True)
    assert "Cường" not in outsider.get("/notifications").get_data(as_text=True)
    assert outsider.api("POST", f"/api/v1/vetting/{vid}/search", {}).status_code == 404

    asked = Browser(app, "tt_canbo")
    page = asked.get(f"/vetting/{vid}").get_data(as_text=True)
    assert "Trần Văn Cường" in page and 'id="vetting-search"' in page
    searched = asked.api("POST", f"/api/v1/vetting/{vid}/search", {}).get_json()
    mine = next(a for a in searched["answers"] if a["agency"] == "thanh_tra")
    assert [(m["object_type"], m["object_id"]) for m in mine["matches"]] == [
        ("petition", people["petition"])
    ]
    assert "matches" not in next(a for a in searched["answers"] if a["agency"] == "cong_an")
    match_id = mine["matches"][0]["id"]
    response = asked.post(f"/vetting/{vid}/matches/{match_id}", {"state": "confirmed"})
    assert response.status_code == 302
    refused = asked.api("POST", f"/api/v1/vetting/{vid}/answer", {"text": ""})
    assert (
        refused.status_code == 422 and refused.get_json()["error"] == "vetting.answer_text_required"
    )
    response = asked.post(f"/vetting/{vid}/answer", {"text": "Có đơn tố cáo năm 2025."})
    assert response.status_code == 302

    leader_view = asker.api("GET", f"/api/v1/vetting/{vid}").get_json()
    answered = next(a for a in leader_view["answers"] if a["agency"] == "thanh_tra")
    assert answered["finding"] == "found" and answered["text"] == "Có đơn tố cáo năm 2025."
    assert [m["state"] for m in answered["matches"]] == ["confirmed"]
    assert "Có đơn tố cáo năm 2025." in asker.get(f"/vetting/{vid}").get_data(as_text=True)

    officer = Browser(app, "tc_canbo")
    officer_view = officer.api("GET", f"/api/v1/vetting/{vid}").get_json()
    status_only = next(a for a in officer_view["answers"] if a["agency"] == "thanh_tra")
    assert status_only["status"] == "answered" and "text" not in status_only
    assert "Có đơn tố cáo năm 2025." not in officer.get(f"/vetting/{vid}").get_data(as_text=True)

    # The police never read the inspectorate's answer or candidates.
    police = Browser(app, "ca_canbo")
    police_view = police.api("GET", f"/api/v1/vetting/{vid}").get_json()
    assert "text" not in next(a for a in police_view["answers"] if a["agency"] == "thanh_tra")
    assert "Có đơn tố cáo" not in police.get(f"/vetting/{vid}").get_data(as_text=True)


def test_the_form_refuses_bad_input_and_keeps_what_was_typed(app, people) -> None:
    asker = Browser(app, "tc_canbo")
    response = asker.post(
        "/vetting/new",
        {"cadre_name": "Lê Thị Dung", "birth_date": "", "bodies": "thanh_tra"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Cần nhập ngày sinh" in html and "Lê Thị Dung" in html
    assert Browser(app, "tt_canbo").get("/vetting/new").status_code == 403
    future = date(local_today().year + 1, 1, 1).isoformat()
    response = asker.post(
        "/vetting/new", {"cadre_name": "Lê Thị Dung", "birth_date": future, "bodies": "thanh_tra"}
    )
    assert "Ngày sinh không hợp lệ" in response.get_data(as_text=True)


def test_openapi_lists_the_vetting_endpoints(client) -> None:
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"/vetting", "/vetting/{request_id}", "/vetting/{request_id}/answer"} <= set(paths)
