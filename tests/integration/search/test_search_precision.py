"""Precision against the live engine: numbers printed only in the text, accents typed by the
user, how many words a long query needs, the approximate fallback, and fields read from the
query that rank but never remove."""

from __future__ import annotations

from datetime import date

import pytest

from indexer.query import Filters
from indexer.related import related
from indexer.search import SearchResult, search
from records.models import Document
from tests.integration.search.test_search_web import signed_in
from tests.support.search_world import Spec, World, add_and_index
from webapp import create_app

pytestmark = pytest.mark.services

# Words of their own, so the documents added here change no other test's results.
DOCUMENTS = {
    "number_in_body": Spec(
        "noi_chinh",
        [
            "Thực hiện Báo cáo số 45-BC/BNCTU của cơ quan về công tác tauword, "
            "các đơn vị rà soát và báo cáo kết quả."
        ],
    ),
    "accents": Spec(
        "noi_chinh",
        ["Công tác bảo vệ tài liệu kappaword và báo cáo định kỳ về kappaword."],
        subject="Báo cáo kappaword, bảo vệ tài liệu",
    ),
    "seven_words": Spec(
        "noi_chinh",
        ["Quyết toán ngân sách huyện Đông Hưng được thẩm tra lambdaword."],
        issued=date(2019, 4, 2),
    ),
    "two_words": Spec("noi_chinh", ["Báo cáo tình hình ngân sách của đơn vị lambdaword."]),
    "untyped": Spec(
        "noi_chinh",
        ["Các đơn vị rà soát rhoword theo chỉ thị, lập danh sách và gửi về văn phòng."],
    ),
    "typed": Spec(
        "noi_chinh",
        ["Chỉ thị về tăng cường rhoword."],
        doc_type="chi_thi",
        issued=date(2015, 3, 3),
    ),
}


@pytest.fixture(scope="module", autouse=True)
def _documents(world: World) -> None:
    for name, spec in DOCUMENTS.items():
        add_and_index(world, name, spec)
    world.engine.refresh(world.alias)


def run(world: World, text: str) -> SearchResult:
    with world.db.session() as session:
        return search(session, world.engine, world.alias, world.user(session, "nc"), text)


def names(world: World, result: SearchResult) -> list[str]:
    return [world.name_of(hit.id) for hit in result.hits]


@pytest.mark.parametrize(
    "typed", ["45-BC/BNCTU", "45/BC-BNCTU", "số 45 BC BNCTU", "45 BC/BNCTU", "bc 45 bnctu"]
)
def test_a_number_printed_only_in_the_body_is_found_first_by_every_whole_form(
    world: World, typed: str
) -> None:
    assert names(world, run(world, typed))[0] == "number_in_body"


@pytest.mark.parametrize("typed", ["BC 45/BNC", "45/BC", "số 45", "45 BNCTU"])
def test_a_number_printed_only_in_the_body_is_found_by_its_parts(world: World, typed: str) -> None:
    assert "number_in_body" in names(world, run(world, typed))


def test_an_accented_word_does_not_mark_a_differently_accented_one(world: World) -> None:
    hit = run(world, "bảo vệ kappaword").hits[0]
    assert world.name_of(hit.id) == "accents"
    html = " ".join(passage.html for passage in hit.passages)
    assert "<mark>bảo vệ" in html and "<mark>báo" not in html.lower()
    assert "<mark>bảo vệ" in (hit.subject_html or "")
    assert "<mark>Báo" not in (hit.subject_html or "")


def test_a_seven_word_query_needs_more_than_one_shared_word(world: World) -> None:
    # Other documents share "huyện" or "ngân sách" with the query, and nothing else.
    result = run(world, "quyết toán ngân sách huyện Đông Hưng")
    assert names(world, result) == ["seven_words"]
    assert not result.approximate


def test_when_nothing_has_enough_words_the_results_are_approximate(world: World) -> None:
    result = run(world, "quyết toán mumuword nuword xiword omicronword")
    assert "seven_words" in names(world, result) and result.approximate


def test_type_and_year_in_the_query_rank_but_never_remove(world: World) -> None:
    found = names(world, run(world, "chỉ thị năm 2015 rhoword"))
    assert found[0] == "typed" and "untyped" in found


def test_the_search_page_says_when_results_are_approximate(world: World) -> None:
    application = create_app(world.settings)
    try:
        client = signed_in(application, "nc")
        loose = client.get("/search?q=quy%E1%BA%BFt+to%C3%A1n+mumuword+nuword+xiword+omicronword")
        assert "Kết quả gần đúng" in loose.get_data(as_text=True)
        exact = client.get("/search?q=quy%E1%BA%BFt+to%C3%A1n+lambdaword")
        assert "Kết quả gần đúng" not in exact.get_data(as_text=True)
    finally:
        application.extensions["hoso"].db.dispose()


def test_related_lists_another_rendering_as_the_same_document_and_no_loose_similar(
    world: World,
) -> None:
    text = [
        "Quy chế phiword về tiếp nhận, phân loại và chuyển đơn thư phiword của công dân "
        "đến các cơ quan có thẩm quyền giải quyết theo quy định của pháp luật hiện hành."
    ]
    first = add_and_index(world, "rendering_docx", Spec("noi_chinh", text))
    second = add_and_index(world, "rendering_scan", Spec("noi_chinh", [*text, "Trang 2."]))
    world.engine.refresh(world.alias)
    with world.db.session() as session:
        user = world.user(session, "nc")
        found = related(session, world.engine, world.alias, user, session.get(Document, first))
        lonely = related(
            session, world.engine, world.alias, user, session.get(Document, world.ids["accents"])
        )
    assert [ref.id for ref in found.same_document] == [second]
    assert second not in [ref.id for ref in found.similar]
    assert lonely.similar == () and lonely.same_document == ()


def test_pdf_docx_and_scan_of_one_document_show_as_one_result(world: World) -> None:
    text = (
        "Kế hoạch chiword kiểm tra việc thực hiện quy chế dân chủ ở cơ sở tại các xã, phường "
        "trong năm, báo cáo kết quả về Ban Thường vụ theo định kỳ hằng quý."
    )
    ids = [
        add_and_index(world, f"chi_{kind}", Spec("noi_chinh", [variant]))
        for kind, variant in (
            ("pdf", text),
            ("docx", text + " "),
            ("scan", text.replace("hằng quý", "hang quý").replace("xã,", "xa,")),
        )
    ]
    world.engine.refresh(world.alias)
    result = run(world, "chiword kiểm tra quy chế dân chủ")
    assert [hit.id for hit in result.hits] == [ids[0]]
    assert {r.id for r in result.hits[0].renderings} == set(ids[1:])
    with world.db.session() as session:
        groups = {session.get(Document, i).same_group_id for i in ids}
    assert groups == {ids[0]}


def test_the_issuer_facet_groups_spellings_of_one_body(world: World) -> None:
    for name, issuer, text in (
        ("psi_short", "UBND TỈNH HÀ NAM", "Công văn psiword về lịch tiếp công dân tháng Năm."),
        ("psi_full", "Uỷ ban nhân dân tỉnh Hà Nam", "Quyết định psiword giao chỉ tiêu biên chế."),
    ):
        add_and_index(world, name, Spec("noi_chinh", [text], issuer=issuer))
    world.engine.refresh(world.alias)
    with world.db.session() as session:
        user = world.user(session, "nc")
        result = search(session, world.engine, world.alias, user, "psiword")
        buckets = [(b.value, b.count) for b in result.facets["issuer"]]
        narrowed = search(
            session,
            world.engine,
            world.alias,
            user,
            "psiword",
            filters=Filters(issuers=("ỦY BAN NHÂN DÂN TỈNH HÀ NAM",)),
        )
    assert buckets == [("ỦY BAN NHÂN DÂN TỈNH HÀ NAM", 2)]
    assert narrowed.total == 2
