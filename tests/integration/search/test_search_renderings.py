"""Renderings of one document (PDF, DOCX, a scan) against the live engine: grouped at ingest,
grouped the same by ``hoso reindex``, never grouped with a document that only quotes them.

These tests add documents and reindex, so they run in a world of their own: the folder's
shared world stays as built for the tests that count its hits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from indexer.duplicates import candidates, renderings
from indexer.query import Page
from indexer.reindex import reindex
from indexer.related import related
from indexer.search import SearchResult, search
from records.models import Document
from records.models.base import utcnow
from tests.support.databases import DatabaseFactory
from tests.support.search_world import Spec, World, add_and_index, running_world
from tests.support.services import ServiceUrls

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def world(
    service_urls: ServiceUrls,
    test_databases: DatabaseFactory,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[World]:
    """This module's own world (database, index prefix), built like the folder's shared one."""
    with running_world(
        service_urls, test_databases, tmp_path_factory.mktemp("renderings-world")
    ) as own:
        yield own


SIGMA = (
    "Kế hoạch ypsilonword kiểm tra công tác tiếp công dân, giải quyết khiếu nại, tố cáo tại "
    "các huyện, thị xã trong năm; các đoàn kiểm tra báo cáo kết quả về Ban Thường vụ trước "
    "ngày 15 tháng 12 và đề xuất biện pháp khắc phục những tồn tại, hạn chế."
)
TAU = (
    "Thông báo tauprimeword kết luận của Thường trực Tỉnh ủy về việc chấn chỉnh công tác "
    "quản lý đất đai, khoáng sản; giao Ủy ban nhân dân tỉnh chỉ đạo rà soát các dự án chậm "
    "tiến độ và xử lý nghiêm các tổ chức, cá nhân vi phạm."
)


LETTER = """TỈNH ỦY THÁI BÌNH
BAN NỘI CHÍNH
Số 214-CV/BNCTU
V/v báo cáo kết quả khắc phục sau kiểm tra etaword

Kính gửi: Ban Thường vụ Huyện ủy Vũ Thư.

Thực hiện Kết luận số 31-KL/UBKTTU của Ủy ban Kiểm tra Tỉnh ủy về kết quả kiểm tra việc
thực hiện quy chế làm việc và công tác cán bộ tại Huyện ủy, Ban Nội chính Tỉnh ủy đề nghị
Ban Thường vụ Huyện ủy chỉ đạo rà soát, khắc phục các hạn chế đã được chỉ ra, trong đó tập
trung vào việc bổ nhiệm cán bộ chưa đúng quy trình tại hai xã, việc chậm công khai kết quả
xử lý đơn thư và việc lưu trữ hồ sơ tiếp công dân chưa đầy đủ. Kết quả khắc phục gửi về
Ban Nội chính Tỉnh ủy trước ngày 30 tháng 6 để tổng hợp, báo cáo Thường trực Tỉnh ủy.

Nơi nhận: Như trên; Lưu VP.
K/T TRƯỞNG BAN, PHÓ TRƯỞNG BAN"""

INVITATION = """BAN NỘI CHÍNH TỈNH ỦY
Số {number}-GM/BNCTU
GIẤY MỜI thetaword
Ban Nội chính Tỉnh ủy trân trọng kính mời đồng chí {guest} dự họp giao ban công tác nội
chính quý {quarter}. Thời gian: {time} giờ, ngày {day}. Địa điểm: phòng họp số 2, trụ sở
Ban. Đề nghị đồng chí bố trí thời gian tham dự đúng giờ.
Nơi nhận: Như trên; Lưu VP."""

#: Themes of the report's other pages: it is about much more than the letter it quotes.
TOPICS = (
    "công tác phòng ngừa vi phạm trong quản lý tài chính công",
    "tiến độ giải phóng mặt bằng các dự án giao thông trọng điểm",
    "việc tiếp nhận, phân loại và giải quyết đơn thư của công dân",
    "công tác thi hành án dân sự và thu hồi tài sản",
    "việc thực hiện chế độ ưu đãi đối với người có công",
    "hoạt động của các đoàn thanh tra chuyên ngành",
    "công tác cải cách thủ tục hành chính ở cấp xã",
    "việc quản lý, sử dụng đất công ích và đất bãi bồi ven sông",
)


def report_pages(quoted: str, pages: int = 40) -> list[str]:
    """A long yearly report: a page per district and theme, the letter quoted on one."""
    out = []
    for n in range(pages):
        topic = TOPICS[n % len(TOPICS)]
        out.append(
            f"Phần {n + 1}. Về {topic}. Trong kỳ, các cơ quan đã triển khai {n + 3} cuộc "
            f"kiểm tra, phát hiện {2 * n + 1} trường hợp sai phạm, kiến nghị thu hồi "
            f"{17 * (n + 1)} triệu đồng và xử lý kỷ luật {n % 5} cán bộ. Đánh giá chung, "
            f"{topic} có chuyển biến nhưng còn hạn chế ở khâu tổ chức thực hiện, phối hợp "
            "giữa các ngành chưa chặt chẽ, việc báo cáo định kỳ còn chậm."
        )
    out[pages // 2] += " Văn bản đã gửi các địa phương được trích dưới đây.\n" + quoted
    return out


def run(world: World, text: str) -> SearchResult:
    with world.db.session() as session:
        return search(session, world.engine, world.alias, world.user(session, "nc"), text)


def groups(world: World, ids: list[int]) -> dict[int, int | None]:
    with world.db.session() as session:
        return {i: session.get(Document, i).same_group_id for i in ids}


def rendered(text: str) -> list[str]:
    """The text as a PDF, a DOCX (trailing space) and a scan (two accents lost)."""
    scan = text.replace("tố cáo", "tô cáo").replace("đất đai", "đât đai")
    return [text, text + " ", scan]


def test_a_reindex_groups_renderings_as_ingest_did_and_search_still_collapses_them(
    world: World,
) -> None:
    sigma = [
        add_and_index(world, f"sigma_{n}", Spec("noi_chinh", [t]))
        for n, t in enumerate(rendered(SIGMA))
    ]
    tau = [
        add_and_index(world, f"tau_{n}", Spec("noi_chinh", [t]))
        for n, t in enumerate(rendered(TAU))
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
    for word, ids in (("ypsilonword", sigma), ("tauprimeword", tau)):
        result = run(world, word)
        assert [hit.id for hit in result.hits] == [ids[0]], word
        assert {r.id for r in result.hits[0].renderings} == set(ids[1:])


def test_a_letter_and_reports_quoting_it_are_not_one_document(world: World) -> None:
    letter = add_and_index(world, "eta_letter", Spec("noi_chinh", [LETTER]))
    brief = add_and_index(world, "eta_brief", Spec("noi_chinh", report_pages(LETTER, 2)))
    yearly = add_and_index(world, "eta_yearly", Spec("noi_chinh", report_pages(LETTER, 40)))
    scan = add_and_index(world, "eta_scan", Spec("noi_chinh", [LETTER.replace("Vũ Thư", "Vu Thư")]))

    # The engine scores a short report holding every word of the letter, and two reports of
    # one template, about as high as renderings (depending on the rest of the index): the
    # texts' lengths tell them apart.
    assert renderings(world.db, letter, [brief, yearly, scan]) == [scan]
    assert renderings(world.db, yearly, [brief]) == []
    assert groups(world, [letter, brief, yearly, scan]) == {
        letter: letter,
        brief: brief,
        yearly: yearly,
        scan: letter,
    }
    world.engine.refresh(world.alias)
    result = run(world, "etaword")
    assert {hit.id for hit in result.hits} == {letter, brief, yearly}
    with world.db.session() as session:
        user = world.user(session, "nc")
        listed = related(session, world.engine, world.alias, user, session.get(Document, letter))
    assert [ref.id for ref in listed.same_document] == [scan]
    assert brief in [ref.id for ref in listed.similar]


def test_short_letters_of_one_template_are_not_one_document(world: World) -> None:
    first = INVITATION.format(
        number=41, guest="Trưởng Công an tỉnh", quarter="I", time="8", day="05/4/2024"
    )
    second = INVITATION.format(
        number=57, guest="Chánh Thanh tra tỉnh", quarter="II", time="14", day="04/7/2024"
    )
    ids = [
        add_and_index(world, name, Spec("noi_chinh", [text]))
        for name, text in (
            ("theta_first", first),
            ("theta_second", second),
            ("theta_first_scan", first.replace("trân trọng", "trân trong")),
        )
    ]
    # Letters of one template, a few words apart: the engine alone takes them for one.
    assert ids[1] in candidates(world.engine, world.alias, ids[0])
    assert renderings(world.db, ids[0], [ids[1], ids[2]]) == [ids[2]]
    assert groups(world, ids) == {ids[0]: ids[0], ids[1]: ids[1], ids[2]: ids[0]}


XI = (
    "Quy chế xiprimeword phối hợp giữa Ban Nội chính Tỉnh ủy với Viện Kiểm sát nhân dân tỉnh "
    "trong việc theo dõi, đôn đốc xử lý các vụ án, vụ việc kinh tế nghiêm trọng, "
    "phức tạp, dư luận xã hội quan tâm; trao đổi thông tin định kỳ hằng tháng và đột xuất khi "
    "có yêu cầu; cử cán bộ đầu mối, bảo đảm bí mật thông tin theo quy định của Đảng và Nhà "
    "nước. Các bên tổ chức sơ kết hằng năm, tổng kết sau ba năm thực hiện quy chế, đề xuất sửa "
    "đổi, bổ sung những nội dung không còn phù hợp với tình hình thực tế của địa phương."
)
XI_OTHERS = (
    "Thông báo xiprimeword lịch trực cơ quan dịp Tết Nguyên đán.",
    "Công văn xiprimeword đề nghị cung cấp hồ sơ dự án khu dân cư Tây Sơn, kèm danh mục.",
    "Báo cáo xiprimeword sáu tháng về công tác tiếp công dân tại trụ sở tiếp công dân tỉnh.",
    "Kế hoạch xiprimeword tập huấn nghiệp vụ cho cán bộ làm công tác nội chính cấp huyện.",
    "Tờ trình xiprimeword xin chủ trương sửa chữa trụ sở làm việc và mua sắm trang thiết bị.",
)


@pytest.mark.parametrize("sort", ["relevance", "newest"])
def test_a_document_in_several_renderings_shows_once_across_pages(world: World, sort: str) -> None:
    if "xi_0" not in world.ids:
        for n, text in enumerate(rendered(XI)):
            add_and_index(world, f"xi_{n}", Spec("noi_chinh", [text], issued=date(2024, 3, 1)))
        for n, text in enumerate(XI_OTHERS):
            issued = date(2024, 1 + 2 * n, 10)
            add_and_index(world, f"xi_other_{n}", Spec("noi_chinh", [text], issued=issued))
        world.engine.refresh(world.alias)
    xi = [world.ids[f"xi_{n}"] for n in range(3)]
    everything = {*xi, *(world.ids[f"xi_other_{n}"] for n in range(len(XI_OTHERS)))}
    for size in (1, 2, 3, 4):
        shown: list[int] = []
        listed: list[int] = []
        cursor = None
        while True:
            with world.db.session() as session:
                user = world.user(session, "nc")
                page = search(
                    session,
                    world.engine,
                    world.alias,
                    user,
                    "xiprimeword",
                    sort=sort,
                    page=Page(size=size),
                    cursor=cursor,
                )
            shown += [hit.id for hit in page.hits]
            listed += [r.id for hit in page.hits for r in hit.renderings]
            cursor = page.next_cursor
            if not cursor:
                break
        assert sorted(shown) == sorted(everything - set(xi[1:])), (size, shown)
        assert sorted(listed) == sorted(xi[1:]), (size, listed)
