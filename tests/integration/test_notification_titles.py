"""Notification titles in the reader's language: a title stored with its key is shown in
English to an English reader and in Vietnamese otherwise; rows without a key (written before
keys existed) and e-mail keep the stored Vietnamese text."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from records.alerts import handler_assigned
from records.models import Case, Notification
from records.notification_titles import TEMPLATES, title
from records.notify import notify
from tests.support.people import agency, make_user
from tests.support.web import Browser

pytestmark = pytest.mark.services


def test_a_keyed_title_follows_the_readers_language_and_old_rows_stay_readable(app, db) -> None:
    with db.session() as s:
        officer = make_user(s, "nt_officer", "noi_chinh", ("officer",))
        case = Case(code="VV-NT-1", title="Sai phạm đất đai", lead_agency=agency(s, "noi_chinh"))
        s.add(case)
        s.flush()
        assert handler_assigned(s, case, officer, None)
        notify(s, officer, "deadline", "Thông báo cũ không có khóa")
        s.commit()
        stored = s.scalar(select(Notification).where(Notification.title_key != ""))
        assert stored.title == "Bạn được giao thụ lý vụ việc VV-NT-1: Sai phạm đất đai"
        assert (stored.title_key, stored.title_params) == (
            "case.handler",
            {"case": "VV-NT-1: Sai phạm đất đai"},
        )

    browser = Browser(app, "nt_officer")
    vietnamese = browser.get("/notifications").get_data(as_text=True)
    assert "Bạn được giao thụ lý vụ việc VV-NT-1: Sai phạm đất đai" in vietnamese
    english = browser.get("/notifications", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "You were made the officer in charge of case VV-NT-1: Sai phạm đất đai" in english
    assert "Thông báo cũ không có khóa" in english  # an old row: its stored text
    listed = browser.client.get(
        "/api/v1/notifications", headers={"Accept-Language": "en"}
    ).get_json()["notifications"]
    assert "You were made the officer in charge of case VV-NT-1: Sai phạm đất đai" in {
        n["title"] for n in listed
    }


def test_every_template_takes_its_parameters() -> None:
    sample = {
        name: "x"
        for name in ("case", "due", "body", "request", "transfer", "id", "meeting", "day",
                     "year", "first", "second", "number", "rule", "name", "what")
    }  # fmt: skip
    for key, template in TEMPLATES.items():
        assert title(key, **sample).text == template % sample
    with pytest.raises(KeyError):
        title("case.handler")  # a missing parameter fails when the title is made
