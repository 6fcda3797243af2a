"""``/api/v1/documents``: upload, list, describe, read, re-run and correct documents.

Every answer holds only what the caller may see: a document they may not see is "not
found", lists are filtered in SQL by ``records.policy.document_clause``.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from indexer.corrections import CORRECTABLE, correct
from indexer.reprocess import request_rerun
from records import policy
from records.codes import CONFIDENTIALITY, DOCUMENT_STATUSES
from records.errors import RuleError
from records.intake import UploadRefused, upload_target
from records.models import Agency, Document, DocumentPage
from records.policy import Action
from records.sharing import set_sharing
from webapp.api import openapi, route
from webapp.api.replies import error_reply, not_found, visible_document
from webapp.auditing import audit
from webapp.db_session import db_session
from webapp.features.denouncers import shown_document, shown_documents, shown_pages
from webapp.features.document_json import document_json, document_summary
from webapp.features.uploads import accept, waiting_for_queue
from webapp.labels import message
from webapp.paging import page_number
from webapp.reasons import failure_reason

MAX_PER_PAGE = 200
SHARING = ("shared_all", "shared_with")

openapi.add_schema(
    "Error",
    {
        "type": "object",
        "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
        "required": ["error", "message"],
    },
)
openapi.add_schema(
    "UploadResult",
    {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "filename": {"type": "string"},
            "status": {"type": "string", "enum": [*DOCUMENT_STATUSES]},
            "duplicate": {"type": "boolean"},
            "queued": {
                "type": "boolean",
                "description": "False: stored, but waiting for the queue (the broker is away)",
            },
            "message": {"type": "string", "nullable": True},
        },
    },
)
_NULLABLE_STRING = {"type": "string", "nullable": True}
openapi.add_schema(
    "Document",
    {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "filename": {"type": "string"},
            "sha256": {"type": "string"},
            "status": {"type": "string", "enum": [*DOCUMENT_STATUSES]},
            "error": _NULLABLE_STRING,
            "doc_type": _NULLABLE_STRING,
            "number": _NULLABLE_STRING,
            "issued_date": {"type": "string", "format": "date", "nullable": True},
            "place": _NULLABLE_STRING,
            "issuer": _NULLABLE_STRING,
            "subject": _NULLABLE_STRING,
            "signer": _NULLABLE_STRING,
            "confidentiality": {"type": "string"},
            "urgency": _NULLABLE_STRING,
            "recipients": {"type": "array", "items": {"type": "string"}},
            "agencies": {"type": "array", "items": {"type": "string"}},
            "cases": {"type": "array", "items": {"type": "string"}},
            "pages": {"type": "integer"},
            "ocr": {"type": "boolean"},
            "source_encoding": _NULLABLE_STRING,
            "owner_agency": {"type": "string"},
            "shared_all": {"type": "boolean"},
            "shared_with": {"type": "array", "items": {"type": "string"}},
            "corrected": {"type": "array", "items": {"type": "string"}},
            "attachments": {
                "type": "array",
                "items": {"type": "integer"},
                "description": "Documents attached to this e-mail message.",
            },
            "mail_messages": {
                "type": "array",
                "items": {"type": "integer"},
                "description": "E-mail messages this document was attached to.",
            },
        },
    },
)
openapi.add_schema(
    "DocumentChanges",
    {
        "type": "object",
        "description": "Corrections (they win over every later re-run) and sharing.",
        "properties": {
            **{field: _NULLABLE_STRING for field in CORRECTABLE},
            "shared_all": {"type": "boolean"},
            "shared_with": {"type": "array", "items": {"type": "string"}},
            "reason": {
                "type": "string",
                "description": "Why the level is lowered (required then; a leader's act)",
            },
        },
        "additionalProperties": False,
    },
    request=True,
)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(name: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(name)}}}


_ERROR_404 = _json("Error", "No such document, or not visible to you")
_ID = {"name": "document_id", "in": "path", "required": True, "schema": {"type": "integer"}}


# -- collection -------------------------------------------------------------------------
@route(
    "/documents",
    {
        "get": {
            "summary": "Documents you may see, newest upload first",
            "operationId": "listDocuments",
            "parameters": [
                {
                    "name": "status",
                    "in": "query",
                    "schema": {"type": "string", "enum": [*DOCUMENT_STATUSES]},
                    "description": "Only documents in this processing state",
                },
                {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                {
                    "name": "per_page",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
                },
            ],
            "responses": {"200": {"description": "A page of documents"}},
        },
        "post": {
            "summary": "Upload one file; it is stored before the answer, parsed afterwards",
            "operationId": "uploadDocument",
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "file": {"type": "string", "format": "binary"},
                                "agency": {"type": "string", "description": "owning body"},
                                "confidentiality": {
                                    "type": "string",
                                    "enum": list(CONFIDENTIALITY),
                                },
                                "case": {"type": "string", "description": "case code"},
                                "share_all": {"type": "boolean"},
                                "share": {"type": "array", "items": {"type": "string"}},
                            },
                            "required": ["file"],
                        }
                    }
                },
            },
            "responses": {
                "201": _json("UploadResult", "Stored; queued for parsing"),
                "200": _json("UploadResult", "The file is held already, in a document you see"),
                "409": _json("Error", "The file is held already, in a document you may not see"),
                "400": _json("Error", "Missing file"),
                "403": _json("Error", "This account may not upload so (body, level, share, case)"),
                "404": _json("Error", "No such body or case (or not visible to you)"),
                "413": _json("Error", "File larger than the upload limit"),
            },
        },
    },
)
def documents() -> ResponseReturnValue:
    if request.method == "POST":
        return _upload()
    return _list()


def _list() -> ResponseReturnValue:
    session = db_session()
    page = page_number()
    per_page = min(MAX_PER_PAGE, max(1, request.args.get("per_page", 50, type=int) or 50))
    status = request.args.get("status") or ""
    conditions = [policy.document_clause(current_user)]
    if status:
        if status not in DOCUMENT_STATUSES:
            return error_reply("bad_status", _("Trạng thái không hợp lệ."), 400)
        conditions.append(Document.status == status)
    total = session.scalar(select(func.count()).select_from(Document).where(*conditions)) or 0
    rows = session.scalars(
        select(Document)
        .where(*conditions)
        .order_by(Document.uploaded_at.desc(), Document.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    audit("document.list", status=status, page=page, shown=len(rows), channel="api")
    return jsonify(
        total=total,
        page=page,
        per_page=per_page,
        documents=[
            document_summary(shown, failure_reason(d))
            for d, shown in zip(rows, shown_documents(session, current_user, rows), strict=True)
        ],
    )


#: Options the caller may not choose are refused as not allowed, names of bodies and cases
#: that do not exist (or that the caller does not see) as not found.
_UPLOAD_REFUSAL_STATUS = {
    "upload.forbidden": 403,
    "confidentiality_above_clearance": 403,
    "upload.agency_forbidden": 403,
    "upload.share_forbidden": 403,
    "upload.case_forbidden": 403,
    "upload.unknown_agency": 404,
    "upload.unknown_case": 404,
}


def _upload() -> ResponseReturnValue:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return error_reply("no_file", _("Chưa chọn tệp nào."), 400)
    share = [code for value in request.form.getlist("share") for code in value.split(",") if code]
    try:
        target = upload_target(
            db_session(),
            current_user,
            agency_code=request.form.get("agency") or None,
            confidentiality=request.form.get("confidentiality") or "thuong",
            case_code=request.form.get("case") or None,
            shared_all=request.form.get("share_all", "").lower() in ("1", "true", "yes", "on"),
            share_codes=share,
        )
    except UploadRefused as err:
        return error_reply(err.code, message(err), _UPLOAD_REFUSAL_STATUS.get(err.code, 400))
    result = accept(upload.stream, upload.filename, target, channel="api")
    if result.too_large:
        return error_reply("too_large", result.error, 413)
    if result.store_unavailable:
        return error_reply("store_unavailable", result.error, 503)
    if result.held_elsewhere:
        return error_reply("held_elsewhere", result.error, 409)
    document = db_session().get(Document, result.id)
    body = {
        "id": result.id,
        "filename": result.filename,
        "status": document.status if document else result.status,
        "duplicate": result.status == "duplicate",
        "queued": result.queued,
        "message": None if result.queued else waiting_for_queue(),
    }
    return jsonify(body), 200 if result.status == "duplicate" else 201


# -- one document ---------------------------------------------------------------------------
@route(
    "/documents/<int:document_id>",
    {
        "get": {
            "summary": "A document: processing state, metadata, tags (as `hoso doc show`)",
            "operationId": "getDocument",
            "parameters": [_ID],
            "responses": {"200": _json("Document", "The document"), "404": _ERROR_404},
        },
        "patch": {
            "summary": "Correct metadata (kept through re-runs, audited) and set sharing",
            "operationId": "updateDocument",
            "parameters": [_ID],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("DocumentChanges")}},
            },
            "responses": {
                "200": _json("Document", "The document after the change"),
                "400": _json("Error", "Not a JSON object, or a field that cannot be changed"),
                "403": _json("Error", "You may see but not change this document"),
                "404": _ERROR_404,
                "422": _json("Error", "A value is not acceptable (a date, a type, a body)"),
            },
        },
    },
)
def document(document_id: int) -> ResponseReturnValue:
    found = visible_document(document_id)
    if found is None:
        return not_found()
    if request.method == "PATCH":
        return _patch(found)
    audit(
        "document.view",
        object_type="document",
        object_id=found.id,
        level=found.confidentiality,
        channel="api",
    )
    return jsonify(document_json(db_session(), found, current_user, failure_reason(found)))


def _patch(document: Document) -> ResponseReturnValue:
    session = db_session()
    changes = request.get_json(silent=True)
    if not isinstance(changes, dict):
        return error_reply("bad_request", _("Nội dung yêu cầu phải là một đối tượng JSON."), 400)
    unknown = sorted(set(changes) - set(CORRECTABLE) - set(SHARING) - {"reason"})
    if unknown:
        return error_reply(
            "unknown_field", _("Không sửa được trường: %(f)s", f=", ".join(unknown)), 400
        )
    corrections = {field: changes[field] for field in CORRECTABLE if field in changes}
    sharing = {field: changes[field] for field in SHARING if field in changes}
    if corrections and not policy.can(current_user, Action.EDIT, document):
        return error_reply("forbidden", _("Bạn không có quyền sửa tài liệu này."), 403)
    level = corrections.get("confidentiality")
    lowering = isinstance(level, str) and level in policy.classification_levels(current_user)
    if lowering and not policy.can_change_level(current_user, document, level):
        return error_reply("forbidden", _("Chỉ lãnh đạo cơ quan sở hữu được hạ độ mật."), 403)
    reason = changes.get("reason")
    if reason is not None and not isinstance(reason, str):
        return error_reply("bad_request", _("reason phải là chuỗi."), 400)
    if sharing and not policy.can(current_user, Action.SHARE, document):
        return error_reply("forbidden", _("Bạn không có quyền chia sẻ tài liệu này."), 403)
    ip = request.remote_addr or ""
    # Sharing first, at the level the document has; a raise in the same request then
    # withdraws what may not be shared at the new level (records.sharing).
    if sharing:
        codes = sharing.get("shared_with", [a.code for a in document.shared_with])
        if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
            session.rollback()
            return error_reply("bad_request", _("shared_with phải là danh sách mã cơ quan."), 400)
        agencies = session.scalars(select(Agency).where(Agency.code.in_(codes))).all()
        if len(agencies) != len(set(codes)):
            session.rollback()
            return error_reply("unknown_agency", _("Có mã cơ quan không tồn tại."), 422)
        set_sharing(
            session,
            current_user,
            document,
            shared_all=bool(sharing.get("shared_all", document.shared_all)),
            agencies=agencies,
            ip=ip,
        )
    try:
        correct(session, current_user, document, corrections, reason=reason or "", ip=ip)
    except RuleError as err:
        if "field" not in err.params:
            raise  # not about a value: the error handler answers
        session.rollback()
        return error_reply(err.code, f"{err.params['field']}: {message(err)}", 422)
    return jsonify(document_json(session, document, current_user, failure_reason(document)))


@route(
    "/documents/<int:document_id>/text",
    {
        "get": {
            "summary": "The document's text, page by page (normalised, as searched)",
            "operationId": "getDocumentText",
            "parameters": [_ID],
            "responses": {"200": {"description": "id, text and pages"}, "404": _ERROR_404},
        }
    },
)
def document_text(document_id: int) -> ResponseReturnValue:
    found = visible_document(document_id)
    if found is None:
        return not_found()
    session = db_session()
    pages = session.scalars(
        select(DocumentPage)
        .where(DocumentPage.document_id == found.id)
        .order_by(DocumentPage.page_no)
    ).all()
    _shown, protection = shown_document(session, current_user, found)
    pages = shown_pages(pages, protection)
    audit(
        "document.text",
        object_type="document",
        object_id=found.id,
        level=found.confidentiality,
        channel="api",
    )
    return jsonify(
        id=found.id,
        text="\f".join(page.text for page in pages),
        pages=[{"no": page.page_no, "text": page.text} for page in pages],
    )


@route(
    "/documents/<int:document_id>/rerun",
    {
        "post": {
            "summary": "Parse the document again (keeps corrections)",
            "operationId": "rerunDocument",
            "parameters": [_ID],
            "responses": {
                "202": {"description": "Queued (`queued` false: the sweep will queue it)"},
                "403": _json("Error", "You may not re-run this document"),
                "404": _ERROR_404,
            },
        }
    },
)
def document_rerun(document_id: int) -> ResponseReturnValue:
    found = visible_document(document_id)
    if found is None:
        return not_found()
    if not policy.can(current_user, Action.EDIT, found):
        return error_reply("forbidden", _("Bạn không có quyền xử lý lại tài liệu này."), 403)
    queued = request_rerun(
        db_session(), found, current_user, ip=request.remote_addr or "", channel="api"
    )
    return jsonify(id=found.id, status=found.status, queued=queued), 202
