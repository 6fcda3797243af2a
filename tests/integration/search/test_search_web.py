"""The search pages, document page, saved searches, REST API and CLI over the live world."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from records.models import AuditEvent, SavedSearch, SavedSearchDocument
from tests.support.search_world import BULK, PASSWORD, World
from webapp import create_app
from webapp.cli import main

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def app(world: World) -> Iterator:
    application = create_app(world.settings)
    yield application
    application.extensions["hoso"].db.dispose()


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def signed_in(app, username: str):
    client = app.test_client()
    token = _csrf(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    return client


def _events(world: World, action: str) -> list[AuditEvent]:
    with world.db.session() as session:
        return list(
            session.scalars(
                select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
            )
        )


def test_search_page_shows_facets_cards_and_escaped_passages(app, world: World) -> None:
    client = signed_in(app, "nc")
    html = client.get("/search?q=xssword").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "<mark>xssword</mark>" in html
    assert 'data-facet="doc_type"' in html and "Đơn tố cáo" in html
    assert f"/documents/{world.ids['script_doc']}" in html
    event = _events(world, "search")[-1]
    assert event.detail["query"] == "xssword" and event.detail["total"] == 1
    assert event.detail["shown"] == [world.ids["script_doc"]]


def test_search_page_links_facets_and_pages(app, world: World) -> None:
    client = signed_in(app, "nc")
    html = client.get("/search?q=bulkword").get_data(as_text=True)
    assert 'rel="next"' in html and "page=2" in html
    filtered = client.get("/search?q=tham+nh%C5%A9ng&type=bao_cao").get_data(as_text=True)
    assert 'class="on"' in filtered
    assert filtered.count('class="card hit"') == 2  # bc_shared_all and secret_nc
    client.post("/locale/en", data={"csrf_token": _csrf(filtered)})
    english = client.get("/search?q=tham+nh%C5%A9ng&type=bao_cao").get_data(as_text=True)
    assert "2 documents found" in english and "Document type" in english and "Report" in english


def test_secret_search_is_logged_at_its_level(app, world: World) -> None:
    signed_in(app, "nc").get("/search?q=omegaword")
    assert _events(world, "search")[-1].level == "mat"


def test_document_page_related_material_and_access(app, world: World) -> None:
    client = signed_in(app, "nc")
    page = client.get(f"/documents/{world.ids['kl_kien_xuong']}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Kết luận thanh tra việc quản lý" in html and "Trang 2" in html
    assert f"/documents/{world.ids['cites_kl']}" in html  # cited by
    assert f"/documents/{world.ids['bb_tt_private']}" not in html

    low = signed_in(app, "nc_low")
    assert low.get(f"/documents/{world.ids['secret_nc']}").status_code == 404
    denied = _events(world, "document.view")[-1]
    assert denied.outcome == "denied" and denied.object_id == str(world.ids["secret_nc"])


def test_long_documents_show_their_text_by_windows_of_pages(app, world: World) -> None:
    client = signed_in(app, "nc")
    url = f"/documents/{world.ids['long_doc']}"
    first = client.get(url).get_data(as_text=True)
    assert 'id="page-20"' in first and 'id="page-21"' not in first
    assert f"{url}?p=21#content" in first
    last = client.get(f"{url}?p=23").get_data(as_text=True)  # the window holding page 23
    assert 'id="page-21"' in last and 'id="page-25"' in last and 'id="page-20"' not in last
    assert f"{url}?p=1#content" in last
    results = client.get("/search?q=longword+s%E1%BB%91+23").get_data(as_text=True)
    assert f"{url}?p=23#page-23" in results  # a passage links to its page


def test_download_and_previews_follow_the_policy(app, world: World) -> None:
    document_id = world.ids["qd_ubnd"]
    officer = signed_in(app, "nc")
    download = officer.get(f"/documents/{document_id}/download")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert "qd_ubnd" in download.headers["Content-Disposition"]
    assert download.data.startswith(b"%PDF")
    viewer = signed_in(app, "nc_low")  # may see, may not copy
    assert viewer.get(f"/documents/{document_id}/download").status_code == 403
    assert "Tải xuống" not in viewer.get(f"/documents/{document_id}").get_data(as_text=True)
    assert signed_in(app, "tt").get(f"/documents/{document_id}/download").status_code == 404

    image = viewer.get(f"/documents/{document_id}/pages/1.png?w=480")
    assert image.status_code == 200 and image.data.startswith(b"\x89PNG")
    assert viewer.get(f"/documents/{document_id}/pages/3.png").status_code == 404
    assert viewer.get(f"/documents/{world.ids['tham_hoi']}/pages/1.png").status_code == 404


def test_saved_searches_belong_to_their_owner(app, world: World) -> None:
    client = signed_in(app, "nc_low")
    page = client.get("/search?q=bulkword&type=cong_van")
    token = _csrf(page.get_data(as_text=True))
    client.post(
        "/saved",
        data={
            "csrf_token": token,
            "q": "bulkword",
            "type": "cong_van",
            "name": "Công văn",
            "alert": "on",
        },
    )
    with world.db.session() as session:
        saved = session.scalars(select(SavedSearch).where(SavedSearch.name == "Công văn")).one()
        assert saved.filters == {"doc_types": ["cong_van"]} and saved.alert
        # What it matches already never alerts: recorded when it was saved.
        assert saved.baseline_at is not None
        known = session.scalars(
            select(SavedSearchDocument.document_id).where(
                SavedSearchDocument.saved_search_id == saved.id
            )
        ).all()
        assert len(known) == BULK
    listing = client.get("/saved").get_data(as_text=True)
    assert "Công văn" in listing and "bulkword" in listing

    run = client.get(f"/saved/{saved.id}")
    assert (
        run.status_code == 302 and "q=bulkword" in run.location and "type=cong_van" in run.location
    )
    client.post(f"/saved/{saved.id}/rename", data={"csrf_token": token, "name": "Đổi tên"})
    client.post(f"/saved/{saved.id}/alert", data={"csrf_token": token, "alert": "off"})
    with world.db.session() as session:
        renamed = session.get(SavedSearch, saved.id)
        assert renamed.name == "Đổi tên" and not renamed.alert

    other = signed_in(app, "nc")
    other_token = _csrf(other.get("/saved").get_data(as_text=True))
    assert other.get(f"/saved/{saved.id}").status_code == 404
    assert (
        other.post(f"/saved/{saved.id}/delete", data={"csrf_token": other_token}).status_code == 404
    )
    assert client.post(f"/saved/{saved.id}/delete", data={"csrf_token": token}).status_code == 302
    with world.db.session() as session:
        assert session.get(SavedSearch, saved.id) is None


def test_rest_search_suggest_related_and_openapi(app, world: World) -> None:
    low = signed_in(app, "nc_low")
    body = low.get("/api/v1/search?q=omegaword").get_json()
    assert body["total"] == 0 and body["hits"] == []
    body = low.get("/api/v1/search?q=tham+nhung+dat+dai&size=5").get_json()
    assert body["size"] == 5 and len(body["hits"]) <= 5 and body["total"] >= 2
    assert {"doc_type", "agency", "issuer", "year", "case", "confidentiality"} <= set(
        body["facets"]
    )
    hit = body["hits"][0]
    assert {
        "id",
        "score",
        "doc_type",
        "number",
        "issued_date",
        "issuer",
        "subject",
        "filename",
        "highlights",
    } <= set(hit)
    suggestions = low.get("/api/v1/suggest?q=1753").get_json()["suggestions"]
    assert {
        "kind": "number",
        "label": "1753-QC/TU",
        "value": "1753-QC/TU",
        "document_id": world.ids["quy_che_party"],
        "confidentiality": "thuong",
    } in suggestions
    assert _events(world, "search.suggest")[-1].detail["shown"] == [world.ids["quy_che_party"]]
    assert low.get(f"/api/v1/documents/{world.ids['secret_nc']}/related").status_code == 404
    related = low.get(f"/api/v1/documents/{world.ids['kl_kien_xuong']}/related").get_json()
    assert [d["id"] for d in related["cited_by"]] == [world.ids["cites_kl"]]
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    assert spec["paths"]["/search"]["get"]["operationId"] == "search"
    assert "/documents/{document_id}/related" in spec["paths"] and "/suggest" in spec["paths"]
    assert app.test_client().get("/api/v1/search?q=x").status_code == 401


def test_cli_search_prints_the_contract_json(world: World) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["--as", "nc", "search", "tham nhũng", "--type", "bao_cao", "--limit", "5", "--json"]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert set(body) == {"total", "took_ms", "hits", "facets"}
    assert body["total"] == 2
    assert set(body["hits"][0]) == {
        "id",
        "score",
        "doc_type",
        "number",
        "issued_date",
        "issuer",
        "subject",
        "filename",
        "highlights",
    }
    low = runner.invoke(main, ["--as", "nc_low", "search", "omegaword", "--json"])
    assert json.loads(low.output)["total"] == 0
    text = runner.invoke(main, ["--as", "nc", "search", "1753-QC/TU"])
    assert text.exit_code == 0 and "1753-QC/TU" in text.output
    bad = runner.invoke(main, ["search", "x", "--type", "not_a_type"])
    assert bad.exit_code == 2
