"""File versions of a document, and the review and correction of its OCR'd pages."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import func, select

from indexer import unit_of_work
from indexer.page_corrections import correct_page, index_now
from indexer.preview import PREVIEW_KINDS
from indexer.reprocess import request_rerun
from records import policy, versions
from records.errors import RuleError
from records.models import Document, DocumentPage, DocumentVersion, PageCorrection, User
from records.ocr_review import review_clause
from records.policy import Action
from records.storage import FileTooLarge
from records.versions import VersionRefused
from webapp.actor import current_actor
from webapp.auditing import audit
from webapp.blueprints.search.document import send_stored_file
from webapp.db_session import db_session
from webapp.features.denouncers import MaskedVersion, shown_versions
from webapp.features.document_access import may_read_unmasked, visible_document_or_404
from webapp.labels import message
from webapp.links import document_url
from webapp.paging import Page, page_number
from webapp.reasons import too_large
from webapp.services import services

bp = Blueprint("versions", __name__, url_prefix="/documents")

PER_PAGE = 50


def _document_page(document_id: int) -> str:
    return url_for("search.document", document_id=document_id)


# -- versions -------------------------------------------------------------------------------
@bp.post("/<int:document_id>/versions")
def add(document_id: int) -> ResponseReturnValue:
    """A new file for the document (a corrected scan, the signed copy), with a reason."""
    user = current_actor()
    document = visible_document_or_404(user, document_id, "document.version")
    if not policy.can(user, Action.EDIT, document):
        abort(403)
    upload = request.files.get("file")
    back = _document_page(document.id) + "#versions"
    if upload is None or not upload.filename:
        flash(_("Chưa chọn tệp nào."), "error")
        return redirect(back)
    session = db_session()
    limit_mb = services().settings.max_upload_mb
    try:
        new = versions.add_version(
            session,
            services().store,
            document,
            upload.stream,
            upload.filename,
            user=user,
            reason=request.form.get("reason", ""),
            channel="web",
            ip=request.remote_addr or "",
            max_bytes=limit_mb * 1024 * 1024,
        )
        unit_of_work.reparse(session, document)
    except FileTooLarge:
        session.rollback()
        flash(too_large(limit_mb), "error")
        return redirect(back)
    except VersionRefused as err:
        session.rollback()
        flash(message(err), "error")
        return redirect(back)
    number = new.number

    def report() -> None:
        """Once committed: say whether the broker took the parsing."""
        flash(
            _("Đã lưu phiên bản %(n)s; tài liệu đang được xử lý lại.", n=number)
            if unit_of_work.delivered(session, document_id)
            else _(
                "Đã lưu phiên bản %(n)s; tài liệu sẽ được xử lý khi hàng đợi hoạt động.", n=number
            ),
            "success",
        )

    unit_of_work.on_commit(session, report)
    return redirect(back)


@bp.get("/<int:document_id>/versions/<int:number>/download")
def download(document_id: int, number: int) -> ResponseReturnValue:
    """One version's file: the same right as downloading the document, audited."""
    user = current_actor()
    document = visible_document_or_404(user, document_id, "document.download")
    found = versions.version(db_session(), document.id, number)
    if found is None:
        abort(404)
    return send_stored_file(
        user, document, found.sha256, found.filename, None, found.mime, version=number
    )


# -- pages: review and correction -----------------------------------------------------------
@bp.route("/<int:document_id>/pages/<int:page_no>", methods=["GET", "POST"])
def page(document_id: int, page_no: int) -> ResponseReturnValue:
    """One page: its image beside its text, which a user with edit rights corrects."""
    user = current_actor()
    session = db_session()
    document = visible_document_or_404(user, document_id, "document.view")
    found = session.get(DocumentPage, (document.id, page_no))
    if found is None:
        abort(404)
    if not may_read_unmasked(user, document):  # the page's text, unmasked, to correct
        abort(403)
    may_edit = policy.can(user, Action.EDIT, document)
    if request.method == "POST":
        if not may_edit:
            abort(403)
        return _save_page(document, page_no)
    history = session.execute(
        select(PageCorrection, User)
        .outerjoin(User, User.id == PageCorrection.user_id)
        .where(
            PageCorrection.document_id == document.id,
            PageCorrection.page_no == page_no,
            PageCorrection.version == versions.current_number(session, document.id),
        )
        .order_by(PageCorrection.id.desc())
    ).all()
    audit(
        "document.view",
        object_type="document",
        object_id=document.id,
        level=document.confidentiality,
        pages=[page_no, page_no],
    )
    return render_template(
        "documents/page.html",
        doc=document,
        page=found,
        may_edit=may_edit,
        history=history,
        previewable=document.kind in PREVIEW_KINDS,
        threshold=services().settings.ocr_review_threshold,
        page_total=document.page_count or 0,
    )


def _save_page(document: Document, page_no: int) -> ResponseReturnValue:
    session = db_session()
    here = url_for("versions.page", document_id=document.id, page_no=page_no)
    try:
        correction = correct_page(
            session,
            current_actor(),
            document,
            page_no,
            request.form.get("text", ""),
            ip=request.remote_addr or "",
        )
    except RuleError as err:
        session.rollback()
        flash(message(err), "error")
        return redirect(here)
    if correction is None:
        flash(_("Nội dung trang không thay đổi."))
        return redirect(here)
    svc = services()
    # Searchable at once; if the engine is away, the re-run below indexes it.
    index_now(session, svc.engine, svc.settings, document)
    # The metadata (number, date, issuer…) are read again from the corrected text, as a
    # re-run does; the corrections are kept over the fresh extraction.
    queued = request_rerun(
        session, document, current_actor(), ip=request.remote_addr or "", channel="web"
    )
    if queued:
        flash(
            _(
                "Đã lưu nội dung trang %(n)s; tìm kiếm đã dùng nội dung mới và thông tin "
                "văn bản đang được đọc lại.",
                n=page_no,
            ),
            "success",
        )
    else:
        flash(
            _(
                "Đã lưu nội dung trang %(n)s; thông tin văn bản sẽ được đọc lại khi hàng đợi "
                "hoạt động.",
                n=page_no,
            ),
            "success",
        )
    return redirect(document_url(document.id) or here)
    return redirect(here)


@bp.get("/ocr-review")
def ocr_review() -> ResponseReturnValue:
    """Trang OCR cần soát: documents the user may see with pages to review."""
    user = current_actor()
    session = db_session()
    threshold = services().settings.ocr_review_threshold
    flagged = (
        select(
            DocumentPage.document_id,
            func.count().label("pages"),
            func.min(DocumentPage.ocr_confidence).label("lowest"),
            func.min(DocumentPage.page_no).label("first"),
        )
        .where(review_clause(threshold))
        .group_by(DocumentPage.document_id)
        .subquery()
    )
    query = (
        select(Document, flagged.c.pages, flagged.c.lowest, flagged.c.first)
        .join(flagged, flagged.c.document_id == Document.id)
        .where(policy.document_clause(user))
        .order_by(flagged.c.lowest, Document.id)
    )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    number = page_number()
    rows = session.execute(query.offset((number - 1) * PER_PAGE).limit(PER_PAGE)).all()
    audit("document.ocr_review", page=number, shown=len(rows))
    return render_template(
        "documents/ocr_review.html",
        rows=rows,
        page=Page(items=rows, number=number, size=PER_PAGE, total=total),
        threshold=threshold,
    )


def document_versions(
    document: Document,
) -> list[tuple[DocumentVersion | MaskedVersion, User | None]]:
    """The document's versions, newest first, with the name of who uploaded each; their file
    names and reasons masked as the user must see them (:func:`shown_versions`)."""
    session = db_session()
    query = versions.versions_query(document.id).add_columns(User)
    rows = session.execute(query.outerjoin(User, User.id == DocumentVersion.uploaded_by_id)).all()
    shown = shown_versions(session, current_actor(), document.id, [v for v, _who in rows])
    return [(version, who) for version, (_v, who) in zip(shown, rows, strict=True)]
