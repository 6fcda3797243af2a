"""In a real browser, with users of three bodies: the inspectorate proposes its case for the
watch list with a document, the police (not in the case) cannot see the proposal, the
Commission recommends it and records the Standing Committee's decision, and the case is on
the watch list. Screenshots go to test-artifacts/proposals/."""

from __future__ import annotations

from pathlib import Path

import pytest

from records import cases
from records.models import Case
from tests.support.browser import sign_in
from tests.support.people import PASSWORD, agency, make_document, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "proposals"


def test_a_case_proposed_reviewed_and_decided_in_the_browser(server: str, browser, db) -> None:
    with db.session() as s:
        inspector = make_user(s, "tt_canbo", "thanh_tra", ("officer",), "mat")
        make_user(s, "ca_canbo", "cong_an", ("officer",), "mat")
        make_user(s, "nc_canbo", "noi_chinh", ("officer",), "mat")
        case = cases.create_case(
            s, inspector, code="VV-E2E-DX", title="Sai phạm cấp phép khai thác khoáng sản",
            lead_agency=agency(s, "thanh_tra"),
        )  # fmt: skip
        make_document(s, "thanh_tra", number="31/BC-TTr", subject="Báo cáo vụ việc khoáng sản")
        make_document(s, "noi_chinh", number="88-QĐ/TU", subject="Quyết định của Ban Thường vụ")
        case_id = case.id

    proposer = sign_in(browser, server, "tt_canbo", PASSWORD)
    proposer.click("text=Đề nghị theo dõi")
    proposer.click("text=Đề nghị mới")
    proposer.fill("#case", "VV-E2E-DX")
    proposer.select_option("#level", "bcd_tinh")
    proposer.fill("#reasons", "Thiệt hại lớn, dư luận quan tâm.")
    proposer.fill("#documents", "31/BC-TTr")
    proposer.click("#proposal-form button[type=submit]")
    proposer.wait_for_selector("#proposal-status")
    proposal_url = proposer.url

    police = sign_in(browser, server, "ca_canbo", PASSWORD)
    assert police.goto(proposal_url).status == 404

    commission = sign_in(browser, server, "nc_canbo", PASSWORD)
    commission.goto(proposal_url)
    commission.fill("#review-form textarea", "Đủ điều kiện đưa vào diện Ban Chỉ đạo tỉnh theo dõi.")
    commission.click("#review-form button[type=submit]")
    commission.wait_for_selector("#decide-form")
    commission.fill("#decision-document", "88-QĐ/TU")
    commission.click("#decide-form button[type=submit]")
    commission.wait_for_selector("#proposal-decision")
    assert "Ban Thường vụ đồng ý" in commission.inner_text("#proposal-status")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    commission.screenshot(path=str(ARTIFACTS / "01-decided.png"), full_page=True)

    proposer.goto(proposal_url)
    assert "Ban Thường vụ đồng ý" in proposer.inner_text("#proposal-status")
    with db.session() as s:
        assert s.get(Case, case_id).monitoring_level == "bcd_tinh"
