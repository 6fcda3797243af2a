"""Cadre vetting: each asked body finds candidates in its own records only, decides them and
answers; the answers reach the asking body's leaders and nobody outside the request."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from indexer import pipeline
from indexer.engine import SearchEngine
from indexer.normalize import fold
from indexer.vetting_search import find_candidates
from records import reminders
from records.calendar import local_today
from records.config import Settings
from records.coordination import vetting
from records.db import Database
from records.errors import NotAllowed, RuleError
from records.models import AuditEvent, Notification, User, VettingRequest
from records.policy import VettingAction, can_read_answer, can_vetting, vetting_clause
from tests.support.people import agency, make_user
from tests.support.petitions import context, document, petition

pytestmark = pytest.mark.services

CADRE = "Nguyễn Văn Bình"
BORN = date(1975, 3, 4)


@pytest.fixture
def s(db: Database):
    with db.session() as session:
        yield session


@pytest.fixture
def staff(s) -> dict[str, User]:
    return {
        "tc_leader": make_user(s, "tc_lanhdao", "to_chuc", ("leader",), "toi_mat"),
        "tc_officer": make_user(s, "tc_canbo", "to_chuc", ("officer",), "toi_mat"),
        "tt_officer": make_user(s, "tt_canbo", "thanh_tra", ("officer",), "toi_mat"),
        "tt_clerk": make_user(s, "tt_vanthu", "thanh_tra", ("clerk",), "toi_mat"),
        "tt_low": make_user(s, "tt_canbo_mat", "thanh_tra", ("officer",), "mat"),
        "ca_officer": make_user(s, "ca_canbo", "cong_an", ("officer",), "toi_mat"),
        "nc_leader": make_user(s, "nc_lanhdao", "noi_chinh", ("leader",), "tuyet_mat"),
    }


def _ask(s, staff, **values) -> VettingRequest:
    data = {
        "cadre_name": CADRE,
        "birth_date": BORN,
        "bodies": [agency(s, "thanh_tra"), agency(s, "cong_an")],
        "position": "Phó Giám đốc",
        "unit": "Sở Xây dựng",
    }
    data.update(values)
    return vetting.create_request(s, staff["tc_leader"], **data)


def test_a_match_in_own_petitions_by_unaccented_name_and_birth_year_not_another_bodys(
    s, staff
) -> None:
    ctx = context(s, local_today())
    own = petition(
        s, staff["tt_officer"], ctx,
        respondent="Ong Nguyen Van Binh, sinh nam 1975, Pho Giam doc So Xay dung",
        summary="Khieu nai viec cap phep xay dung sai quy dinh.",
    )  # fmt: skip
    unrelated = petition(
        s, staff["tt_officer"], ctx,
        respondent="Bà Trần Thị Bình", summary="Khiếu nại thu hồi đất của ông Nguyễn Văn An.",
    )  # fmt: skip
    police = petition(
        s, staff["ca_officer"], ctx,
        respondent="Nguyễn Văn Bình (1975)", summary="Tố cáo nhận hối lộ.",
    )  # fmt: skip
    request = _ask(s, staff)
    assert request.confidentiality == "toi_mat"

    found = vetting.petition_candidates(s, staff["tt_officer"], request, fold)
    assert [(c.object_id, c.reasons) for c in found] == [(own.id, ("name", "birth_year", "unit"))]
    assert unrelated.id not in {c.object_id for c in found}
    assert police.id not in {c.object_id for c in found}
    theirs = vetting.petition_candidates(s, staff["ca_officer"], request, fold)
    assert [c.object_id for c in theirs] == [police.id]


def test_answering_needs_every_candidate_decided_and_reaches_the_askers_leaders_only(
    s, staff, db: Database, hoso_settings: Settings, search_engine: SearchEngine
) -> None:
    ctx = context(s, local_today())
    own = petition(
        s, staff["tt_officer"], ctx, respondent="Nguyen Van Binh sinh 1975", summary="Tố cáo."
    )
    letter = document(
        s, hoso_settings, staff["tt_officer"], "ket-luan.txt",
        "Kết luận thanh tra: ông Nguyễn Văn Bình, Phó Giám đốc Sở Xây dựng, sinh năm 1975, "
        "chịu trách nhiệm về sai phạm.",
    )  # fmt: skip
    police_letter = document(
        s, hoso_settings, staff["ca_officer"], "bao-cao.txt",
        "Báo cáo của Công an về ông Nguyễn Văn Bình sinh năm 1975.",
    )  # fmt: skip
    request = _ask(s, staff)
    s.commit()
    for doc_id in (letter.id, police_letter.id):
        assert pipeline.parse(doc_id)
    pipeline.index([letter.id, police_letter.id])
    search_engine.refresh(hoso_settings.index_alias)

    officer = staff["tt_officer"]
    answer = find_candidates(s, search_engine, hoso_settings.index_alias, officer, request)
    found = {(m.object_type, m.object_id): m for m in answer.matches}
    assert set(found) == {("petition", own.id), ("document", letter.id)}
    assert set(found["document", letter.id].reasons) == {"name", "birth_year", "unit"}

    with pytest.raises(RuleError) as undecided:
        vetting.answer(s, officer, request, "")
    assert undecided.value.code == "vetting.undecided"
    vetting.decide_match(s, officer, request, found["petition", own.id].id, "dismissed")
    vetting.decide_match(s, officer, request, found["document", letter.id].id, "confirmed")
    with pytest.raises(RuleError):
        vetting.answer(s, officer, request, "")  # a confirmed record needs an explanation
    vetting.answer(s, officer, request, "Có kết luận thanh tra về trách nhiệm của ông Bình.")
    s.commit()
    assert answer.finding == "found" and request.status == "open"  # the police still owe one

    assert can_read_answer(staff["tc_leader"], answer)
    assert can_read_answer(officer, answer)
    assert not can_read_answer(staff["tc_officer"], answer)  # the asker's officer: status only
    assert can_vetting(staff["tc_officer"], VettingAction.SEE, request)
    police_answer = vetting.answer_of(request, staff["ca_officer"].agency_id)
    assert not can_read_answer(officer, police_answer)  # one asked body never reads another's
    for outsider in (staff["nc_leader"], staff["tt_clerk"]):
        assert not can_vetting(outsider, VettingAction.SEE, request)
    assert not can_vetting(staff["tt_low"], VettingAction.SEE, request)  # below TỐI MẬT
    visible = lambda user: s.scalars(select(VettingRequest.id).where(vetting_clause(user))).all()  # noqa: E731
    assert visible(staff["nc_leader"]) == [] and visible(staff["tt_low"]) == []
    assert visible(staff["ca_officer"]) == [request.id]

    notices = s.scalars(select(Notification).where(Notification.object_type == "vetting")).all()
    assert {n.user_id for n in notices if "đã trả lời" in n.title} == {staff["tc_leader"].id}
    assert all("Bình" not in n.title for n in notices)
    assert s.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "vetting.answer", AuditEvent.level == "toi_mat"
        )
    )


def test_who_may_ask_and_at_what_level(s, staff) -> None:
    with pytest.raises(NotAllowed):
        vetting.create_request(
            s, staff["tt_officer"], cadre_name=CADRE, birth_date=BORN,
            bodies=[agency(s, "cong_an")],
        )  # fmt: skip
    for values, code in (
        ({"confidentiality": "thuong"}, "vetting.level_too_low"),
        ({"confidentiality": "tuyet_mat"}, "confidentiality_above_clearance"),
        ({"bodies": []}, "vetting.bodies_required"),
        ({"bodies": [agency(s, "to_chuc")]}, "vetting.own_body"),
        ({"birth_date": None}, "vetting.birth_date_required"),
        ({"cadre_name": "  "}, "vetting.name_required"),
    ):
        with pytest.raises(RuleError) as refused:
            _ask(s, staff, **values)
        assert refused.value.code == code
    commission = vetting.create_request(
        s, staff["nc_leader"], cadre_name=CADRE, birth_date=BORN, bodies=[agency(s, "cong_an")]
    )
    assert commission.due_date > local_today()


def test_an_unanswered_body_is_reminded_once_overdue_and_a_withdrawal_closes_it(s, staff) -> None:
    request = _ask(s, staff, due_date=local_today() + timedelta(days=2))
    vetting.answer(s, staff["ca_officer"], request, "")
    s.commit()
    overdue_day = request.due_date + timedelta(days=1)
    reminders.run(s, overdue_day)
    reminders.run(s, overdue_day)
    late = s.scalars(
        select(Notification).where(
            Notification.object_type == "vetting", Notification.kind == "deadline"
        )
    ).all()
    assert {n.user_id for n in late} == {staff["tt_officer"].id}  # once; not the police
    assert "quá hạn" in late[0].title
    vetting.withdraw(s, staff["tc_leader"], request, "Cán bộ không còn trong diện quy hoạch.")
    assert {a.agency.code: a.status for a in request.answers} == {
        "thanh_tra": "withdrawn",
        "cong_an": "answered",
    }
    with pytest.raises(RuleError):
        vetting.answer(s, staff["tt_officer"], request, "")
