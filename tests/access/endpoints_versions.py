"""The endpoints of file versions and page corrections: the page view, a version's
download, adding a version and correcting a page (web and REST API)."""

from __future__ import annotations

import io
import re
from typing import Any

from sqlalchemy import select

from records.models import Agency, Document, DocumentPage, DocumentVersion
from tests.access.endpoints_search import _ensure_stored_files
from tests.access.registry import (
    ObjectEndpoint,
    XssProbe,
    http_allowed,
    register,
    register_xss,
)

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_TOKENS: dict[str, str] = {}


def _ensure_versions(h: Any) -> None:
    """The world's documents were made without intake: give each its version 1."""
    _ensure_stored_files(h)
    ids = [doc.id for doc in h.world.documents]
    held = set(
        h.session.scalars(
            select(DocumentVersion.document_id).where(DocumentVersion.document_id.in_(ids))
        )
    )
    for document_id in set(ids) - held:
        h.session.add(DocumentVersion.first_of(h.documents[document_id]))
    h.session.commit()


def _token(h: Any, user: Any) -> str:
    """The CSRF token of the user's browser session (any page of the signed-in shell)."""
    if user.key not in _TOKENS:
        client = h.client(user)
        html = client.get("/").get_data(as_text=True) or ""
        found = _TOKEN.search(html) or _TOKEN.search(client.get("/login").get_data(as_text=True))
        _TOKENS[user.key] = found.group(1) if found else ""
    return _TOKENS[user.key]


def _page_view(h: Any, user: Any, doc: Any) -> bool:
    return http_allowed(h.client(user).get(f"/documents/{doc.id}/pages/1"))


def _version_download(h: Any, user: Any, doc: Any) -> bool:
    _ensure_versions(h)
    response = h.client(user).get(f"/documents/{doc.id}/versions/1/download")
    allowed = http_allowed(response)
    if allowed:
        assert response.headers["Content-Disposition"].startswith("attachment")
    return allowed


def _versions_api(h: Any, user: Any, doc: Any) -> bool:
    return http_allowed(h.api(user, "GET", f"/api/v1/documents/{doc.id}/versions"))


def _refused_for_its_reason(response: Any) -> bool:
    """Adding a version without a reason: allowed users reach the reason check (400
    version.reason_required, nothing stored); others are refused before it."""
    if response.status_code == 400 and response.get_json()["error"] == "version.reason_required":
        return True
    return http_allowed(response)


def _add_version_api(h: Any, user: Any, doc: Any) -> bool:
    response = h.api(
        user,
        "POST",
        f"/api/v1/documents/{doc.id}/versions",
        data={"file": (io.BytesIO(b"matran moi"), "moi.txt"), "reason": ""},
        content_type="multipart/form-data",
    )
    return _refused_for_its_reason(response)


def _add_version_web(h: Any, user: Any, doc: Any) -> bool:
    """Allowed users are sent back to the versions section with the missing reason told."""
    response = h.client(user).post(
        f"/documents/{doc.id}/versions",
        data={
            "csrf_token": _token(h, user),
            "reason": "",
            "file": (io.BytesIO(b"matran moi"), "moi.txt"),
        },
        content_type="multipart/form-data",
    )
    if response.status_code == 302 and response.headers["Location"].endswith("#versions"):
        return True
    return http_allowed(response)


def _same_text(h: Any, doc: Any) -> str:
    return h.documents[doc.id].pages[0].original


def _correct_page_api(h: Any, user: Any, doc: Any) -> bool:
    """The page's own text again: allowed users get 200 (unchanged), nothing is written."""
    body = {"text": _same_text(h, doc)}
    response = h.api(user, "PUT", f"/api/v1/documents/{doc.id}/pages/1", json=body)
    allowed = http_allowed(response)
    assert not allowed or response.get_json()["changed"] is False
    return allowed


def _correct_page_web(h: Any, user: Any, doc: Any) -> bool:
    path = f"/documents/{doc.id}/pages/1"
    response = h.client(user).post(
        path, data={"csrf_token": _token(h, user), "text": _same_text(h, doc)}
    )
    if response.status_code == 302 and response.headers["Location"].endswith(path):
        return True
    return http_allowed(response)


register(
    ObjectEndpoint("web versions.page (page view)", "document", "see", _page_view),
    ObjectEndpoint(
        "web GET /documents/ID/versions/N/download", "document", "download", _version_download
    ),
    ObjectEndpoint("api GET /documents/ID/versions", "document", "see", _versions_api),
    ObjectEndpoint("api POST /documents/ID/versions", "document", "edit", _add_version_api),
    ObjectEndpoint("web POST /documents/ID/versions", "document", "edit", _add_version_web),
    ObjectEndpoint("api PUT /documents/ID/pages/N", "document", "edit", _correct_page_api),
    ObjectEndpoint("web POST /documents/ID/pages/N", "document", "edit", _correct_page_web),
)


# -- text people typed, shown on the document and page views --------------------------------
_PLANTED: dict[str, int] = {}


def _plant_version(h: Any, payload: str) -> None:
    """A document whose second version's filename and reason, and page text, carry the payload."""
    if "document" in _PLANTED:
        return  # both probes read the same document
    with h.db.session() as session:
        agency = session.scalar(select(Agency).where(Agency.code == "thanh_tra"))
        document = Document(
            sha256="f" * 64, size=1, filename=f"{payload}.txt", status="indexed", kind="txt",
            owner_agency=agency, page_count=1,
            pages=[DocumentPage(page_no=1, text=payload, original=payload, ocr_confidence=40.0)],
        )  # fmt: skip
        session.add(document)
        session.flush()
        session.add(DocumentVersion.first_of(document))
        second = DocumentVersion(
            document_id=document.id, number=2, sha256="e" * 64, filename=payload,
            mime="text/plain", size=1, reason=payload,
        )  # fmt: skip
        session.add(second)
        _PLANTED["document"] = document.id


def _reader(h: Any) -> Any:
    return h.client(next(p for p in h.world.users if p.key == "officer-thanhtra-thuong"))


register_xss(
    XssProbe(
        "document page: versions (filename, reason) and page text",
        _plant_version,
        lambda h: _reader(h).get(f"/documents/{_PLANTED['document']}").get_data(as_text=True),
    ),
    XssProbe(
        "page view: the text being corrected",
        _plant_version,
        lambda h: (
            _reader(h).get(f"/documents/{_PLANTED['document']}/pages/1").get_data(as_text=True)
        ),
    ),
)
