"""Uploading documents, following their processing, re-running and correcting them."""

from __future__ import annotations

from dataclasses import replace

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from indexer.corrections import correct
from indexer.reprocess import request_rerun
from records import policy
from records.codes import DOCUMENT_STATUSES
from records.errors import RuleError
from records.intake import UploadRefused, upload_target
from records.models import Agency, Case, Document, Upload
from records.policy import Action
from records.sharing import set_sharing
from webapp.auditing import audit
from webapp.blueprints.auth import is_local_path
from webapp.db_session import db_session
from webapp.features.denouncers import shown_documents, shown_filename
from webapp.features.document_access import may_read_unmasked
from webapp.features.document_forms import DocumentForm
from webapp.features.uploads import UploadResult, accept
from webapp.labels import STATUSES, label, message
from webapp.paging import Page, page_number
from webapp.reasons import failure_reason, too_large
from webapp.services import services

bp = Blueprint("documents", __name__, url_prefix="/documents")

PER_PAGE = 50
#: Files one request of the upload form may carry (the page's script sends one at a time).
MAX_FILES_PER_REQUEST = 50
#: Statuses a file shown on the upload page stops changing at.
FINAL = ("indexed", "failed")


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _visible(document_id: int) -> Document:
    """The document if the user may see it; 404 otherwise (its existence is not told)."""
    document = db_session().get(Document, document_id)
    if document is None or not policy.may_see(current_user, document):
        abort(404)
    return document


def _back(default: str) -> str:
    target = request.form.get("next") or request.args.get("next") or ""
    if is_local_path(target):
        return target
    return default


# -- upload -----------------------------------------------------------------------------
@bp.route("/upload", methods=["GET", "POST"])
def upload() -> ResponseReturnValue:
    if not policy.may_upload(current_user):
        abort(403)
    if request.method == "GET":
        return render_template("documents/upload.html", **_upload_choices())
    try:
        target = upload_target(
            db_session(),
            current_user,
            agency_code=request.form.get("agency") or None,
            confidentiality=request.form.get("confidentiality") or "thuong",
            case_code=(request.form.get("case") or "").strip() or None,
            shared_all=request.form.get("share") == "all",
            share_codes=request.form.getlist("share_agency")
            if request.form.get("share") == "chosen"
            else (),
        )
    except UploadRefused as err:
        if _wants_json():
            return jsonify(error=err.code, message=message(err)), 400
        flash(message(err), "error")
        return render_template("documents/upload.html", **_upload_choices()), 400
    files = [f for f in request.files.getlist("files") if f.filename]
    if not files or len(files) > MAX_FILES_PER_REQUEST:
        problem = (
            _("Chưa chọn tệp nào.")
            if not files
            else _("Mỗi lần gửi tối đa %(n)s tệp.", n=MAX_FILES_PER_REQUEST)
        )
        if _wants_json():
            return jsonify(error="no_files", message=problem), 400
        flash(problem, "error")
        return render_template("documents/upload.html", **_upload_choices()), 400
    results = [accept(f.stream, f.filename or "", target, channel="web") for f in files]
    code = _upload_status(results)
    if _wants_json():
        body: dict[str, object] = {"files": [_result_json(result) for result in results]}
        if code == 413:
            body.update(error="too_large", message=too_large(services().settings.max_upload_mb))
        return jsonify(body), code
    return render_template("documents/upload.html", results=results, **_upload_choices()), code


def _upload_status(results: list[UploadResult]) -> int:
    if any(result.too_large for result in results):
        return 413
    if any(result.store_unavailable for result in results):
        return 503
    if all(result.status == "duplicate" for result in results):
        return 200
    return 201


def _result_json(result: UploadResult) -> dict[str, object]:
    data = result.as_json()
    data["label"] = label(STATUSES, result.status)
    if result.id is not None:
        data["url"] = url_for("documents.edit", document_id=result.id)
    return data


def _upload_choices() -> dict[str, object]:
    session = db_session()
    agencies = session.scalars(select(Agency).order_by(Agency.id)).all()
    owners = session.scalars(
        select(Agency).where(policy.registrable_agency_clause(current_user)).order_by(Agency.id)
    ).all()
    cases = session.scalars(
        select(Case).where(policy.case_clause(current_user)).order_by(Case.code).limit(500)
    ).all()
    return {
        "owners": owners,
        "agencies": agencies,
        "levels": policy.classification_levels(current_user),
        "cases": cases,
        "max_bytes": services().settings.max_upload_mb * 1024 * 1024,
        "max_mb": services().settings.max_upload_mb,
        "may_share": policy.can_share_new(current_user, current_user.agency, "thuong"),
    }


# -- live status --------------------------------------------------------------------------
@bp.get("/status")
def status() -> ResponseReturnValue:
    """Where each of the given documents stands (only those the user may see).

    It tells the processing state only, nothing of the content, so the page's polling
    every second or two does not fill the audit log with views."""
    ids = []
    for raw in request.args.get("ids", "").split(","):
        if raw.strip().isdigit():
            ids.append(int(raw))
    ids = ids[:200]
    session = db_session()
    documents = session.scalars(
        select(Document).where(Document.id.in_(ids), policy.document_clause(current_user))
    ).all()
    missing = set(ids) - {document.id for document in documents}
    # Files this user's upload made that they may no longer see (a printed confidentiality
    # mark above their clearance raised the document's level). Not a duplicate of another
    # body's document: its id is not told to one who was not given it.
    withdrawn = session.scalars(
        select(Upload.document_id)
        .where(
            Upload.document_id.in_(missing),
            Upload.user_id == current_user.id,
            Upload.duplicate.is_(False),
        )
        .distinct()
    ).all()
    return jsonify(
        withdrawn=sorted(withdrawn),
        documents=[
            {
                "id": document.id,
                "status": document.status,
                "label": label(STATUSES, document.status),
                "final": document.status in FINAL,
                "error": failure_reason(document) or None,
                "url": url_for("documents.edit", document_id=document.id),
            }
            for document in documents
        ],
    )


# -- list ---------------------------------------------------------------------------------
@bp.get("")
def index() -> ResponseReturnValue:
    session = db_session()
    chosen = request.args.get("status", "")
    mine = request.args.get("mine") == "1"
    conditions = [policy.document_clause(current_user)]
    if chosen in DOCUMENT_STATUSES:
        conditions.append(Document.status == chosen)
    if mine:
        conditions.append(Document.uploaded_by_id == current_user.id)
    query = (
        select(Document)
        .where(*conditions)
        .options(selectinload(Document.owner_agency))
        .order_by(Document.uploaded_at.desc(), Document.id.desc())
    )
    page = Page.from_query(session, query, page_number(), PER_PAGE)
    page = replace(page, items=shown_documents(session, current_user, page.items))
    counts = dict(
        session.execute(
            select(Document.status, func.count())
            .where(policy.document_clause(current_user))
            .group_by(Document.status)
        ).all()
    )
    audit("document.list", status=chosen, mine=mine, page=page.number, shown=len(page.items))
    return render_template(
        "documents/index.html",
        page=page,
        chosen=chosen,
        mine=mine,
        counts=counts,
        statuses=DOCUMENT_STATUSES,
        reason=failure_reason,
    )


# -- actions ------------------------------------------------------------------------------
@bp.post("/<int:document_id>/rerun")
def rerun(document_id: int) -> ResponseReturnValue:
    document = _visible(document_id)
    if not policy.can(current_user, Action.EDIT, document):
        abort(403)
    queued = request_rerun(
        db_session(), document, current_user, ip=request.remote_addr or "", channel="web"
    )
    if _wants_json():
        return jsonify(id=document.id, status=document.status, queued=queued), 202
    if queued:
        flash(
            _(
                "Đã đưa tài liệu “%(name)s” vào hàng đợi xử lý lại.",
                name=shown_filename(db_session(), current_user, document),
            )
        )
    else:
        flash(_("Hàng đợi đang tạm ngừng; tài liệu sẽ được xử lý lại khi hàng đợi hoạt động."))
    return redirect(_back(url_for("documents.index")))


@bp.route("/<int:document_id>/edit", methods=["GET", "POST"])
def edit(document_id: int) -> ResponseReturnValue:
    session = db_session()
    document = _visible(document_id)
    if not may_read_unmasked(current_user, document):  # the form shows the unmasked metadata
        abort(403)
    may_edit = policy.can(current_user, Action.EDIT, document)
    may_share = policy.can(current_user, Action.SHARE, document)
    agencies = session.scalars(select(Agency).order_by(Agency.id)).all()
    form = DocumentForm.for_document(document, current_user, agencies)
    if request.method == "POST":
        if not (may_edit or may_share):
            abort(403)
        if form.validate_on_submit() and _save(document, form, may_edit, may_share, agencies):
            flash(_("Đã lưu các sửa đổi; chỉ mục tìm kiếm sẽ được cập nhật."), "success")
            return redirect(url_for("documents.edit", document_id=document.id))
    else:
        audit(
            "document.view",
            object_type="document",
            object_id=document.id,
            level=document.confidentiality,
            page="edit",
        )
    return render_template(
        "documents/edit.html",
        document=document,
        form=form,
        may_edit=may_edit,
        may_share=may_share,
        reason=failure_reason(document),
        corrected=set(document.corrections or {}),
    )


def _save(
    document: Document,
    form: DocumentForm,
    may_edit: bool,
    may_share: bool,
    agencies: list[Agency],
) -> bool:
    """Apply the form; False (with the problem shown on its field) when it is refused."""
    session = db_session()
    ip = request.remote_addr or ""
    # Sharing first, at the level the document has: a raise (or a type that protects a
    # denunciation letter) then withdraws what may not be shared any more.
    if may_share:
        codes = set(form.shared_with.data or [])
        set_sharing(
            session,
            current_user,
            document,
            shared_all=bool(form.shared_all.data),
            agencies=[agency for agency in agencies if agency.code in codes],
            ip=ip,
        )
    if may_edit:
        try:
            correct(
                session,
                current_user,
                document,
                form.corrections(),
                reason=form.level_reason.data or "",
                ip=ip,
            )
        except RuleError as err:
            if "field" not in err.params:
                raise  # not about a value: the error handler answers
            session.rollback()
            form.add_error(err.params["field"], message(err))
            return False
    return True
