"""The access filter holds everywhere search reaches: hits, totals, facets, suggestions,
related material — for users of different bodies and clearances."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from indexer.query import Filters, Page
from indexer.related import related, similar
from indexer.search import search
from indexer.suggest import suggest
from records.models import Document
from records.policy import document_clause
from tests.support.search_world import CASE_CODE, USERS, World

pytestmark = pytest.mark.services


def visible_ids(world: World, user: str) -> set[int]:
    with world.db.session() as session:
        clause = document_clause(world.user(session, user))
        return set(session.scalars(select(Document.id).where(clause)))


def run(world: World, user: str, text: str, **options: object):
    with world.db.session() as session:
        return search(
            session, world.engine, world.alias, world.user(session, user), text, **options
        )


@pytest.mark.parametrize("user", sorted(USERS))
def test_hits_and_totals_are_exactly_what_the_policy_allows(world: World, user: str) -> None:
    allowed = visible_ids(world, user)
    everything = run(world, user, "", page=Page(size=100))
    assert everything.total == len(allowed)
    assert {hit.id for hit in everything.hits} == allowed
    for text in ("tham nhũng đất đai", "tham nhung", "omegaword", "zetaword", "alphaword"):
        result = run(world, user, text, page=Page(size=100))
        assert {hit.id for hit in result.hits} <= allowed
        assert result.total == len(result.hits)


def test_each_body_sees_its_own_shared_and_case_documents(world: World) -> None:
    def found(user: str, text: str) -> set[str]:
        return {world.name_of(hit.id) for hit in run(world, user, text).hits}

    assert found("nc", "omegaword") == {"secret_nc"}  # own body, clearance mat
    assert found("nc_low", "omegaword") == set()  # same body, clearance too low
    assert found("tt", "omegaword") == set()  # another body
    assert found("tt", "zetaword") == {"bb_tt_private"}
    assert found("nc", "zetaword") == set()
    assert found("ca", "alphaword") == {"case_doc_tt"}  # coordinating body of the case
    assert found("nc", "alphaword") == set()
    assert "ca_shared_nc" in found("nc", "phối hợp điều tra")  # shared with noi_chinh
    assert "ca_shared_nc" not in found("tt", "phối hợp điều tra")
    assert found("auditor", "tham nhũng") == set()  # auditors read the log, not files


def test_facets_never_count_what_the_user_may_not_see(world: World) -> None:
    low = run(world, "nc_low", "tham nhũng đất đai", page=Page(size=100))
    high = run(world, "nc", "tham nhũng đất đai", page=Page(size=100))
    low_levels = {b.value: b.count for b in low.facets["confidentiality"]}
    assert "mat" not in low_levels and sum(low_levels.values()) == low.total
    assert {b.value: b.count for b in high.facets["confidentiality"]}["mat"] == 1
    for result in (low, high):
        for facet in ("doc_type", "agency", "issuer", "year"):
            for bucket in result.facets[facet]:
                assert bucket.count <= result.total
    issuers = {b.value for b in low.facets["issuer"]}
    assert "BAN NỘI CHÍNH TỈNH ỦY" not in issuers  # only the secret document has it
    assert "BAN NỘI CHÍNH TỈNH ỦY" in {b.value for b in high.facets["issuer"]}


def test_cases_the_user_may_not_see_stay_hidden(world: World) -> None:
    # bc_shared_all is shared with every body and attached to a case of thanh_tra/cong_an.
    nc = run(world, "nc", "phòng chống tham nhũng năm 2021")
    hit = next(h for h in nc.hits if world.name_of(h.id) == "bc_shared_all")
    assert hit.cases == ()
    assert CASE_CODE not in {b.value for b in nc.facets["case"]}
    assert run(world, "nc", "", filters=Filters(cases=(CASE_CODE,))).total == 0

    ca = run(world, "ca", "phòng chống tham nhũng năm 2021")
    hit = next(h for h in ca.hits if world.name_of(h.id) == "bc_shared_all")
    assert [code for code, _ in hit.cases] == [CASE_CODE]
    in_case = run(world, "ca", "", filters=Filters(cases=(CASE_CODE,)))
    assert {world.name_of(h.id) for h in in_case.hits} == {"case_doc_tt", "bc_shared_all"}


def suggestions(world: World, user: str, text: str) -> list[tuple[str, str]]:
    with world.db.session() as session:
        found = suggest(session, world.engine, world.alias, world.user(session, user), text)
    return [(s.kind, s.label) for s in found]


def test_suggestions_only_come_from_visible_documents_and_cases(world: World) -> None:
    assert ("subject", "Báo cáo mật omegaword") in suggestions(world, "nc", "omeg")
    assert suggestions(world, "nc_low", "omeg") == []
    assert ("number", "05/BC-NC") in suggestions(world, "nc", "05/BC")
    assert suggestions(world, "nc_low", "05/BC") == []
    assert ("issuer", "BAN NỘI CHÍNH TỈNH ỦY") in suggestions(world, "nc", "ban noi")
    assert ("issuer", "BAN NỘI CHÍNH TỈNH ỦY") not in suggestions(world, "nc_low", "ban noi")
    case_label = f"{CASE_CODE} — Vụ việc sai phạm tại công ty alphaword"
    assert ("case", case_label) in suggestions(world, "ca", "alphaw")
    assert ("case", case_label) in suggestions(world, "tt", "sai pham cong ty")
    assert not [s for s in suggestions(world, "nc", "alphaw") if s[0] == "case"]
    assert ("number", "1753-QC/TU") in suggestions(world, "nc", "1753")


def related_of(world: World, user: str, name: str):
    with world.db.session() as session:
        document = session.get(Document, world.ids[name])
        return related(session, world.engine, world.alias, world.user(session, user), document)


def candidates_of(world: World, user: str, name: str):
    with world.db.session() as session:
        who = world.user(session, user)
        return similar(world.engine, world.alias, who, world.ids[name], limit=20)


def test_related_material_stays_within_access(world: World) -> None:
    for_nc = related_of(world, "nc", "kl_kien_xuong")
    cited_by = {world.name_of(d.id) for d in for_nc.cited_by}
    assert cited_by == {"cites_kl"}  # bb_tt_private cites it too, but nc may not see it
    # Every candidate, before the similarity threshold (which lists only close ones).
    similar = {world.name_of(ref.id) for ref, _ in candidates_of(world, "nc", "kl_kien_xuong")}
    assert similar and "bb_tt_private" not in similar and "kl_kien_xuong" not in similar
    assert "secret_nc" in similar  # same words, and nc's clearance covers it
    assert {world.name_of(d.id) for d in for_nc.similar} <= similar
    similar_low = {
        world.name_of(ref.id) for ref, _ in candidates_of(world, "nc_low", "kl_kien_xuong")
    }
    assert "secret_nc" not in similar_low and similar_low

    cites_high = related_of(world, "nc", "cites_kl")
    assert {world.name_of(d.id) for d in cites_high.cites} == {"kl_kien_xuong", "secret_nc"}
    assert cites_high.unresolved == ("99/QĐ-XYZ",)
    cites_low = related_of(world, "nc_low", "cites_kl")
    assert {world.name_of(d.id) for d in cites_low.cites} == {"kl_kien_xuong"}
    assert set(cites_low.unresolved) == {"05/BC-NC", "99/QĐ-XYZ"}  # printed, not linked


def test_documents_of_the_same_case_only_for_those_who_see_the_case(world: World) -> None:
    groups = related_of(world, "ca", "case_doc_tt").cases
    assert [(g.code, [world.name_of(d.id) for d in g.documents]) for g in groups] == [
        (CASE_CODE, ["bc_shared_all"])
    ]
    assert related_of(world, "nc", "bc_shared_all").cases == ()


def test_counts_agree_with_sql(world: World) -> None:
    with world.db.session() as session:
        for name in USERS:
            user = world.user(session, name)
            expected = session.scalar(select(func.count(Document.id)).where(document_clause(user)))
            assert run(world, name, "").total == expected
