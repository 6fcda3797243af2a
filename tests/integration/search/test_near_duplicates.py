"""Renderings of one document (PDF, DOCX, a scan) against the live engine: grouped at ingest,
grouped the same by ``hoso reindex``, never grouped with a document that only quotes them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from indexer.reindex import reindex
from indexer.search import SearchResult, search
from records.models import Document
from records.models.base import utcnow
from tests.support.search_world import Spec, World, add_and_index

pytestmark = pytest.mark.services

SIGMA = (
    "Kế hoạch sigmaword kiểm tra công tác tiếp công dân, giải quyết khiếu nại, tố cáo tại "
    "các huyện, thị xã trong năm; các đoàn kiểm tra báo cáo kết quả về Ban Thường vụ trước "
    "ngày 15 tháng 12 và đề xuất biện pháp khắc phục những tồn tại, hạn chế."
)
TAU = (
    "Thông báo tauprimeword kết luận của Thường trực Tỉnh ủy về việc chấn chỉnh công tác "
    "quản lý đất đai, khoáng sản; giao Ủy ban nhân dân tỉnh chỉ đạo rà soát các dự án chậm "
    "tiến độ và xử lý nghiêm các tổ chức, cá nhân vi phạm."
)


def run(world: World, text: str) -> SearchResult:
    with world.db.session() as session:
        return search(session, world.engine, world.alias, world.user(session, "nc"), text)


def groups(world: World, ids: list[int]) -> dict[int, int | None]:
    with world.db.session() as session:
        return {i: session.get(Document, i).same_group_id for i in ids}


def renderings(text: str) -> list[str]:
    """The text as a PDF, a DOCX (trailing space) and a scan (two accents lost)."""
    scan = text.replace("tố cáo", "tô cáo").replace("đất đai", "đât đai")
    return [text, text + " ", scan]


def test_a_reindex_groups_renderings_as_ingest_did_and_search_still_collapses_them(
    world: World,
) -> None:
    sigma = [
        add_and_index(world, f"sigma_{n}", Spec("noi_chinh", [t]))
        for n, t in enumerate(renderings(SIGMA))
    ]
    tau = [
        add_and_index(world, f"tau_{n}", Spec("noi_chinh", [t]))
        for n, t in enumerate(renderings(TAU))
    ]
    at_ingest = groups(world, sigma + tau)
    assert set(at_ingest.values()) == {sigma[0], tau[0]}
    # tau's renderings were indexed long ago while their group could not be looked up (or
    # before hoso grouped renderings): they have none, and no catch-up indexes them again.
    with world.db.session() as session:
        session.execute(
            update(Document)
            .where(Document.id.in_(sigma + tau))
            .values(changed_at=utcnow() - timedelta(days=1))
        )
        session.execute(update(Document).where(Document.id.in_(tau)).values(same_group_id=None))

    reindex(old_index_grace_s=0)

    assert groups(world, sigma + tau) == at_ingest
    world.engine.refresh(world.alias)
    for word, ids in (("sigmaword", sigma), ("tauprimeword", tau)):
        result = run(world, word)
        assert [hit.id for hit in result.hits] == [ids[0]], word
        assert {r.id for r in result.hits[0].renderings} == set(ids[1:])
