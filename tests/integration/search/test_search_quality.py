"""Search behaviour against the live engine: Vietnamese text, numbers, syntax, facets, paging."""

from __future__ import annotations

from datetime import date

import pytest

from indexer.query import Filters, Page
from indexer.search import SearchResult, search
from tests.support.search_world import BULK, World

pytestmark = pytest.mark.services


def run(world: World, text: str, user: str = "nc", **options: object) -> SearchResult:
    with world.db.session() as session:
        return search(
            session, world.engine, world.alias, world.user(session, user), text, **options
        )


def names(world: World, result: SearchResult) -> list[str]:
    return [world.name_of(hit.id) for hit in result.hits]


def test_results_are_the_same_with_or_without_diacritics(world: World) -> None:
    marked = run(world, "tham nhũng đất đai Kiến Xương")
    bare = run(world, "tham nhung dat dai Kien Xuong")
    assert set(names(world, marked)) == set(names(world, bare))
    assert names(world, marked)[0] == "kl_kien_xuong" == names(world, bare)[0]
    assert marked.total == bare.total >= 3


def test_exact_diacritics_rank_above_folded_matches(world: World) -> None:
    assert names(world, run(world, "thăm"))[:2] == ["tham_hoi", "tham_nhung"]
    assert names(world, run(world, "tham"))[0] == "tham_nhung"
    assert {"tham_hoi", "tham_nhung"} <= set(names(world, run(world, "tham")))


def test_old_and_new_tone_placement_find_each_other(world: World) -> None:
    assert names(world, run(world, "uỷ ban nhân dân tỉnh phòng chống tham nhũng"))[0] == (
        "bc_shared_all"
    )


@pytest.mark.parametrize(
    "typed",
    ["1753-QC/TU", "1753/QC-TU", "Số 1753 - QC/TU", "số 1753", "1753-qc/tu quy chế"],
)
def test_party_number_in_any_form_finds_the_document_first(world: World, typed: str) -> None:
    assert names(world, run(world, typed))[0] == "quy_che_party"


@pytest.mark.parametrize("typed", ["15/2013/QĐ-UBND", "15/2013/QD-UBND", "15/2013/qd-ubnd"])
def test_state_number_typed_with_d_for_dj(world: World, typed: str) -> None:
    result = run(world, typed)
    assert names(world, result) == ["qd_ubnd"]


def test_a_cited_number_finds_the_document_then_those_citing_it(world: World) -> None:
    found = names(world, run(world, "12/KL-TTr"))
    assert found[0] == "kl_kien_xuong"
    assert "cites_kl" in found[1:]


def test_abbreviation_synonyms_work_both_ways(world: World) -> None:
    assert "bc_shared_all" in names(world, run(world, "UBND tỉnh tham nhũng"))  # text: Ủy ban…
    # qd_ubnd says "UBND" and has only two of the other words: found through the synonym.
    assert "qd_ubnd" in names(world, run(world, "uy ban nhan dan phat ngon"))
    assert "qd_ubnd" not in names(
        world,
        run(
            world,
            "uy ban nhan dan phat ngon",
            page=Page(size=50),
            filters=Filters(doc_types=("bao_cao",)),
        ),
    )
    assert set(names(world, run(world, "cqđt"))) == {"kl_kien_xuong"}  # "Cơ quan điều tra"


def test_quoted_phrase_requires_the_words_in_order(world: World) -> None:
    assert set(names(world, run(world, '"đất đai tại huyện"'))) == {"kl_kien_xuong"}
    assert run(world, '"huyện tại đất đai"').total == 0


def test_excluded_terms_and_phrases(world: World) -> None:
    everything = set(names(world, run(world, "tham nhũng đất đai")))
    without = set(names(world, run(world, 'tham nhũng đất đai -"Kiến Xương"')))
    assert "kl_kien_xuong" in everything and "kl_kien_xuong" not in without
    assert without and without < everything
    assert "bc_shared_all" not in names(world, run(world, "tham nhũng -2021"))


def test_or_between_alternatives(world: World) -> None:
    either = set(names(world, run(world, "thăm hỏi OR omegaword")))
    assert either == {"tham_hoi", "secret_nc"}


def test_facets_count_the_hits(world: World) -> None:
    result = run(world, "tham nhũng", page=Page(size=100))
    by_type: dict[str, int] = {}
    for hit in result.hits:
        by_type[hit.doc_type] = by_type.get(hit.doc_type, 0) + 1
    assert {b.value: b.count for b in result.facets["doc_type"]} == by_type
    years = {b.value: b.count for b in result.facets["year"]}
    assert years["2021"] == 1 and sum(years.values()) == result.total


def test_filters_by_type_agency_year_and_dates(world: World) -> None:
    typed = run(world, "tham nhũng", filters=Filters(doc_types=("bao_cao",)))
    assert set(names(world, typed)) == {"bc_shared_all", "secret_nc"}
    owned = run(world, "tham nhũng", filters=Filters(agencies=("cong_an",)))
    assert set(names(world, owned)) == {"ca_shared_nc"}
    in_2021 = run(world, "tham nhũng", filters=Filters(years=(2021,)))
    assert names(world, in_2021) == ["bc_shared_all"]
    window = Filters(date_from=date(2022, 1, 1), date_to=date(2022, 12, 31))
    assert set(names(world, run(world, "", filters=window))) >= {"tham_hoi", "bb_tt_private"} - {
        "bb_tt_private"  # not visible to nc
    }
    assert all(
        "2022" <= (h.issued_date or "") < "2023" for h in run(world, "", filters=window).hits
    )


def test_sort_by_date(world: World) -> None:
    newest = run(world, "bulkword", sort="newest", page=Page(size=100))
    dates = [hit.issued_date for hit in newest.hits]
    assert dates == sorted(dates, reverse=True) and len(dates) == BULK
    oldest = run(world, "bulkword", sort="oldest", page=Page(size=100))
    assert [hit.issued_date for hit in oldest.hits] == sorted(dates)


def test_pages_do_not_overlap_and_a_cursor_walks_every_hit(world: World) -> None:
    first = run(world, "bulkword", page=Page(size=20, number=1))
    second = run(world, "bulkword", page=Page(size=20, number=2))
    assert first.total == BULK
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}

    for text, sort in (("bulkword", "relevance"), ("bulkword", "oldest"), ("", "newest")):
        seen: list[int] = []
        cursor = None
        while True:
            page = run(world, text, sort=sort, page=Page(size=10), cursor=cursor)
            seen += [hit.id for hit in page.hits]
            seen += [other.id for hit in page.hits for other in hit.renderings]  # shown with it
            cursor = page.next_cursor
            if not cursor:
                break
        assert len(seen) == len(set(seen)) == page.total >= BULK


def test_passages_name_their_page_and_mark_the_words(world: World) -> None:
    hit = run(world, "dấu hiệu tham nhũng giao đất").hits[0]
    assert world.name_of(hit.id) == "kl_kien_xuong"
    assert hit.passages[0].page == 2
    assert "<mark>" in hit.passages[0].html and "giao đất" in hit.passages[0].text


def test_document_markup_comes_back_escaped(world: World) -> None:
    hit = run(world, "xssword").hits[0]
    html = " ".join(passage.html for passage in hit.passages)
    assert "&lt;script&gt;" in html and "<script>" not in html and "<b>" not in html
    assert "<mark>xssword</mark>" in html
    assert "<i>" not in (hit.subject_html or "") and "&lt;i&gt;" in (hit.subject_html or "")


def test_malformed_queries_still_search(world: World) -> None:
    for text in ['"unclosed tham nhũng', "OR OR -", '-"', "((tham)) [nhũng]", "a" * 600]:
        run(world, text)  # no engine error
    assert "kl_kien_xuong" in names(world, run(world, '"tham nhũng trong giao đất'))
