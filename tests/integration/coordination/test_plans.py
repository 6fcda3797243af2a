"""Inspection plans without overlap: two bodies on the same unit (named differently, found
through the table of bodies and its aliases) in overlapping months are flagged, different
units are not; the Commission resolves before the items are approved."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from indexer.normalize import fold
from records.coordination import plans
from records.db import Database
from records.errors import NotAllowed, RuleError
from records.models import Agency, Notification, PlanOverlap, User
from records.policy import plan_clause
from tests.support.people import make_user

pytestmark = pytest.mark.services


@pytest.fixture
def s(db: Database):
    with db.session() as session:
        session.add(
            Agency(
                code="so_xay_dung", name="Sở Xây dựng tỉnh", abbreviation="SXD",
                aliases=["Sở Xây dựng", "SXD tỉnh"], coordinating=False,
            )
        )  # fmt: skip
        session.add(
            Agency(code="so_y_te", name="Sở Y tế tỉnh", abbreviation="SYT", coordinating=False)
        )
        session.flush()
        yield session


@pytest.fixture
def staff(s) -> dict[str, User]:
    return {
        "tt": make_user(s, "tt_canbo", "thanh_tra", ("officer",), "mat"),
        "tt_leader": make_user(s, "tt_lanhdao", "thanh_tra", ("leader",), "mat"),
        "ubkt": make_user(s, "ubkt_canbo", "uy_ban_kiem_tra", ("officer",), "mat"),
        "ca": make_user(s, "ca_canbo", "cong_an", ("officer",), "mat"),
        "nc": make_user(s, "nc_canbo", "noi_chinh", ("officer",), "mat"),
        "clerk": make_user(s, "ca_vanthu", "cong_an", ("clerk",), "thuong"),
    }


def _item(s, user, unit, start, end, subject="Công tác quản lý đầu tư xây dựng", **kw):
    return plans.register(
        s, user, year=2027, unit_name=unit, subject=subject, period_start=start,
        period_end=end, fold=fold, **kw,
    )  # fmt: skip


def test_same_unit_in_overlapping_months_is_flagged_and_different_units_are_not(s, staff) -> None:
    inspectorate = _item(s, staff["tt"], "Sở Xây dựng tỉnh", date(2027, 3, 1), date(2027, 4, 30))
    assert inspectorate.unit_agency.code == "so_xay_dung"
    party = _item(
        s, staff["ubkt"], "SO XAY DUNG", date(2027, 4, 15), date(2027, 5, 31),
        subject="Kiểm tra việc thực hiện nhiệm vụ đảng viên",
    )  # fmt: skip
    elsewhere = _item(s, staff["ca"], "Sở Y tế tỉnh", date(2027, 3, 1), date(2027, 4, 30))
    later = _item(s, staff["ca"], "SXD tỉnh", date(2027, 9, 1), date(2027, 10, 31),
                  subject="Phòng cháy chữa cháy")  # fmt: skip
    same_subject = _item(
        s, staff["ca"], "Sở Xây dựng", date(2027, 11, 1), date(2027, 11, 30),
        subject="công tác quản lý ĐẦU TƯ xây dựng",
    )  # fmt: skip

    overlaps = {(o.first_id, o.second_id): o.reason for o in s.scalars(select(PlanOverlap)).all()}
    assert overlaps == {
        tuple(sorted((inspectorate.id, party.id))): "unit",
        tuple(sorted((inspectorate.id, same_subject.id))): "subject",
    }
    assert elsewhere.id not in {i for pair in overlaps for i in pair}
    assert later.id not in {i for pair in overlaps for i in pair}
    # An unknown unit is compared by its folded name.
    a = _item(s, staff["tt"], "UBND xã Tân Phong", date(2027, 6, 1), date(2027, 6, 30))
    b = _item(s, staff["ubkt"], "ubnd xa tan phong", date(2027, 6, 20), date(2027, 7, 10))
    assert (
        s.scalar(
            select(PlanOverlap.reason).where(
                PlanOverlap.first_id == a.id, PlanOverlap.second_id == b.id
            )
        )
        == "unit"
    )
    notified = s.scalars(select(Notification.user_id).where(Notification.object_type == "plan"))
    assert staff["nc"].id in set(notified)


def test_the_commission_resolves_before_approval(s, staff) -> None:
    first = _item(s, staff["tt"], "Sở Xây dựng", date(2027, 3, 1), date(2027, 4, 30))
    _item(s, staff["ubkt"], "SXD", date(2027, 4, 1), date(2027, 4, 30))
    with pytest.raises(RuleError) as pending:
        plans.approve(s, staff["tt_leader"], first)
    assert pending.value.code == "plan.overlaps_open"
    (overlap,) = plans.open_overlaps(s, first)
    with pytest.raises(NotAllowed):
        plans.resolve(s, staff["tt"], overlap, "Tự xử lý")
    plans.resolve(s, staff["nc"], overlap, "Thành lập đoàn liên ngành do Thanh tra tỉnh chủ trì.")
    with pytest.raises(NotAllowed):
        plans.approve(s, staff["tt"], first)  # an officer does not approve
    plans.approve(s, staff["tt_leader"], first)
    assert first.status == "approved"
    with pytest.raises(RuleError):
        _item(s, staff["tt"], "Sở Xây dựng", date(2026, 12, 1), date(2027, 1, 31))


def test_every_coordinating_body_sees_the_calendar_within_clearance(s, staff) -> None:
    open_item = _item(s, staff["tt"], "Sở Y tế", date(2027, 2, 1), date(2027, 2, 28))
    secret = _item(
        s, staff["ca"], "Sở Y tế", date(2027, 8, 1), date(2027, 8, 31), confidentiality="mat"
    )
    seen = lambda user: set(s.scalars(select(open_item.__class__.id).where(plan_clause(user))))  # noqa: E731
    assert seen(staff["ubkt"]) == {open_item.id, secret.id}
    assert seen(staff["clerk"]) == {open_item.id}
    with pytest.raises(NotAllowed):
        _item(s, staff["clerk"], "Sở Y tế", date(2027, 2, 1), date(2027, 2, 28))
