"""The document page (metadata, text, page images, related material), download, previews."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import BinaryIO

from flask import abort, current_app, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.routing import BuildError

from indexer.extract.formats import MIMETYPES, mimetype_for
from indexer.preview import PREVIEW_KINDS, WIDTHS, PreviewError, render
from indexer.related import related
from indexer.thumbnails import PDF_RENDERING, RENDERED_AS_PDF, THUMBNAIL, page_source
from records import policy
from records.cases import cases_to_attach
from records.denunciation_letters import may_register_letter
from records.mail_links import mail_links
from records.models import (
    Agency,
    Case,
    CaseDocument,
    Document,
    DocumentPage,
    DocumentRedaction,
    User,
)
from records.petitions.protection import petitions_of
from records.policy import (
    Action,
    can_redact,
    case_clause,
    document_clause,
)
from records.redactions import copies_of
from records.storage import FileMissing, StorageError
from webapp import labels
from webapp.actor import current_actor
from webapp.auditing import audit, deny
from webapp.blueprints.search import bp
from webapp.db_session import db_session
from webapp.features.denouncers import shown_document, shown_pages
from webapp.features.document_access import may_download, may_read_unmasked, visible_document_or_404
from webapp.services import services

#: Pages of text (and page images) shown at once on the document page.
PAGE_WINDOW = 20
#: Actions other parts of hoso provide, linked when their endpoint exists.
OPTIONAL_ACTIONS = (
    ("documents.edit", _l("Sửa thông tin")),
    ("documents.rerun", _l("Xử lý lại")),
    ("cases.attach_form", _l("Gắn vào vụ việc")),
)


def _may_edit(session: Session, user: User, doc: Document) -> bool:
    return policy.can(user, Action.EDIT, doc) or policy.can(user, Action.SHARE, doc)


def _may_rerun(session: Session, user: User, doc: Document) -> bool:
    return policy.can(user, Action.EDIT, doc)


def _may_attach(session: Session, user: User, doc: Document) -> bool:
    return next(cases_to_attach(session, user, doc), None) is not None


#: When a user is offered an action on the document; the action's own page checks the same
#: again.
OFFERED_IF = {
    "documents.edit": _may_edit,
    "documents.rerun": _may_rerun,
    "cases.attach_form": _may_attach,
}


@bp.get("/documents/<int:document_id>")
def document(document_id: int) -> ResponseReturnValue:
    user = current_actor()
    doc = visible_document_or_404(user, document_id, "document.view")
    session = db_session()
    svc = services()
    material = related(session, svc.engine, svc.settings.index_alias, user, doc)
    attached = select(CaseDocument.case_id).where(
        CaseDocument.document_id == doc.id, CaseDocument.state == "attached"
    )
    cases = session.execute(
        select(Case.code, Case.title)
        .where(Case.id.in_(attached), case_clause(user))
        .order_by(Case.code)
    ).all()
    first = window_start(request.args.get("p", type=int) or 1)
    pages = session.scalars(
        select(DocumentPage)
        .where(
            DocumentPage.document_id == doc.id,
            DocumentPage.page_no >= first,
            DocumentPage.page_no < first + PAGE_WINDOW,
        )
        .order_by(DocumentPage.page_no)
    ).all()
    page_total = max(doc.page_count or 0, pages[-1].page_no if pages else 0)
    shown, protection = shown_document(session, user, doc)
    audit(
        "document.view",
        object_type="document",
        object_id=doc.id,
        level=doc.confidentiality,
        pages=[first, first + len(pages) - 1] if pages else [],
    )
    return render_template(
        "search/document.html",
        doc=shown,
        pages=shown_pages(pages, protection),
        page_total=page_total,
        previous_window=first - PAGE_WINDOW if first > 1 else None,
        next_window=first + PAGE_WINDOW if first + PAGE_WINDOW <= page_total else None,
        previewable=protection is None and doc.kind in PREVIEW_KINDS and bool(doc.page_count),
        rendered_preview=protection is None
        and doc.kind in RENDERED_AS_PDF
        and services().store.has_derived(doc.sha256, PDF_RENDERING),
        related=material,
        cases=cases,
        mail=mail_links(session, user, doc.id),
        owner=session.get(Agency, doc.owner_agency_id),
        agencies=labels.agency_names(session),
        can_download=protection is None and may_download(user, doc),
        masked=protection is not None,
        redaction=_redaction(session, user, doc),
        petition_offer=_petition_offer(session, user, doc),
        actions=_optional_actions(session, user, doc),
        labels=labels,
    )


def _petition_offer(session: Session, user: User, doc: Document) -> str | None:
    """The petition register's form, filled from ``doc``, for those who may register it
    (``may_register_letter``); otherwise None."""
    if not may_register_letter(session, user, doc):
        return None
    try:
        return url_for("petitions.new", document=doc.id)
    except BuildError:
        return None


def _redaction(session: Session, user: User, doc: Document) -> dict[str, object]:
    """Redacted copies of the document, its original (if it is one), and whether the user
    may make a copy."""
    petitions = petitions_of(session, doc.id)
    original = session.scalar(
        select(Document)
        .join(DocumentRedaction, DocumentRedaction.original_id == Document.id)
        .where(DocumentRedaction.copy_id == doc.id, document_clause(user))
    )
    return {
        "copies": copies_of(session, user, doc.id),
        "original": original,
        "may_make": "redactions.redact_form" in current_app.view_functions
        and can_redact(user, doc, petitions),
    }


def window_start(page: int) -> int:
    """First page of the window of PAGE_WINDOW pages that holds ``page``."""
    return (max(page, 1) - 1) // PAGE_WINDOW * PAGE_WINDOW + 1


@bp.get("/documents/<int:document_id>/download")
def download(document_id: int) -> ResponseReturnValue:
    user = current_actor()
    doc = visible_document_or_404(user, document_id, "document.download")
    return send_stored_file(user, doc, doc.sha256, doc.filename, doc.kind, _mimetype(doc))


def send_stored_file(
    user: User,
    doc: Document,
    sha256: str,
    filename: str,
    kind: str | None,
    mimetype: str,
    **details: object,
) -> ResponseReturnValue:
    """One stored file of ``doc`` (its current file or a version), as a download: refused
    (403, audited) without the right to download it unmasked; audited when sent."""
    if not (may_download(user, doc) and may_read_unmasked(user, doc)):
        deny(
            "document.download",
            object_type="document",
            object_id=doc.id,
            level=doc.confidentiality,
            **details,
        )
    store = services().store
    try:
        stream = store.open(sha256)
    except FileMissing:
        current_app.logger.error("stored file %s of document %s is missing", sha256, doc.id)
        abort(404)
    except StorageError as err:
        current_app.logger.error("stored file of document %s cannot be read: %s", doc.id, err)
        abort(503)
    audit(
        "document.download",
        object_type="document",
        object_id=doc.id,
        level=doc.confidentiality,
        filename=filename,
        **details,
    )
    response = send_file(
        stream,
        mimetype=mimetype,
        as_attachment=True,
        download_name=safe_filename(filename, kind),
        conditional=False,
        etag=False,
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/documents/<int:document_id>/pages/<int:page>.png")
def page_image(document_id: int, page: int) -> ResponseReturnValue:
    user = current_actor()
    doc = visible_document_or_404(user, document_id, "document.preview")
    svc = services()
    source, kind = page_source(svc.store, doc.sha256, doc.kind or "", make=False)
    if source is None or page < 1:
        abort(404)
    if kind == doc.kind and page > (doc.page_count or 0):
        abort(404)  # a Word file's rendering has its own pages: the renderer says if not
    _unmasked_or_403(user, doc)
    width = request.args.get("w", type=int) or WIDTHS[-1]
    try:
        image = render(source, kind, page, svc.settings.data_dir / "previews", doc.sha256, width)
    except PreviewError as err:
        current_app.logger.warning("preview of document %s: %s", doc.id, err)
        abort(404)
    audit(
        "document.preview",
        object_type="document",
        object_id=doc.id,
        level=doc.confidentiality,
        page=page,
    )
    return _private_png(image)


@bp.get("/documents/<int:document_id>/thumbnail.png")
def thumbnail(document_id: int) -> ResponseReturnValue:
    """The first-page thumbnail made at ingest (lists show it; the list itself is audited)."""
    user = current_actor()
    doc = visible_document_or_404(user, document_id, "document.preview")
    try:
        image = services().store.open_derived(doc.sha256, THUMBNAIL)
    except StorageError:
        abort(404)
    try:
        _unmasked_or_403(user, doc)
    except BaseException:
        image.close()
        raise
    return _private_png(image)


def _unmasked_or_403(user: User, doc: Document) -> None:
    """Page images are not masked: only those who may read the document unmasked see them."""
    if may_read_unmasked(user, doc):
        return
    deny(
        "document.preview",
        object_type="document",
        object_id=doc.id,
        level=doc.confidentiality,
    )


def _private_png(image: Path | BinaryIO) -> ResponseReturnValue:
    response = send_file(image, mimetype="image/png", conditional=False, etag=False, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def safe_filename(name: str, kind: str | None) -> str:
    """A download name without path parts or control characters, with an extension."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*').strip(" .")
    base = base or "tai-lieu"
    if "." not in base and kind:
        extension = mimetypes.guess_extension(MIMETYPES.get(kind, "")) or f".{kind}"
        base += extension
    return base[:200]


def _mimetype(doc: Document) -> str:
    return mimetype_for(doc.kind, doc.filename or "")


def _optional_actions(session: Session, user: User, doc: Document) -> list[dict[str, object]]:
    """Links or buttons to actions other blueprints provide, if they are installed and the
    user may take them."""
    out = []
    for endpoint, label in OPTIONAL_ACTIONS:
        if endpoint not in current_app.view_functions:
            continue
        if not OFFERED_IF[endpoint](session, user, doc):
            continue
        url = _url(endpoint, doc.id)
        if url is None:
            continue
        methods = set()
        for rule in current_app.url_map.iter_rules(endpoint):
            methods |= rule.methods or set()
        method = "get" if "GET" in methods else "post"
        out.append({"endpoint": endpoint, "label": label, "url": url, "method": method})
    return out


def _url(endpoint: str, document_id: int) -> str | None:
    for name in ("document_id", "id", "doc_id"):
        try:
            return url_for(endpoint, **{name: document_id})
        except BuildError:
            continue
    return None
