"""An administrator edits a body's case-code pattern; new cases of that body (the form's
proposal and a code left empty) follow it, others keep the default, old codes stay."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from records.calendar import local_today
from records.models import AuditEvent, Case
from tests.support.ingest import signed_in
from tests.support.people import agency, make_user
from tests.support.web import Browser

pytestmark = pytest.mark.services


class _Admin:
    """An administrator's client (signed in with the second factor) posting its token."""

    def __init__(self, client, token: str) -> None:
        self.client, self.token = client, token

    def get(self, url: str):
        return self.client.get(url)

    def post(self, url: str, data: dict):
        return self.client.post(url, data={**data, "csrf_token": self.token})


def test_the_pattern_an_administrator_sets_numbers_the_bodys_new_cases(app, db) -> None:
    with db.session() as s:
        make_user(s, "cc_officer", "noi_chinh", ("officer",))
        agency(s, "noi_chinh").abbreviation = "BNCTU"
        s.commit()
    client, token = signed_in(app, db, "cc_admin", roles=("administrator",), totp=True)
    admin = _Admin(client, token)
    officer = Browser(app, "cc_officer")
    year = local_today().year
    assert officer.get("/admin/case-codes/").status_code == 403
    assert officer.post("/admin/case-codes/noi_chinh", {"pattern": "{serial}"}).status_code == 403

    page = admin.get("/admin/case-codes/").get_data(as_text=True)
    assert f"VV-BNCTU-{year}-001" in page
    refused = admin.post("/admin/case-codes/noi_chinh", {"pattern": "HS-{year}"})
    assert refused.status_code == 303
    shown = admin.get("/admin/case-codes/").get_data(as_text=True)
    assert "Mẫu mã phải có ô {serial} đúng một lần." in shown
    with db.session() as s:
        assert agency(s, "noi_chinh").case_code_pattern == ""  # nothing stored by a refusal

    data = {"title": "Sai phạm", "kind": "vu_viec", "lead": "noi_chinh",
            "confidentiality": "thuong", "code": ""}  # fmt: skip
    assert officer.post("/cases/new", data).status_code == 302  # before: the default pattern
    saved = admin.post("/admin/case-codes/noi_chinh", {"pattern": "{serial}/{year}/{body}"})
    assert saved.status_code == 303
    form = officer.get("/cases/new").get_data(as_text=True)
    assert f'value="001/{year}/BNCTU"' in form
    assert officer.post("/cases/new", data).status_code == 302
    assert officer.post("/cases/new", data).status_code == 302
    with db.session() as s:
        codes = set(s.scalars(select(Case.code)))
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "agency.case_code_pattern")
        ).all()
    assert codes == {f"VV-BNCTU-{year}-001", f"001/{year}/BNCTU", f"002/{year}/BNCTU"}
    assert [(e.detail["before"], e.detail["after"]) for e in events] == [
        ("", "{serial}/{year}/{body}")
    ]
