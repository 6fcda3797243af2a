"""The endpoints of uploaded documents: their pages, live status, list, REST API, and the
upload's own checks (registering for a body at a level)."""

from __future__ import annotations

import io
import re
from typing import Any

from sqlalchemy import select

from records.intake import UploadRefused, receive, upload_target
from records.models import Agency
from records.storage import open_store
from tests.access.registry import (
    ListEndpoint,
    ObjectEndpoint,
    XssProbe,
    http_allowed,
    register,
    register_xss,
)

ROW = re.compile(r'<tr data-id="(\d+)"')


def _web(path: str) -> Any:
    def call(h: Any, user: Any, doc: Any) -> bool:
        return http_allowed(h.client(user).get(path.format(id=doc.id)))

    return call


def _api(method: str, path: str) -> Any:
    def call(h: Any, user: Any, doc: Any) -> bool:
        return http_allowed(h.api(user, method, path.format(id=doc.id)))

    return call


def _correct_unchanged(h: Any, user: Any, doc: Any) -> bool:
    """A correction that changes nothing: only the right to edit is tried."""
    document = h.documents[doc.id]
    body = {"doc_type": document.doc_type or "other"}
    return http_allowed(h.api(user, "PATCH", f"/api/v1/documents/{doc.id}", json=body))


def _share_unchanged(h: Any, user: Any, doc: Any) -> bool:
    document = h.documents[doc.id]
    body = {
        "shared_all": document.shared_all,
        "shared_with": sorted(agency.code for agency in document.shared_with),
    }
    return http_allowed(h.api(user, "PATCH", f"/api/v1/documents/{doc.id}", json=body))


def _list_pages(h: Any, user: Any) -> set[int]:
    client = h.client(user)
    shown: set[int] = set()
    for number in range(1, 20):
        response = client.get(f"/documents?page={number}")
        if not http_allowed(response):
            return shown
        rows = {int(n) for n in ROW.findall(response.get_data(as_text=True))}
        if not rows or rows <= shown:
            return shown
        shown |= rows
    return shown


def _status(h: Any, user: Any) -> set[int]:
    ids = ",".join(str(ref.id) for ref in h.world.documents)
    response = h.client(user).get(f"/documents/status?ids={ids}")
    if not http_allowed(response):
        return set()
    return {row["id"] for row in response.json["documents"]}


def _api_list(h: Any, user: Any) -> set[int]:
    response = h.api(user, "GET", "/api/v1/documents?per_page=200")
    if not http_allowed(response):
        return set()
    return {row["id"] for row in response.json["documents"]}


def _upload_target(h: Any, user: Any, target: Any) -> bool:
    try:
        upload_target(
            h.session, h.users[user.id], agency_code=target.agency, confidentiality=target.level
        )
    except UploadRefused:
        return False
    return True


register(
    ObjectEndpoint("web documents.edit (page)", "document", "see", _web("/documents/{id}/edit")),
    ObjectEndpoint(
        "api GET /documents/ID", "document", "see", _api("GET", "/api/v1/documents/{id}")
    ),
    ObjectEndpoint(
        "api GET /documents/ID/text", "document", "see", _api("GET", "/api/v1/documents/{id}/text")
    ),
    ObjectEndpoint("api PATCH /documents/ID (correction)", "document", "edit", _correct_unchanged),
    ObjectEndpoint("api PATCH /documents/ID (sharing)", "document", "share", _share_unchanged),
    ListEndpoint("web documents.index", "document", _list_pages),
    ListEndpoint("web documents.status", "document", _status),
    ListEndpoint("api GET /documents", "document", _api_list),
    ObjectEndpoint("intake.upload_target", "register", "register", _upload_target),
)


# -- text from files shown on the document pages --------------------------------------------
_PLANTED: dict[str, int] = {}


def _plant_document(h: Any, payload: str) -> None:
    """A file whose name, metadata and failure reason carry the payload."""
    with h.db.session() as session:
        agency = session.scalar(select(Agency).where(Agency.code == "thanh_tra"))
        document = receive(
            session, open_store(h.settings), io.BytesIO(payload.encode() + b" doc"),
            f"{payload}.docx", user=None, agency=agency, channel="web",
        ).document  # fmt: skip
        document.subject = document.issuer = document.number = payload
        document.status, document.error, document.error_code = "failed", payload, "damaged"
        document.error_params = {"kind": "docx", "detail": payload}
        _PLANTED["document"] = document.id


def _reader(h: Any) -> Any:
    return h.client(next(p for p in h.world.users if p.key == "officer-thanhtra-thuong"))


def _list_page(h: Any) -> str:
    return _reader(h).get("/documents?status=failed").get_data(as_text=True)


def _edit_page(h: Any) -> str:
    return _reader(h).get(f"/documents/{_PLANTED['document']}/edit").get_data(as_text=True)


register_xss(
    XssProbe("documents list: a file's name, subject and failure", _plant_document, _list_page),
    XssProbe("document edit page: its metadata and failure", _plant_document, _edit_page),
)
