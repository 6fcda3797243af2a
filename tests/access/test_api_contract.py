"""Server errors schemathesis found (issue 13, item 11), each as a request of its own: every
one is now a 4xx with a clear message, and the OpenAPI document says what the API does."""

from __future__ import annotations

import base64
import json

import pytest

from indexer.query import decode_cursor
from records import tokens
from records.db import Database
from records.models import User
from tests.support.auth import login, make_user

pytestmark = pytest.mark.services

HUGE = 2**63  # beyond any database key (PostgreSQL integer keys stop at 2**31 - 1)


@pytest.fixture
def bearer(db: Database) -> dict[str, str]:
    account = make_user(db, "may.khach", roles=("officer",), clearance="mat")
    with db.session() as session:
        raw = tokens.issue(session, session.get(User, account.id), "t", scope="read_write")[1]
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", f"/api/v1/documents/{HUGE}"),
        ("get", f"/api/v1/documents/{HUGE}/versions"),
        ("post", f"/api/v1/documents/{HUGE}/rerun"),
        ("get", f"/api/v1/petitions/{HUGE}"),
        ("get", f"/api/v1/cases/{HUGE}"),
        ("get", f"/api/v1/requests/{HUGE}"),
        ("get", f"/api/v1/transfers/{HUGE}"),
        ("get", f"/api/v1/requests/{2**31}"),
        ("patch", f"/api/v1/documents/{2**31}"),
    ],
)
def test_an_id_beyond_a_database_key_is_not_found(client, bearer, method: str, path: str) -> None:
    response = getattr(client, method)(path, headers=bearer)
    assert response.status_code == 404 and response.json["error"] == "Not Found"


def test_a_page_with_an_id_beyond_a_database_key_is_not_found(client, db: Database) -> None:
    login(client, make_user(db, "trang.web"))
    for path in (f"/documents/{HUGE}", f"/cases/{HUGE}", f"/petitions/{HUGE}"):
        assert client.get(path).status_code == 404, path


def _cursor(values: object) -> str:
    raw = json.dumps({"s": "relevance", "v": values}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "values",
    [[1e308 * 10, 0, "1"], [float("nan"), 0, "1"], [1.5, 2**70, "1"], [1.5, -(2**70), "1"]],
    ids=["infinite score", "NaN score", "huge date", "negative huge date"],
)
def test_a_forged_search_cursor_is_not_sent_to_the_engine(client, bearer, values) -> None:
    assert decode_cursor(_cursor(values), "relevance") is None
    response = client.get(
        "/api/v1/search", query_string={"q": "x", "after": _cursor(values)}, headers=bearer
    )
    assert response.status_code == 200, response.json


@pytest.mark.parametrize("document_ids", ["12", 12, {"id": 12}, [HUGE], ["x"]])
def test_document_ids_of_the_wrong_type_are_refused_by_name(client, bearer, document_ids) -> None:
    response = client.post(
        "/api/v1/petitions",
        json={"kind": "to_cao", "summary": "Nội dung", "document_ids": document_ids},
        headers=bearer,
    )
    assert response.status_code == 400
    assert response.json["error"] == "invalid_input"
    assert response.json["detail"]["field"].startswith("document_ids")


def test_a_multipart_part_without_a_name_is_a_bad_request(client, db: Database, bearer) -> None:
    body = b"--B\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--B--\r\n"
    multipart = {"Content-Type": "multipart/form-data; boundary=B"}
    assert client.post("/login", data=body, headers=multipart).status_code == 400
    assert (
        client.post("/api/v1/documents", data=body, headers={**bearer, **multipart}).status_code
        == 400
    )
    login(client, make_user(db, "bieu.mau"))
    assert client.post("/documents/upload", data=body, headers=multipart).status_code == 400


def test_a_method_not_allowed_says_which_are(client, bearer) -> None:
    response = client.put("/api/v1/me", headers=bearer)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "HEAD", "OPTIONS"}


def test_the_openapi_document_declares_every_path_parameter(client) -> None:
    spec = client.get("/api/v1/openapi.json").json
    for path, operations in spec["paths"].items():
        names = {part[1:-1] for part in path.split("/") if part.startswith("{")}
        for method, operation in operations.items():
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == names, f"{method.upper()} {path}"
            assert {"400", "401", "403"} <= set(operation["responses"]), f"{method} {path}"
            if names:
                assert "404" in operation["responses"], f"{method.upper()} {path}"


def test_text_no_database_can_store_is_a_bad_request(client, bearer) -> None:
    """PostgreSQL keeps no NUL in text; a report cannot hold control characters."""
    assert client.get("/api/v1/search?q=a%00b", headers=bearer).status_code == 400
    assert client.get("/api/v1/search?q=a%07b", headers=bearer).status_code == 400
    nul = client.post("/api/v1/petitions", json={"summary": "a\u0000b"}, headers=bearer)
    assert nul.status_code == 400
    assert client.get("/api/v1/search?q=a%09b", headers=bearer).status_code == 200


def test_a_page_number_beyond_any_page_is_the_last_page_asked(client, bearer) -> None:
    """A page number whose offset no database takes (PostgreSQL: bigint out of range)."""
    huge = str(10**21)
    for path in ("/api/v1/documents", "/api/v1/petitions", "/api/v1/notifications"):
        assert client.get(path, query_string={"page": huge}, headers=bearer).status_code == 200
    offset = client.get("/api/v1/cases", query_string={"offset": huge}, headers=bearer)
    assert offset.status_code == 200
