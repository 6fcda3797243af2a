"""The petition REST API: described in OpenAPI, registering, listing, steps and refusals."""

from __future__ import annotations

import pytest

from records.calendar import local_today
from tests.integration.petitions.conftest import World
from tests.integration.petitions.test_web import _login

pytestmark = pytest.mark.services

BODY = {
    "kind": "to_cao",
    "channel": "chuyen_den",
    "forwarded_by": "Ban Tiếp công dân tỉnh",
    "summary": "Tố cáo ông Hồ Văn K thu tiền sai quy định, theo bà Đinh Thị M.",
    "respondent": "Ông Hồ Văn K",
    "petitioners": [{"name": "Đinh Thị M", "address": "Xóm 2", "phone": "0911000111"}],
}


def test_openapi_describes_the_petition_endpoints(client) -> None:
    spec = client.get("/api/v1/openapi.json").json
    for path in (
        "/petitions",
        "/petitions/{petition_id}",
        "/petitions/{petition_id}/steps",
        "/petition-rules",
        "/working-calendar/{year}",
    ):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/petitions"]
    assert "PetitionRegistration" in spec["components"]["schemas"]


def test_register_list_show_and_step(client, world: World) -> None:
    token = _login(client, "lanhdao")
    headers = {"X-CSRFToken": token}
    body = {**BODY, "received_on": local_today().isoformat()}
    created = client.post("/api/v1/petitions", json=body, headers=headers)
    assert created.status_code == 201, created.json
    petition = created.json
    assert petition["due"]["rule"] == "T1" and petition["petitioners"][0]["name"] == "Đinh Thị M"
    assert {r["rule"] for r in petition["reminders"]} == {"T2", "T8"}
    assert "triage" in petition["actions"]

    invalid = client.post(
        "/api/v1/petitions", json={**body, "summary": "", "kind": "x"}, headers=headers
    )
    assert invalid.status_code == 422
    assert "Loại đơn không hợp lệ: x." in invalid.json["errors"]
    assert "Thiếu tóm tắt nội dung đơn." in invalid.json["errors"]

    listed = client.get("/api/v1/petitions?kind=to_cao&due=open").json
    assert listed["total"] == 1 and listed["items"][0]["id"] == petition["id"]

    url = f"/api/v1/petitions/{petition['id']}/steps"
    refused = client.post(url, json={"action": "accept"}, headers=headers)
    assert refused.status_code == 409
    assert refused.json["message"].startswith(
        "Không thể «Thụ lý» khi đơn đang ở trạng thái «Đã vào sổ»"
    )
    missing = client.post(
        url, json={"action": "triage", "values": {"competent_level": "huyen"}}, headers=headers
    )
    assert missing.status_code == 422 and "Cấp có thẩm quyền" in missing.json["message"]
    done = client.post(
        url, json={"action": "triage", "values": {"competent_self": True}}, headers=headers
    )
    assert done.status_code == 200 and done.json["state"] == "TRIAGE"
    assert [h["action"] for h in done.json["history"]] == ["register", "triage"]

    rules = client.get("/api/v1/petition-rules").json["rules"]
    assert [r["limit"] for r in rules if r["id"] == "K2"] == [10, 7]
    calendar = client.get("/api/v1/working-calendar/2026").json
    assert {"day": "2026-08-22", "working": True, "note": "Ngày làm việc bù"} in calendar["days"]


def test_identity_is_hidden_in_the_api_for_a_clerk(client, world: World) -> None:
    token = _login(client, "lanhdao")
    created = client.post(
        "/api/v1/petitions",
        json={**BODY, "received_on": local_today().isoformat()},
        headers={"X-CSRFToken": token},
    ).json
    client.post("/logout", data={"csrf_token": token})
    clerk_token = _login(client, "vanthu")
    seen = client.get(f"/api/v1/petitions/{created['id']}").json
    assert seen["identity_hidden"] is True and seen["petitioners"] is None
    assert "Đinh Thị M" not in seen["summary"] and seen["summary"].endswith("theo bà […].")
    role = client.post(
        f"/api/v1/petitions/{created['id']}/steps",
        json={"action": "set_flags", "values": {}},
        headers={"X-CSRFToken": clerk_token},
    )
    assert role.status_code == 403
    client.post("/logout", data={"csrf_token": clerk_token})
    _login(client, "congan")
    # Another body's petition is not found, like a missing one (no existence leak).
    assert client.get(f"/api/v1/petitions/{created['id']}").status_code == 404
    assert client.get("/api/v1/petitions").json["total"] == 0
