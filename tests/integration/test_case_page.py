"""The case page: codes given by hoso, attach by any form of a number with a live picker,
the forms folded, one next action, and no status chosen in advance."""

from __future__ import annotations

import re

import pytest

from indexer.metadata import number_key
from records.calendar import local_today
from records.models import Case, CaseDocument
from tests.support.people import agency, make_document, make_user
from tests.support.web import Browser

pytestmark = pytest.mark.services


@pytest.fixture
def world(app, db) -> dict[str, int]:
    with db.session() as s:
        make_user(s, "nc_officer", "noi_chinh", ("officer",))
        decision = make_document(
            s, "noi_chinh", number="46/QĐ-VKSTC", subject="Quyết định kháng nghị"
        )
        decision.number_key = number_key(decision.number)
        other = make_document(s, "toa_an", number="47/QĐ-VKSTC", subject="Quyết định riêng")
        other.number_key = number_key(other.number)
        agency(s, "noi_chinh").abbreviation = "BNCTU"
        s.commit()
        return {"decision": decision.id, "other": other.id}


def _new_case(browser: Browser, **fields) -> int:
    data = {"title": "Sai phạm đất đai", "kind": "vu_viec", "lead": "noi_chinh",
            "confidentiality": "thuong", **fields}  # fmt: skip
    response = browser.post("/cases/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)[:1000]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def test_case_codes_are_given_per_body_kind_and_year_and_stay_editable(app, db, world) -> None:
    browser = Browser(app, "nc_officer")
    year = local_today().year
    form = browser.get("/cases/new").get_data(as_text=True)
    assert f'value="VV-BNCTU-{year}-001"' in form
    first = _new_case(browser, code="")
    second = _new_case(browser, code="")
    typed = _new_case(browser, code="VV-RIENG-01")
    trial = _new_case(browser, code="", kind="vu_an")
    with db.session() as s:
        codes = [s.get(Case, i).code for i in (first, second, typed, trial)]
    assert codes == [f"VV-BNCTU-{year}-001", f"VV-BNCTU-{year}-002", "VV-RIENG-01",
                     f"VA-BNCTU-{year}-001"]  # fmt: skip


def test_attach_accepts_every_number_form_and_the_picker_offers_matches(app, db, world) -> None:
    browser = Browser(app, "nc_officer")
    case_id = _new_case(browser, code="")
    picked = browser.get(f"/cases/{case_id}/document-picker?q=46/QD-VKSTC").get_json()
    assert [d["id"] for d in picked["documents"]] == [world["decision"]]
    by_words = browser.get(f"/cases/{case_id}/document-picker?q=kháng nghị").get_json()
    assert [d["id"] for d in by_words["documents"]] == [world["decision"]]
    hidden = browser.get(f"/cases/{case_id}/document-picker?q=47/QĐ-VKSTC").get_json()
    assert hidden["documents"] == []

    page = browser.post(
        f"/cases/{case_id}/documents", {"reference": "46/QD-VKSTC"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Quyết định kháng nghị" in page.split('id="documents"', 1)[1].split("</section>")[0]
    refused = browser.post(
        f"/cases/{case_id}/documents", {"reference": "47/QĐ-VKSTC"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Quyết định riêng" not in refused


def test_the_page_folds_its_forms_and_offers_one_next_action(app, db, world) -> None:
    browser = Browser(app, "nc_officer")
    case_id = _new_case(browser, code="")
    page = browser.get(f"/cases/{case_id}").get_data(as_text=True)
    assert page.count('id="next-action"') == 1 and 'href="#attach-forms"' in page
    assert re.search(r'<details class="card fold" id="status">', page)
    assert re.search(r'<details class="fold" id="transfer-forms">', page)
    status = page.split('name="status"', 1)[1].split("</select>", 1)[0]
    assert '<option value="" selected disabled>' in status
    assert status.count("selected") == 1


def test_suggestion_reasons_are_shown_in_the_users_language(app, db, world) -> None:
    browser = Browser(app, "nc_officer")
    case_id = _new_case(browser, code="VV-GOI-Y-1")
    with db.session() as s:
        s.add(
            CaseDocument(
                case_id=case_id, document_id=world["decision"], state="suggested",
                reason="trích dẫn văn bản 12/KL-TTr",
            )
        )  # fmt: skip
        s.commit()
    assert "trích dẫn văn bản 12/KL-TTr" in browser.get(f"/cases/{case_id}").get_data(as_text=True)
    browser.post("/locale/en")
    assert "cites document 12/KL-TTr" in browser.get(f"/cases/{case_id}").get_data(as_text=True)


def test_the_picker_does_not_answer_for_a_denouncers_name_hidden_from_the_user(
    app, db, world
) -> None:
    from datetime import date

    from records.petitions.documents import attach
    from records.petitions.machine import perform
    from tests.support.petitions import context, petition

    with db.session() as s:
        leader = make_user(s, "lanhdao", "noi_chinh", ("leader",))
        handler = make_user(s, "canbo_thu_ly", "noi_chinh")
        ctx = context(s, date(2026, 11, 26))
        denunciation = petition(s, leader, ctx, kind="to_cao")
        letter = make_document(
            s, "noi_chinh", number="9/ĐTC", subject="Đơn tố cáo của Nguyễn Văn An"
        )
        letter.number_key = number_key(letter.number)
        attach(s, leader, denunciation, letter, "letter")
        perform(s, leader, denunciation, "assign", {"handler": handler.id}, ctx)
        s.commit()
        letter_id = letter.id
    other = Browser(app, "nc_officer")
    case_id = _new_case(other, code="VV-TO-CAO-1")
    url = f"/cases/{case_id}/document-picker?q="
    assert other.get(url + "Nguyễn Văn An").get_json()["documents"] == []
    by_number = other.get(url + "9/ĐTC").get_json()["documents"]
    assert [d["id"] for d in by_number] == [letter_id]
    assert "Nguyễn Văn An" not in by_number[0]["subject"]
    handling = Browser(app, "canbo_thu_ly").get(url + "Nguyễn Văn An").get_json()["documents"]
    assert [d["id"] for d in handling] == [letter_id]
