"""Proposals for the monitoring list: a body taking part proposes with reasons and
documents, the Commission reviews, the Standing Committee's decision is recorded with its
document and puts the case on the watch list; each step audited and notified."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from records import cases
from records.coordination import proposals
from records.db import Database
from records.errors import NotAllowed, RuleError
from records.models import AuditEvent, CaseEvent, Notification, Proposal, User
from records.policy import ProposalAction, can_proposal, proposal_clause
from tests.support.people import agency, make_document, make_user

pytestmark = pytest.mark.services


@pytest.fixture
def s(db: Database):
    with db.session() as session:
        yield session


@pytest.fixture
def staff(s) -> dict[str, User]:
    return {
        "tt": make_user(s, "tt_canbo", "thanh_tra", ("officer",), "mat"),
        "ca": make_user(s, "ca_canbo", "cong_an", ("officer",), "mat"),
        "nc": make_user(s, "nc_canbo", "noi_chinh", ("officer",), "mat"),
        "nc_leader": make_user(s, "nc_lanhdao", "noi_chinh", ("leader",), "mat"),
    }


def test_propose_review_decide_puts_the_case_on_the_watch_list(s, staff) -> None:
    case = cases.create_case(
        s, staff["tt"], code="VV-DX-01", title="Sai phạm đền bù giải phóng mặt bằng",
        lead_agency=agency(s, "thanh_tra"),
    )  # fmt: skip
    report = make_document(s, "thanh_tra", number="15/BC-TTr", subject="Báo cáo vụ việc")
    with pytest.raises(NotAllowed):  # the police take no part in it
        proposals.propose(s, staff["ca"], case, level="bcd_tinh", reasons="x", documents=[],
                          commission=agency(s, "noi_chinh"))  # fmt: skip
    proposal, outcome = proposals.propose(
        s, staff["tt"], case, level="bcd_tinh",
        reasons="Dư luận quan tâm, nhiều người bị ảnh hưởng.", documents=[report],
        commission=agency(s, "noi_chinh"),
    )  # fmt: skip
    assert outcome.reindex == {report.id}
    assert {a.code for a in report.shared_with} == {"noi_chinh"}
    with pytest.raises(RuleError):
        proposals.decide(s, staff["nc"], proposal, approved=True, document=report)  # not reviewed
    with pytest.raises(NotAllowed):
        proposals.review(s, staff["tt"], proposal, recommend=True, note="Tự đề nghị")
    proposals.review(s, staff["nc"], proposal, recommend=True, note="Đủ điều kiện.")
    decision = make_document(s, "noi_chinh", number="120-QĐ/TU", subject="Quyết định BTV")
    outcome = proposals.decide(s, staff["nc_leader"], proposal, approved=True, document=decision)
    s.flush()
    assert proposal.status == "approved" and case.monitoring_level == "bcd_tinh"
    kinds = [e.kind for e in s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id))]
    assert "proposal" in kinds and "monitoring" in kinds
    actions = set(s.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "proposal")))
    assert actions == {"proposal.create", "proposal.review", "proposal.decide"}
    notified = {
        (n.user_id, n.dedup_key.rsplit(":", 1)[1])
        for n in s.scalars(select(Notification).where(Notification.object_type == "proposal"))
    }
    assert (staff["tt"].id, "decided") in notified and (staff["nc"].id, "created") in notified
    assert all(user != staff["ca"].id for user, _ in notified)
    with pytest.raises(RuleError) as again:
        proposals.propose(s, staff["tt"], case, level="ban_thuong_vu", reasons="x",
                          documents=[], commission=agency(s, "noi_chinh"))  # fmt: skip
    assert again.value.code == "proposal.already_monitored"


def test_who_sees_a_proposal(s, staff) -> None:
    case = cases.create_case(
        s, staff["tt"], code="VV-DX-02", title="Vụ việc", lead_agency=agency(s, "thanh_tra"),
    )  # fmt: skip
    proposal, _ = proposals.propose(
        s, staff["tt"], case, level="ban_thuong_vu", reasons="Lý do", documents=[],
        commission=agency(s, "noi_chinh"),
    )  # fmt: skip
    assert can_proposal(staff["nc"], ProposalAction.SEE, proposal)
    assert not can_proposal(staff["ca"], ProposalAction.SEE, proposal)
    seen = lambda user: s.scalars(select(Proposal.id).where(proposal_clause(user))).all()  # noqa: E731
    assert seen(staff["ca"]) == [] and seen(staff["tt"]) == [proposal.id]
