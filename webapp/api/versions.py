"""``/api/v1/documents/ID/versions`` and ``/pages/N``: file versions and page corrections.

A document the caller may not see is "not found"; adding a version or correcting a page
needs edit rights on the document (``records.policy``, Action.EDIT).
"""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from indexer import unit_of_work
from indexer.page_corrections import PageCorrectionRefused, correct_page, index_now
from records import policy, versions
from records.errors import NotAllowed
from records.models import DocumentPage, DocumentVersion, User
from records.storage import FileTooLarge
from records.versions import MAX_REASON, VersionRefused
from webapp.api import openapi, route
from webapp.api.replies import error_reply, not_found, visible_document
from webapp.auditing import audit
from webapp.db_session import db_session
from webapp.features.denouncers import MaskedVersion, shown_versions
from webapp.features.document_access import may_read_unmasked
from webapp.labels import message
from webapp.reasons import too_large
from webapp.services import services

openapi.add_schema(
    "DocumentVersion",
    {
        "type": "object",
        "properties": {
            "number": {"type": "integer"},
            "filename": {"type": "string"},
            "sha256": {"type": "string"},
            "mime": {"type": "string"},
            "size": {"type": "integer"},
            "uploaded_by": {"type": "string", "nullable": True},
            "uploaded_at": {"type": "string", "format": "date-time"},
            "reason": {"type": "string"},
            "current": {"type": "boolean"},
        },
    },
)
_ID = {"name": "document_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_PAGE = {"name": "page_no", "in": "path", "required": True, "schema": {"type": "integer"}}
#: A page that cannot be corrected now (the document is being parsed) is a conflict with
#: the document's state, a page it does not have is not found, a text too long a rule.
_PAGE_REFUSAL_STATUS = {"page.not_settled": 409, "page.not_found": 404, "page.too_long": 422}
#: A file held already (as a version of this document or another one) conflicts with what
#: is stored; the reason's rules are about the request.
_VERSION_REFUSAL_STATUS = {"version.same_file": 409, "version.other_document": 409}
_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _forbidden() -> ResponseReturnValue:
    return error_reply("forbidden", _("Bạn không có quyền sửa tài liệu này."), 403)


def _version_json(
    version: DocumentVersion | MaskedVersion, who: User | None, current: int
) -> dict[str, Any]:
    return {
        "number": version.number,
        "filename": version.filename,
        "sha256": version.sha256,
        "mime": version.mime,
        "size": version.size,
        "uploaded_by": who.username if who else None,
        "uploaded_at": version.uploaded_at.isoformat(),
        "reason": version.reason,
        "current": version.number == current,
    }


@route(
    "/documents/<int:document_id>/versions",
    {
        "get": {
            "summary": "The document's file versions, newest (current) first",
            "operationId": "listDocumentVersions",
            "parameters": [_ID],
            "responses": {
                "200": {"description": "Versions"},
                "404": _ERROR | {"description": "No such document"},
            },
        },
        "post": {
            "summary": "Add a new file version (it is parsed and indexed again)",
            "operationId": "addDocumentVersion",
            "parameters": [_ID],
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "file": {"type": "string", "format": "binary"},
                                "reason": openapi.NONBLANK_TEXT | {"maxLength": MAX_REASON},
                            },
                            "required": ["file", "reason"],
                        }
                    }
                },
            },
            "responses": {
                "201": {"description": "Stored as the current version; queued for parsing"},
                "400": _ERROR | {"description": "No file or reason"},
                "409": _ERROR
                | {"description": "The same file as a version of this or another document"},
                "403": _ERROR | {"description": "You may not edit this document"},
                "404": _ERROR | {"description": "No such document"},
                "413": _ERROR | {"description": "File larger than the upload limit"},
            },
        },
    },
)
def document_versions(document_id: int) -> ResponseReturnValue:
    document = visible_document(document_id)
    if document is None:
        return not_found()
    session = db_session()
    if request.method == "GET":
        rows = session.execute(
            versions.versions_query(document.id)
            .add_columns(User)
            .outerjoin(User, User.id == DocumentVersion.uploaded_by_id)
        ).all()
        current = rows[0][0].number if rows else 0
        audit(
            "document.view",
            object_type="document",
            object_id=document.id,
            level=document.confidentiality,
            channel="api",
            part="versions",
        )
        # Their file names and reasons may name a denouncer.
        shown = shown_versions(session, current_user, document.id, [v for v, _who in rows])
        listed = [_version_json(v, who, current) for v, (_v, who) in zip(shown, rows, strict=True)]
        return jsonify(versions=listed)
    if not policy.can(current_user, policy.Action.EDIT, document):
        return _forbidden()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return error_reply("no_file", _("Chưa chọn tệp nào."), 400)
    limit_mb = services().settings.max_upload_mb
    try:
        new = versions.add_version(
            session,
            services().store,
            document,
            upload.stream,
            upload.filename,
            user=current_user,
            reason=request.form.get("reason", ""),
            channel="api",
            ip=request.remote_addr or "",
            max_bytes=limit_mb * 1024 * 1024,
        )
        unit_of_work.reparse(session, document)
        session.commit()  # at once, as the answer says whether the parsing was queued
    except FileTooLarge:
        session.rollback()
        return error_reply("too_large", too_large(limit_mb), 413)
    except VersionRefused as err:
        session.rollback()
        return error_reply(err.code, message(err), _VERSION_REFUSAL_STATUS.get(err.code, 400))
    queued = unit_of_work.delivered(session, document.id)
    body = _version_json(new, current_user, new.number) | {"queued": queued}
    return jsonify(body), 201


@route(
    "/documents/<int:document_id>/pages/<int:page_no>",
    {
        "put": {
            "summary": "Correct the text of a page (kept through re-runs; indexed at once)",
            "operationId": "correctDocumentPage",
            "parameters": [_ID, _PAGE],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {"text": {"type": "string"}},
                            "required": ["text"],
                        }
                    }
                },
            },
            "responses": {
                "200": {"description": "Saved (`changed` false: the text was the same)"},
                "400": _ERROR | {"description": "Text missing"},
                "403": _ERROR | {"description": "You may not edit this document"},
                "404": _ERROR | {"description": "No such document or page"},
                "409": _ERROR | {"description": "The document is being parsed"},
                "422": _ERROR | {"description": "Text too long"},
            },
        }
    },
)
def document_page(document_id: int, page_no: int) -> ResponseReturnValue:
    document = visible_document(document_id)
    if document is None:
        return not_found()
    if not policy.can(current_user, policy.Action.EDIT, document):
        return _forbidden()
    if not may_read_unmasked(current_user, document):  # the text of a denunciation's page
        return _forbidden()
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("text"), str):
        return error_reply("no_text", _("Thiếu nội dung trang."), 400)
    session = db_session()
    if session.get(DocumentPage, (document.id, page_no)) is None:
        return not_found()
    try:
        correction = correct_page(
            session, current_user, document, page_no, body["text"], ip=request.remote_addr or ""
        )
    except NotAllowed:
        session.rollback()
        return _forbidden()
    except PageCorrectionRefused as err:
        session.rollback()
        return error_reply(err.code, message(err), _PAGE_REFUSAL_STATUS.get(err.code, 400))
    indexed = False
    if correction is not None:
        svc = services()
        # Searchable at once; if the engine is away, the commit queues the re-indexing.
        indexed = index_now(session, svc.engine, svc.settings, document)
    return jsonify(id=document.id, page=page_no, changed=correction is not None, indexed=indexed)
