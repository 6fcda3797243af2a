"""Meetings through the pages and the REST API: the Commission schedules, drafts the agenda,
records attendance and conclusions, and downloads the report to the Standing Committee; the
police report their task done; a body not invited finds nothing."""

from __future__ import annotations

import io
from datetime import timedelta

import docx
import pytest

from records.calendar import local_today
from tests.support.people import make_document, make_user
from tests.support.web import Browser

pytestmark = pytest.mark.services


@pytest.fixture
def people(db):
    with db.session() as s:
        for name, body, role in (
            ("nc_canbo", "noi_chinh", "officer"),
            ("tt_canbo", "thanh_tra", "officer"),
            ("ca_canbo", "cong_an", "officer"),
            ("ta_canbo", "toa_an", "officer"),
        ):
            make_user(s, name, body, (role,), "mat")
        minutes = make_document(s, "noi_chinh", number="07/BB-BNC", subject="Biên bản giao ban")
        s.commit()
        return {"minutes": minutes.id}


def test_a_meeting_from_scheduling_to_the_report(app, people) -> None:
    today = local_today()
    commission = Browser(app, "nc_canbo")
    created = commission.api(
        "POST",
        "/api/v1/meetings",
        {
            "title": "Giao ban 6 tháng",
            "held_on": today.isoformat(),
            "period_start": (today - timedelta(days=180)).isoformat(),
            "period_end": today.isoformat(),
            "bodies": ["thanh_tra", "cong_an"],
        },
    )
    assert created.status_code == 201, created.get_json()
    mid = created.get_json()["id"]

    drafted = commission.post(f"/meetings/{mid}/agenda/draft").get_data(as_text=True)
    assert "Vụ việc, vụ án thuộc diện theo dõi" in drafted
    commission.post(f"/meetings/{mid}/agenda", {"agenda": "1. Tiến độ các vụ việc trọng điểm"})
    commission.post(
        f"/meetings/{mid}/attendance",
        {"present_cong_an": "1", "attendee_cong_an": "Đại tá Nguyễn Văn C"},
    )
    refused = commission.api(
        "POST", f"/api/v1/meetings/{mid}/minutes", {"document": "không-có-văn-bản-này"}
    )
    assert refused.status_code == 422
    assert (
        commission.api(
            "POST", f"/api/v1/meetings/{mid}/minutes", {"document": str(people["minutes"])}
        ).status_code
        == 200
    )
    response = commission.post(
        f"/meetings/{mid}/follow-ups",
        {"task": "Báo cáo kết quả điều tra vụ VV-01", "agency": "cong_an", "working_days": "5"},
    )
    assert response.status_code == 302
    task = commission.api("GET", f"/api/v1/meetings/{mid}").get_json()["follow_ups"][0]
    assert task["agency"] == "cong_an" and task["working_days"] == 5

    report = commission.get(f"/meetings/{mid}/report.docx?province=Thái Bình")
    assert report.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report.data)).paragraphs)
    tables = docx.Document(io.BytesIO(report.data)).tables
    assert "TỈNH ỦY THÁI BÌNH" in "\n".join(c.text for t in tables for r in t.rows for c in r.cells)
    assert "Kết quả hội nghị giao ban" in text and "Đại tá Nguyễn Văn C" in text
    assert "Vắng: Thanh tra tỉnh." in text
    assert any("Báo cáo kết quả điều tra vụ VV-01" in c.text
               for t in tables for r in t.rows for c in r.cells)  # fmt: skip

    inspectorate = Browser(app, "tt_canbo")
    page = inspectorate.get(f"/meetings/{mid}").get_data(as_text=True)
    assert "Tiến độ các vụ việc trọng điểm" in page and "VV-01" not in page  # not its task
    assert inspectorate.get(f"/follow-ups/{task['id']}").status_code == 404
    assert inspectorate.get(f"/meetings/{mid}/report.docx").status_code == 403
    assert (
        inspectorate.api("POST", f"/api/v1/meetings/{mid}/agenda", {"text": "x"}).status_code == 403
    )
    assert inspectorate.api("GET", f"/api/v1/documents/{people['minutes']}").status_code == 200

    police = Browser(app, "ca_canbo")
    assert (
        police.api("POST", f"/api/v1/follow-ups/{task['id']}/complete", {"note": ""}).status_code
        == 422
    )
    done = police.api(
        "POST", f"/api/v1/follow-ups/{task['id']}/complete", {"note": "Đã gửi báo cáo."}
    )
    assert done.get_json()["status"] == "done"

    court = Browser(app, "ta_canbo")
    assert court.get(f"/meetings/{mid}").status_code == 404
    assert court.api("GET", "/api/v1/meetings").get_json()["total"] == 0
    assert court.api("GET", "/api/v1/follow-ups").get_json()["total"] == 0
