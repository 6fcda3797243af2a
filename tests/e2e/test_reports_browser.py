"""Issue 5's "done when", end to end in a real browser: a clerk registers a petition with a
scanned letter, an officer moves it through its steps, opens a case and puts it on the
watch list, attaches a document found by search (the result card links to the attach
page), asks another body for information, that body answers — and the commission's
dashboard shows every change. The exports and the summary report are downloaded from the
same pages. Screenshots go to test-artifacts/reports/."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from indexer.extract import ExtractLimits, extract
from indexer.metadata import extract_metadata
from tests.support.ingest import upload, wait_for
from tests.support.people import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"


class Session:
    """One signed-in person in their own browser context, watching for CSP violations,
    script errors and failed requests."""

    def __init__(self, browser, base: str, username: str) -> None:
        self.base = base
        self.context = browser.new_context(
            locale="vi-VN", viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "console",
            lambda m: self.errors.append(m.text) if "Content Security" in m.text else None,
        )
        self.page.goto(f"{base}/login")
        self.page.fill("#username", username)
        self.page.fill("#password", PASSWORD)
        self.page.click(".narrow button[type=submit]")
        self.page.wait_for_url(f"{base}/")

    def go(self, path: str) -> None:
        self.page.goto(f"{self.base}{path}")

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def kpi(self, name: str) -> int:
        return int(self.page.inner_text(f"#kpi-{name}"))

    def step(self, action: str, fill=None) -> None:
        step = self.page.locator(f"#step-{action}")
        if step.get_attribute("open") is None:
            step.locator("summary").click()
        if fill:
            fill(step)
        step.locator("button[type=submit]").click()
        self.page.wait_for_load_state("load")


def test_petition_case_search_request_and_the_dashboard_changes(
    server: str, browser, app, db, worker, corpus: Path, hoso_settings, tmp_path
) -> None:
    with db.session() as s:
        make_user(s, "nc_clerk", "noi_chinh", ("clerk",))
        make_user(s, "nc_officer", "noi_chinh", ("officer",))
        make_user(s, "nc_leader", "noi_chinh", ("leader",))
        make_user(s, "ubkt_officer", "uy_ban_kiem_tra", ("officer",))
    decision = upload(db, hoso_settings, corpus / "files" / "vn-r001.docx")
    wait_for(db, [decision])
    scan = sorted((corpus / "files").glob("*.scan.pdf"))[0]

    # -- the commission's dashboard before ---------------------------------------------
    leader = Session(browser, server, "nc_leader")
    leader.go("/reports")
    before = {name: leader.kpi(name) for name in ("received", "watch")}
    assert leader.page.locator("#table-watch_list tbody th").count() == 0
    leader.shot("01-dashboard-before")

    # -- a clerk registers a complaint with its scanned letter ---------------------------
    clerk = Session(browser, server, "nc_clerk")
    clerk.go("/petitions/new")
    clerk.page.check("input[name=kind][value=khieu_nai]")
    clerk.page.locator("#petitioners tbody tr").nth(0).locator("input[name=p_name]").fill(
        "Trần Văn Nam"
    )
    clerk.page.fill("input[name=respondent]", "UBND xã Đông Hòa")
    clerk.page.fill("textarea[name=summary]", "Khiếu nại việc thu hồi đất của UBND xã Đông Hòa.")
    clerk.page.set_input_files("input[name=letter]", str(scan))
    clerk.page.focus("textarea[name=summary]")
    clerk.page.keyboard.press("Control+Enter")
    clerk.page.wait_for_selector("text=Đã vào sổ đơn số")
    petition_url = clerk.page.url
    assert scan.name in clerk.page.inner_text("#documents")
    clerk.shot("02-petition-registered")

    # -- an officer moves it through its steps --------------------------------------------
    officer = Session(browser, server, "nc_officer")
    officer.page.goto(petition_url)
    officer.step("triage", lambda form: form.locator("input[name=competent_self]").check())
    officer.step("accept")
    officer.step("verify")
    assert officer.page.locator(".state").first.inner_text() == "Đang xác minh"
    officer.shot("03-petition-verifying")

    # -- opens a case and puts it under the provincial steering committee's watch --------
    officer.go("/cases/new")
    officer.page.fill("#code", "VV-2026-BC")
    officer.page.fill("#title", "Thu hồi đất tại xã Đông Hòa")
    officer.page.check("input[name=agencies][value=uy_ban_kiem_tra]")
    officer.page.click("form.form-grid button[type=submit]")
    officer.page.wait_for_selector("#case-status")
    case_url = officer.page.url
    officer.page.click("#status > summary")  # the status and monitoring forms are folded
    officer.page.select_option("#monitoring select[name=level]", "bcd_tinh")
    officer.page.fill("#monitoring input[name=reason]", "Chỉ đạo của Thường trực Ban Chỉ đạo")
    officer.page.click("#monitoring button[type=submit]")
    officer.page.wait_for_load_state("load")
    assert "Ban Chỉ đạo tỉnh" in officer.page.inner_text("#case-monitoring")

    # -- attaches a document found by search, from its result card -------------------------
    officer.go("/search?q=39/2011/QĐ-UBND")
    card = officer.page.locator(f"article.hit[data-doc-id='{decision}']")
    officer.shot("04-search-result")
    with officer.page.expect_navigation():
        card.locator("a.attach-link").click()
    officer.page.check("#attach-form input[name=case_id] >> nth=0")
    officer.page.fill("#reason", "Quyết định làm căn cứ xác minh")
    officer.page.click("#attach-form button[type=submit]")
    officer.page.wait_for_selector("#documents")
    assert "39/2011/QĐ-UBND" in officer.page.inner_text("#documents")

    # -- asks the Party Inspection Committee for information (the default due date) -----
    officer.page.goto(case_url)
    officer.page.click("text=Yêu cầu cung cấp thông tin")
    assert "10 ngày làm việc" in officer.page.inner_text("#due-hint")
    officer.page.select_option("#to_agency", "uy_ban_kiem_tra")
    officer.page.fill("#subject", "Cung cấp hồ sơ kiểm tra đảng viên liên quan")
    officer.page.click("#request-form button[type=submit]")
    officer.page.wait_for_selector("#request-status")
    request_url = officer.page.url
    officer.shot("05-request-sent")

    # -- which that body answers -------------------------------------------------------------
    ubkt = Session(browser, server, "ubkt_officer")
    ubkt.page.goto(request_url)
    ubkt.page.fill("#answer-text", "Gửi kèm Thông báo kết luận kiểm tra số 12-TB/UBKTTU.")
    ubkt.page.click("#answer-form button[type=submit]")
    ubkt.page.wait_for_selector("#answer")
    assert "Đã trả lời" in ubkt.page.inner_text("#request-status")

    # -- the commission's dashboard has changed --------------------------------------------
    leader.go("/reports")
    assert leader.kpi("received") == before["received"] + 1
    assert leader.kpi("watch") == before["watch"] + 1
    watch = leader.page.inner_text("#table-watch_list")
    assert "VV-2026-BC" in watch and "Ban Chỉ đạo tỉnh" in watch
    kinds = leader.page.locator("#table-petitions_by_kind tbody tr", has_text="Khiếu nại")
    assert kinds.locator("td").first.inner_text() == "1"
    asked = leader.page.locator("#table-requests_by_agency tbody tr", has_text="Ủy ban Kiểm tra")
    assert [cell.inner_text() for cell in asked.locator("td").all()][:3] == ["1", "1", "1"]
    # Six charts; those of the investigators' decisions (no transfer yet) and of handling
    # times (the request was answered the day it was asked: 0 working days) say there is
    # nothing to draw yet.
    assert leader.page.locator("figure.chart").count() == 6
    assert leader.page.locator("figure.chart svg").count() == 4
    leader.shot("06-dashboard-after")

    # -- exports and the periodic report, downloaded from the pages -----------------------
    with leader.page.expect_download() as download:
        leader.page.click("text=Tải toàn bộ (XLSX)")
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert len(workbook.sheetnames) == 16
    leader.page.click("text=Báo cáo định kỳ (DOCX)")
    leader.page.fill("#province", "Thái Bình")
    leader.page.fill("#number", "21")
    leader.page.fill("#signer_name", "Nguyễn Văn Bình")
    leader.shot("07-summary-form")
    with leader.page.expect_download() as download:
        leader.page.click("#summary-form button[type=submit]")
    report = tmp_path / "bao-cao.docx"
    download.value.save_as(report)
    extracted = extract(report, limits=ExtractLimits())
    meta = extract_metadata(
        extracted.text, header_left=extracted.header_left, header_right=extracted.header_right
    )
    assert (meta.doc_type, meta.number) == ("bao_cao", "21-BC/BNCTU")

    for person in (leader, clerk, officer, ubkt):
        assert person.errors == []  # no CSP violation, no script error
        person.context.close()
