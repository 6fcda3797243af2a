"""A denouncer's identity everywhere (issue 13, item 5; Law on Denunciations Art. 56): the
petition list's text search, file names, and the forms a name or number is written in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest

from indexer.normalize import fold
from records.models import Petitioner
from records.petitions.identity import redact
from tests.access.actors import Actor, Actors

NAME = "Đỗ Văn Quyllen"
ID_NUMBER = "001188002345"
PHONE = "0987654321"
PERSON = Petitioner(name=NAME, address="số 12 đường Lê Lợi", id_number=ID_NUMBER, phone=PHONE)


@pytest.mark.parametrize(
    "written",
    [
        "Ông Quyllen",
        "bà Văn Quyllen",
        "Đ.V.Quyllen",
        "Đ. V. Quyllen",
        "ĐỖ VĂN QUYLLEN",
        "Do_Van_Quyllen",
        "Đ. Quyllen",
        "Đỗ V. Quyllen",
        "DoVanQuyllen",
        "ĐVQuyllen",
        "+84 (0) 987654321",
        "001 188 002 345",
        "001.188.002.345",
        "0987.654.321",
        "0987 654 321",
        "+84987654321",
        "+84 987 654 321",
        "(84) 987-654-321",
        "số 12 đường Lê Lợi",
    ],
)
def test_every_common_form_of_the_identity_is_masked(written: str) -> None:
    masked = redact(f"Người tố cáo: {written}, xin giữ bí mật.", [PERSON], fold)
    assert masked == "Người tố cáo: […], xin giữ bí mật." or (
        masked.startswith("Người tố cáo: ") and "[…]" in masked and "Quyllen" not in masked
    ), masked
    assert not any(ch.isdigit() for ch in masked.replace("12", "")), masked


def test_other_numbers_and_words_are_left_alone() -> None:
    text = "Số 0987654321999 và ông Nguyễn An không phải người tố cáo."
    assert redact(text, [PERSON], fold) == text


AN = Petitioner(name="Trần Thị An", address="", id_number="", phone="")
BINH = Petitioner(name="Lê Văn Bình", address="", id_number="", phone="")


@pytest.mark.parametrize(
    ("text", "person", "masked"),
    [
        ("Hôm qua anh Quyllen đến trụ sở.", PERSON, "Hôm qua anh […] đến trụ sở."),
        ("Quyllen đã ký vào đơn.", PERSON, "[…] đã ký vào đơn."),
        ("Đơn này là của An.", AN, "Đơn này là của […]."),
        ("Bình, người viết đơn, xin giấu tên.", BINH, "[…], người viết đơn, xin giấu tên."),
        ("Don_to_cao_Quyllen.txt", PERSON, "Don_to_cao_[…].txt"),
    ],
)
def test_a_bare_given_name_standing_alone_is_masked(
    text: str, person: Petitioner, masked: str
) -> None:
    assert redact(text, [person], fold) == masked


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Đất tại tỉnh An Giang và tỉnh Bình Dương.", AN),
        ("Đất tại tỉnh An Giang và tỉnh Bình Dương.", BINH),
        ("Người bị tố cáo là ông Nguyễn Văn An.", AN),
        ("Hồ sơ của Nguyễn Văn Bình, cán bộ địa chính.", BINH),
        ("Cần bảo đảm an toàn, giữ bình an cho người dân.", AN),
        ("Cần bảo đảm an toàn, giữ bình an cho người dân.", BINH),
        ("an", AN),
        ("bình", BINH),
    ],
)
def test_a_given_name_within_another_name_or_a_lowercase_word_is_left_alone(
    text: str, person: Petitioner
) -> None:
    assert redact(text, [person], fold) == text


def test_a_file_name_is_masked() -> None:
    name = f"Don_to_cao_Do_Van_Quyllen_CCCD_{ID_NUMBER}.txt"
    assert redact(name, [PERSON], fold) == "Don_to_cao_[…]_CCCD_[…].txt"


# -- through the REST API --------------------------------------------------------------------
@pytest.fixture
def actors(db, client) -> Iterator[Actors]:
    yield Actors(db, client)


def _register(actors: Actors, leader: Actor, document_ids: list[int]) -> int:
    response = actors.post(
        leader,
        "/api/v1/petitions",
        {
            "kind": "to_cao", "received_on": date.today().isoformat(),
            "summary": f"Ông {NAME} tố cáo sai phạm giao đất", "respondent": "Chủ tịch UBND xã",
            "petitioners": [{"name": NAME, "id_number": ID_NUMBER, "phone": PHONE}],
            "document_ids": document_ids,
        },
    )  # fmt: skip
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["id"]


@pytest.mark.services
def test_the_petition_list_search_finds_no_denunciation_by_its_denouncers_name(
    actors: Actors,
) -> None:
    leader = actors.make("lanh_dao", "noi_chinh", "leader", "mat")
    clerk = actors.make("van_thu", "noi_chinh", "clerk", "mat")
    _register(actors, leader, [])

    def found(who: Actor, text: str) -> int:
        response = actors.get(who, f"/api/v1/petitions?q={text}")
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()["total"]

    assert found(leader, "Quyllen") == 1
    assert found(clerk, "Quyllen") == 0
    assert found(clerk, "UBND xã") == 1  # the respondent names no denouncer


@pytest.mark.services
def test_a_denunciations_file_name_is_masked_for_those_not_handling_it(actors: Actors) -> None:
    leader = actors.make("lanh_dao2", "noi_chinh", "leader", "mat")
    clerk = actors.make("van_thu2", "noi_chinh", "clerk", "mat")
    name = f"Don_to_cao_Do_Van_Quyllen_CCCD_{ID_NUMBER}.txt"
    uploaded = actors.upload(leader, b"Don to cao cua ong Quyllen", name, confidentiality="mat")
    document_id = uploaded.get_json()["id"]
    _register(actors, leader, [document_id])

    shown = actors.get(clerk, f"/api/v1/documents/{document_id}").get_json()
    listed = actors.get(clerk, "/api/v1/documents").get_json()

    assert shown["filename"] == "Don_to_cao_[…]_CCCD_[…].txt"
    assert [d["filename"] for d in listed["documents"]] == ["Don_to_cao_[…]_CCCD_[…].txt"]
    assert actors.get(leader, f"/api/v1/documents/{document_id}").get_json()["filename"] == name


@pytest.mark.services
def test_assigning_a_denunciation_is_a_leaders_act(actors: Actors) -> None:
    leader = actors.make("lanh_dao3", "noi_chinh", "leader", "mat")
    officer = actors.make("can_bo3", "noi_chinh", "officer", "mat")
    petition_id = _register(actors, leader, [])
    path = f"/api/v1/petitions/{petition_id}"
    assign = {"action": "assign", "values": {"handler": officer.id}}

    refused = actors.post(officer, f"{path}/steps", assign)

    assert refused.status_code == 403, refused.get_data(as_text=True)
    assert actors.get(officer, path).get_json()["petitioners"] is None
    assert actors.post(leader, f"{path}/steps", assign).status_code == 200
    assert actors.get(officer, path).get_json()["petitioners"][0]["name"] == NAME


@pytest.mark.services
def test_an_invisible_petition_is_not_found_like_a_missing_one(actors: Actors) -> None:
    leader = actors.make("lanh_dao4", "noi_chinh", "leader", "mat")
    outsider = actors.make("can_bo_tt", "thanh_tra", "leader", "tuyet_mat")
    petition_id = _register(actors, leader, [])

    hidden = actors.get(outsider, f"/api/v1/petitions/{petition_id}")
    missing = actors.get(outsider, f"/api/v1/petitions/{petition_id + 1000}")

    assert (hidden.status_code, missing.status_code) == (404, 404)
    assert hidden.get_json() == missing.get_json()


LETTER = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐƠN TỐ CÁO\n\n"
    f"Tôi là {NAME}, CCCD số {ID_NUMBER}, điện thoại {PHONE}, trú tại số 12 đường Lê Lợi.\n"
    "Tôi xin tố cáo hành vi vi phạm của ông Chủ tịch UBND xã Hòa Bình trong giao đất.\n"
)


@pytest.mark.services
def test_a_letter_hoso_recognises_as_a_denunciation_is_protected_once_parsed(
    actors: Actors,
) -> None:
    from indexer import pipeline

    officer = actors.make("can_bo_tt5", "thanh_tra", "officer", "mat")
    police = actors.make("can_bo_ca5", "cong_an", "officer", "mat")
    uploaded = actors.upload(officer, LETTER.encode(), "don.txt", share="cong_an")
    document_id = uploaded.get_json()["id"]
    assert actors.get(police, f"/api/v1/documents/{document_id}").status_code == 200

    assert pipeline.parse(document_id)

    document = actors.document(document_id)
    assert document.doc_type == "don_to_cao"
    assert document.confidentiality == "mat" and document.shared_with == []
    assert actors.get(police, f"/api/v1/documents/{document_id}").status_code == 404


@pytest.mark.services
def test_a_masked_letters_related_documents_do_not_lead_to_its_denouncer(
    actors: Actors, search_engine, hoso_settings
) -> None:
    """An unregistered copy of a registered letter is like it, so the letter's similar
    documents would list it — with the name in its file name and subject — to a colleague
    who reads the letter masked."""
    from indexer import pipeline

    leader = actors.make("lanh_dao6", "noi_chinh", "leader", "mat")
    clerk = actors.make("van_thu6", "noi_chinh", "clerk", "mat")
    letter = actors.upload(leader, LETTER.encode(), "don.txt", confidentiality="mat")
    copy = actors.upload(
        leader,
        f"{LETTER}Bản sao.\n".encode(),
        "Don_to_cao_Do_Van_Quyllen.txt",
        confidentiality="mat",
    )
    letter_id, copy_id = letter.get_json()["id"], copy.get_json()["id"]
    assert pipeline.parse(letter_id) and pipeline.parse(copy_id)
    _register(actors, leader, [letter_id])
    assert sorted(pipeline.index([letter_id, copy_id])) == sorted([letter_id, copy_id])
    search_engine.refresh(hoso_settings.index_alias)

    def related(who: Actor) -> dict:
        response = actors.get(who, f"/api/v1/documents/{letter_id}/related")
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    def listed(found: dict) -> set[int]:
        return {ref["id"] for key in ("similar", "same_document") for ref in found[key]}

    assert copy_id in listed(related(leader))  # those handling it see the copy is related
    masked = related(clerk)
    assert copy_id not in listed(masked)
    assert "quyllen" not in fold(str(masked)) and ID_NUMBER not in str(masked)


@pytest.mark.services
def test_a_masked_letters_similar_documents_have_its_denouncer_masked_too(
    actors: Actors, search_engine, hoso_settings
) -> None:
    """A second denunciation, masked for the clerk by its own denouncer, is listed as
    similar to the first; its file name names the first one's denouncer, which the clerk
    must not read beside the first letter either."""
    from indexer import pipeline

    leader = actors.make("lanh_dao8", "noi_chinh", "leader", "mat")
    clerk = actors.make("van_thu8", "noi_chinh", "clerk", "mat")
    letter = actors.upload(leader, LETTER.encode(), "don.txt", confidentiality="mat")
    other = actors.upload(
        leader,
        LETTER.replace(NAME, "Trần Thị Bích Ngọc").encode(),
        "Don_lan_2_cung_noi_dung_voi_Do_Van_Quyllen.txt",
        confidentiality="mat",
    )
    letter_id, other_id = letter.get_json()["id"], other.get_json()["id"]
    assert pipeline.parse(letter_id) and pipeline.parse(other_id)
    _register(actors, leader, [letter_id])
    second = actors.post(
        leader,
        "/api/v1/petitions",
        {
            "kind": "to_cao", "received_on": date.today().isoformat(),
            "summary": "Tố cáo sai phạm giao đất lần hai", "respondent": "Chủ tịch UBND xã",
            "petitioners": [{"name": "Trần Thị Bích Ngọc"}], "document_ids": [other_id],
        },
    )  # fmt: skip
    assert second.status_code == 201, second.get_data(as_text=True)
    assert sorted(pipeline.index([letter_id, other_id])) == sorted([letter_id, other_id])
    search_engine.refresh(hoso_settings.index_alias)

    found = actors.get(clerk, f"/api/v1/documents/{letter_id}/related").get_json()
    listed = [ref for key in ("similar", "same_document") for ref in found[key]]

    assert other_id in {ref["id"] for ref in listed}  # masked for the clerk, so it is listed
    assert "quyllen" not in fold(str(listed))


@pytest.mark.services
def test_a_recognised_letter_is_offered_for_registration_as_a_denunciation(
    actors: Actors, app
) -> None:
    """The document page offers the petition register's form, filled from the letter, to
    those who may register it for their body; registering links the letter itself."""
    from indexer import pipeline
    from records.models import PetitionDocument
    from records.policy import unregistered_letter
    from tests.support.auth import PASSWORD, Account, login, post_form

    officer = actors.make("can_bo7", "noi_chinh", "officer", "mat")
    viewer = actors.make("xem7", "noi_chinh", "viewer", "mat")
    clerk = actors.make("van_thu7", "noi_chinh", "clerk", "mat")
    uploaded = actors.upload(officer, LETTER.encode(), "don.txt", confidentiality="mat")
    document_id = uploaded.get_json()["id"]
    assert pipeline.parse(document_id)
    offer = f"/petitions/new?document={document_id}"

    def browser(who: Actor):
        client = app.test_client()
        login(client, Account(who.id, who.username, PASSWORD))
        return client

    officer_web, viewer_web = browser(officer), browser(viewer)
    assert offer in officer_web.get(f"/documents/{document_id}").get_data(as_text=True)
    assert offer not in viewer_web.get(f"/documents/{document_id}").get_data(as_text=True)
    assert viewer_web.get(offer).status_code == 403  # the form is refused like the link
    form = officer_web.get(offer).get_data(as_text=True)
    assert f'name="document_id" value="{document_id}"' in form
    assert re.search(r'value="to_cao" required\s+checked', form)
    # The numbers the letter gives are filled in too, so that masking hides them as well.
    assert f'name="p_id" value="{re.sub(r"[^0-9]", "", ID_NUMBER)}"' in form
    assert f'name="p_phone" value="{re.sub(r"[^0-9]", "", PHONE)}"' in form

    registered = post_form(
        officer_web,
        "/petitions/new",
        {
            "document_id": str(document_id), "kind": "to_cao",
            "received_on": date.today().isoformat(), "channel": "buu_chinh",
            "summary": "Tố cáo sai phạm giao đất", "confidentiality": "mat",
            "addressed_level": "tinh", "p_name": NAME, "p_id": ID_NUMBER,
        },
    )  # fmt: skip

    assert registered.status_code == 303, registered.get_data(as_text=True)[:2000]
    with actors.db.session() as session:
        link = session.get(PetitionDocument, (_petition_id(session, document_id), document_id))
        assert link is not None and link.role == "letter"
        assert not unregistered_letter(actors.document(document_id), session)
    assert offer not in officer_web.get(f"/documents/{document_id}").get_data(as_text=True)
    masked = actors.get(clerk, f"/api/v1/documents/{document_id}/text").get_data(as_text=True)
    assert "Quyllen" not in masked
    # Registered, the letter is masked: its form, filled from it, is nobody's any more.
    clerk_form = browser(clerk).get(offer)
    assert clerk_form.status_code == 403 and "Quyllen" not in clerk_form.get_data(as_text=True)
    assert officer_web.get(offer).status_code == 403


def _petition_id(session, document_id: int) -> int:
    from sqlalchemy import select

    from records.models import PetitionDocument

    return session.scalar(
        select(PetitionDocument.petition_id).where(PetitionDocument.document_id == document_id)
    )
