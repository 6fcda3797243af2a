"""Case rules on PostgreSQL: statuses, monitoring, parties, documents, suggestions, audit."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from records import cases
from records.case_status import STATUSES, TRANSITIONS
from records.errors import NotAllowed, RuleError
from records.models import AuditEvent, CaseDocument, CaseEvent, Document, Notification
from tests.support.people import agency, make_document, make_user

pytestmark = pytest.mark.services


@pytest.fixture
def s(db):
    with db.session() as session:
        yield session


@pytest.fixture
def people(s):
    return {
        "lead": make_user(s, "tt_officer", "thanh_tra", ("officer",)),
        "lead_leader": make_user(s, "tt_leader", "thanh_tra", ("leader",)),
        "lead_viewer": make_user(s, "tt_viewer", "thanh_tra", ("viewer",)),
        "coord": make_user(s, "ubkt_officer", "uy_ban_kiem_tra", ("officer",)),
        "outsider": make_user(s, "toa_officer", "toa_an", ("officer",)),
        "nc": make_user(s, "nc_officer", "noi_chinh", ("officer",)),
    }


@pytest.fixture
def case(s, people):
    return cases.create_case(
        s,
        people["lead"],
        code="VV-2026-001",
        title="Sai phạm đất đai xã An Bình",
        lead_agency=agency(s, "thanh_tra"),
        coordinating=[agency(s, "uy_ban_kiem_tra")],
    )


def _events(s, case, kind):
    return s.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == kind)
    ).all()


def _audits(s, action):
    return s.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def test_create_starts_in_the_initial_status_audits_and_notifies(s, people, case) -> None:
    assert case.status == "tiep_nhan" and case.kind == "vu_viec"
    assert [e.kind for e in case.events] == ["created"] or _events(s, case, "created")
    assert _audits(s, "case.create")[0].object_id == str(case.id)
    notified = s.scalars(
        select(Notification.user_id).where(Notification.object_type == "case")
    ).all()
    # The coordinating body's officer is told; the creator is not told about their own work.
    assert people["coord"].id in notified and people["lead"].id not in notified
    assert people["outsider"].id not in notified


def test_code_must_be_unique_and_well_formed(s, people, case) -> None:
    for code, rule in (("VV-2026-001", "case.code_taken"), ("a b", "case.code_invalid")):
        with pytest.raises(RuleError) as err:
            cases.create_case(
                s, people["lead"], code=code, title="x", lead_agency=agency(s, "thanh_tra")
            )
        assert err.value.code == rule


def test_creator_from_another_body_joins_as_coordinating(s, people) -> None:
    case = cases.create_case(
        s, people["nc"], code="VV-NC-1", title="Theo dõi", lead_agency=agency(s, "thanh_tra")
    )
    assert {a.code for a in case.agencies} == {"noi_chinh"}


def test_every_status_transition_is_checked(s, people, case) -> None:
    """Each (current, target) pair: allowed ones are recorded, the rest refused."""
    for current, target in itertools.product(STATUSES, STATUSES):
        case.status = current
        case.kind = (
            "vu_an" if current not in ("tiep_nhan", "xac_minh", "chuyen_cqdt") else "vu_viec"
        )
        if current == "ket_thuc":
            case.kind = "vu_viec"
        allowed = target in TRANSITIONS[current]
        if allowed:
            row = cases.change_status(s, people["lead"], case, target, "ghi chú")
            assert case.status == target and row.detail["from"] == current
        else:
            with pytest.raises(RuleError) as err:
                cases.change_status(s, people["lead"], case, target)
            assert err.value.code == "case.status_not_allowed"
            assert case.status == current
    legal = sum(len(targets) for targets in TRANSITIONS.values())
    assert len(_events(s, case, "status")) == legal
    assert len(_audits(s, "case.status")) == legal


def test_initiating_prosecution_makes_the_matter_a_criminal_case(s, people, case) -> None:
    cases.change_status(s, people["lead"], case, "xac_minh")
    cases.change_status(s, people["lead"], case, "chuyen_cqdt")
    row = cases.change_status(s, people["lead"], case, "khoi_to", "QĐ khởi tố 12/QĐ-CSĐT")
    assert case.kind == "vu_an" and row.detail["kind"] == ["vu_viec", "vu_an"]
    assert [e.detail["to"] for e in _events(s, case, "status")] == [
        "xac_minh",
        "chuyen_cqdt",
        "khoi_to",
    ]
    assert len(_audits(s, "case.status")) == 3


def test_only_the_lead_bodys_editors_change_status(s, people, case) -> None:
    for who in ("coord", "outsider", "lead_viewer", "nc"):
        with pytest.raises(NotAllowed):
            cases.change_status(s, people[who], case, "xac_minh")
    assert case.status == "tiep_nhan"


def test_monitoring_changes_are_recorded_with_who_when_why(s, people, case) -> None:
    with pytest.raises(RuleError) as err:
        cases.set_monitoring(s, people["lead_leader"], case, "bcd_tinh", "  ")
    assert err.value.code == "case.monitoring_reason_required"
    with pytest.raises(RuleError):
        cases.set_monitoring(s, people["lead_leader"], case, "ban_chi_dao_xyz", "lý do")
    cases.set_monitoring(s, people["lead_leader"], case, "bcd_tinh", "Kết luận phiên họp BCĐ")
    cases.set_monitoring(s, people["lead_leader"], case, "bcd_trung_uong", "BCĐ TW đưa vào diện")
    assert case.monitoring_level == "bcd_trung_uong"
    assert case.monitoring_set_by_id == people["lead_leader"].id and case.monitoring_set_at
    history = [
        (e.detail["from"], e.detail["to"], e.detail["reason"])
        for e in _events(s, case, "monitoring")
    ]
    assert history == [
        (None, "bcd_tinh", "Kết luận phiên họp BCĐ"),
        ("bcd_tinh", "bcd_trung_uong", "BCĐ TW đưa vào diện"),
    ]
    assert len(_audits(s, "case.monitoring")) == 2


def test_parties_are_added_and_removed_on_the_timeline(s, people, case) -> None:
    party = cases.add_party(s, people["lead"], case, "Nguyễn Văn A", "person", "Chủ tịch UBND xã")
    cases.remove_party(s, people["lead"], case, party.id)
    assert [
        e.kind
        for e in s.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
        )
    ] == [
        "created",
        "party_added",
        "party_removed",
    ]
    with pytest.raises(RuleError):
        cases.add_party(s, people["lead"], case, "", "person")


def test_attach_detach_with_reason_and_reindex_ids(s, people, case) -> None:
    own = make_document(s, "thanh_tra", number="12/KL-TTr", subject="Kết luận thanh tra")
    before = own.changed_at
    outcome = cases.attach(s, people["lead"], case, own, "Kết luận thanh tra")
    assert outcome.reindex == {own.id} and own.changed_at > before
    with pytest.raises(RuleError) as err:
        cases.attach(s, people["lead"], case, own)
    assert err.value.code == "case.already_attached"
    with pytest.raises(RuleError) as err:
        cases.detach(s, people["lead"], case, own, "")
    assert err.value.code == "case.detach_reason_required"
    cases.detach(s, people["lead"], case, own, "Nhầm vụ việc")
    link = s.get(CaseDocument, (case.id, own.id))
    assert link.state == "detached" and link.reason == "Nhầm vụ việc"
    cases.attach(s, people["lead"], case, own, "Gắn lại")
    kinds = [
        e.kind
        for e in s.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
        )
    ]
    assert kinds == ["created", "attached", "detached", "attached"]
    assert [
        a.action
        for a in s.scalars(
            select(AuditEvent).where(AuditEvent.object_type == "case").order_by(AuditEvent.id)
        )
    ][-3:] == [
        "case.attached",
        "case.detached",
        "case.attached",
    ]


def test_coordinating_body_attaches_only_its_own_documents(s, people, case) -> None:
    theirs = make_document(s, "uy_ban_kiem_tra", number="5/TB-UBKT")
    lead_doc = make_document(s, "thanh_tra", number="7/BC-TTr")
    cases.attach(s, people["coord"], case, theirs, "Thông báo của UBKT")
    lead_doc.shared_with.append(agency(s, "uy_ban_kiem_tra"))
    with pytest.raises(NotAllowed):
        cases.attach(s, people["coord"], case, lead_doc)
    # The outsider can neither attach nor detach.
    with pytest.raises(NotAllowed):
        cases.detach(s, people["outsider"], case, theirs, "x")


def test_lead_cannot_attach_a_document_it_cannot_see(s, people, case) -> None:
    hidden = make_document(s, "toa_an", number="1/BA-TA")
    with pytest.raises(NotAllowed):
        cases.attach(s, people["lead"], case, hidden)
    secret = make_document(s, "thanh_tra", number="2/BC-TTr", confidentiality="toi_mat")
    with pytest.raises(NotAllowed):
        cases.attach(s, people["lead"], case, secret)  # clearance mat < toi_mat


def test_suggestions_are_confirmed_or_rejected_keeping_the_reason(s, people, case) -> None:
    first = make_document(s, "thanh_tra", number="3/CV-TTr")
    second = make_document(s, "thanh_tra", number="4/CV-TTr")
    for document in (first, second):
        s.add(
            CaseDocument(
                case_id=case.id,
                document_id=document.id,
                state="suggested",
                reason="mã vụ việc VV-2026-001",
            )
        )
    s.flush()
    cases.attach(s, people["lead"], case, first, "Đúng vụ việc")
    cases.reject_suggestion(s, people["lead"], case, second, "Không liên quan")
    assert s.get(CaseDocument, (case.id, first.id)).state == "attached"
    assert s.get(CaseDocument, (case.id, second.id)).state == "rejected"
    confirmed = _events(s, case, "suggestion_confirmed")[0]
    rejected = _events(s, case, "suggestion_rejected")[0]
    assert confirmed.detail["suggested_because"] == "mã vụ việc VV-2026-001"
    assert rejected.detail["suggested_because"] == "mã vụ việc VV-2026-001"
    with pytest.raises(RuleError) as err:
        cases.reject_suggestion(s, people["lead"], case, second)
    assert err.value.code == "case.not_suggested"


def test_adding_a_coordinating_body_reindexes_attached_documents(s, people, case) -> None:
    document = make_document(s, "thanh_tra", number="9/KL-TTr")
    cases.attach(s, people["lead"], case, document, "KL")
    outcome = cases.update_case(
        s, people["lead"], case, coordinating=[agency(s, "uy_ban_kiem_tra"), agency(s, "cong_an")]
    )
    assert outcome.reindex == {document.id}
    assert _events(s, case, "updated")[0].detail["agencies_added"] == ["cong_an"]


def test_handler_must_belong_to_the_lead_body(s, people, case) -> None:
    with pytest.raises(RuleError) as err:
        cases.update_case(s, people["lead"], case, handler=people["coord"])
    assert err.value.code == "case.handler_not_in_lead_body"
    cases.update_case(s, people["lead"], case, handler=people["lead_leader"])
    titles = s.scalars(
        select(Notification.title).where(Notification.user_id == people["lead_leader"].id)
    ).all()
    assert any(t.startswith("Bạn được giao thụ lý vụ việc VV-2026-001") for t in titles)


def test_find_document_by_id_and_number(s, people) -> None:
    document = make_document(s, "thanh_tra", number="15/2024/QĐ-UBND")
    assert cases.find_document(s, str(document.id)) is document
    assert cases.find_document(s, "#" + str(document.id)) is document
    assert cases.find_document(s, "15/2024/QĐ-UBND") is document
    assert cases.find_document(s, "không có") is None
    assert s.get(Document, document.id) is document
