"""Saved-search alerts: newly indexed documents notify owners who may see them, once."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from indexer import alerts, pipeline
from records.models import Agency, Case, CaseDocument, Document, Notification, SavedSearch
from tests.support.search_world import CASE_CODE, Spec, World, add_and_index

pytestmark = pytest.mark.services

QUERY = "sigmaword kiểm kê"


def _notified(world: World) -> dict[str, set[str]]:
    with world.db.session() as session:
        rows = session.execute(
            select(Notification.user_id, Notification.object_id, Notification.link).where(
                Notification.kind == alerts.ALERT_KIND
            )
        ).all()
        users = {world.user(session, n).id: n for n in ("nc", "nc_low", "tt", "ca")}
    out: dict[str, set[str]] = {}
    for user_id, object_id, link in rows:
        assert link == f"/documents/{object_id}"
        out.setdefault(users[user_id], set()).add(world.name_of(int(object_id)))
    return out


def test_alerts_reach_only_owners_who_may_see_the_new_document(world: World) -> None:
    with world.db.session() as session:
        for name, alert, filters in (
            ("nc", True, {}),
            ("nc_low", True, {}),
            ("tt", True, {}),
            ("ca", False, {}),  # alert off
            ("tt", True, {"doc_types": ["bien_ban"]}),  # filtered out below
        ):
            session.add(
                SavedSearch(
                    user=world.user(session, name),
                    name=f"kiểm kê ({name})",
                    query=QUERY,
                    filters=filters,
                    alert=alert,
                )
            )
    new = {
        "new_public": Spec(
            "noi_chinh", ["Biên bản sigmaword kiểm kê tài sản."], "bao_cao", issued=date(2025, 5, 1)
        ),
        "new_secret": Spec(
            "noi_chinh",
            ["Báo cáo sigmaword kiểm kê kho."],
            "bao_cao",
            number="09/BC-NC",
            subject="Kiểm kê kho vật chứng sigmaword",
            issued=date(2025, 5, 2),
            confidentiality="mat",
        ),
        "new_tt": Spec(
            "thanh_tra", ["Sigmaword: kiểm kê hồ sơ thanh tra."], "bao_cao", issued=date(2025, 5, 3)
        ),
        "new_other": Spec(
            "noi_chinh", ["Công văn về tiếp công dân."], "cong_van", issued=date(2025, 5, 4)
        ),
    }
    ids = [add_and_index(world, name, spec) for name, spec in new.items()]

    assert alerts.check(ids) == 4
    assert _notified(world) == {
        "nc": {"new_public", "new_secret"},
        "nc_low": {"new_public"},
        "tt": {"new_tt"},
    }
    assert alerts.check(ids) == 0  # re-indexing never alerts twice
    with world.db.session() as session:
        titles = session.scalars(
            select(Notification.title).where(Notification.object_id == str(world.ids["new_secret"]))
        ).all()
    assert titles and all("09/BC-NC" in t and "vật chứng" not in t for t in titles)
    with world.db.session() as session:
        checked = session.scalars(select(SavedSearch).where(SavedSearch.alert)).all()
        assert all(s.last_checked_at is not None for s in checked)
        assert {s.user.username for s in checked if s.last_alert_at} == {"nc", "nc_low", "tt"}


def test_an_alert_is_sent_once_ever_and_only_for_documents_new_to_the_owner(
    world: World,
) -> None:
    ids = {
        name: add_and_index(world, name, spec)
        for name, spec in {
            "old_visible": Spec("noi_chinh", ["Hồ sơ upsilonword lưu trữ."], "bao_cao"),
            "old_hidden": Spec("thanh_tra", ["Hồ sơ upsilonword thanh tra."], "bao_cao"),
        }.items()
    }
    world.engine.refresh(world.alias)
    with world.db.session() as session:
        owner = world.user(session, "nc")
        saved = SavedSearch(user=owner, name="upsilon", query="upsilonword hồ sơ", alert=True)
        bare = SavedSearch(user=owner, name="upsilon, no baseline", query="upsilonword", alert=True)
        session.add_all([saved, bare])
        session.flush()
        assert alerts.take_baseline(session, world.engine, world.alias, saved)
        saved_id = saved.id
    old = list(ids.values())
    assert alerts.check(old) == 0  # neither is new to the owner

    with world.db.session() as session:  # attached to a case and re-indexed: still quiet
        case_id = session.scalar(select(Case.id).where(Case.code == CASE_CODE))
        session.add(CaseDocument(case_id=case_id, document_id=ids["old_visible"]))
    pipeline.index(old)
    assert alerts.check(old) == 0

    with world.db.session() as session:  # shared with the owner's body: new to them
        hidden = session.get(Document, ids["old_hidden"])
        hidden.shared_with.append(
            session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one()
        )
    pipeline.index([ids["old_hidden"]])
    assert alerts.check(old) == 1
    with world.db.session() as session:
        rows = session.scalars(
            select(Notification).where(Notification.dedup_key.like(f"saved_search:{saved_id}:%"))
        ).all()
        assert [n.object_id for n in rows] == [str(ids["old_hidden"])]
        for row in rows:  # the user cleared the notification: it is not sent again
            session.delete(row)
    pipeline.index(old)
    assert alerts.check(old) == 0
