"""Redacted copies ("bản che") of a document: choosing pages and regions, making the copy,
storing it as a document linked to the original."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from indexer import unit_of_work
from indexer.normalize import fold
from indexer.redaction import (
    REDACTABLE_KINDS,
    Plan,
    RedactionError,
    Region,
    redact,
    suggest_regions,
)
from records.models import Agency, Document
from records.petitions import identity
from records.petitions.protection import petitions_of, protection_of
from records.policy import can_redact, can_share_copy
from records.redactions import store_copy
from records.storage import StorageError
from webapp.auditing import deny
from webapp.db_session import db_session
from webapp.features.document_access import visible_document_or_404
from webapp.services import services

bp = Blueprint("redactions", __name__, url_prefix="/documents")

#: Regions one form may carry.
MAX_REGIONS = 200


class FormProblem(ValueError):
    """What is wrong with the form, as a sentence for the user."""


def _redactable(document_id: int) -> Document:
    document = visible_document_or_404(current_user, document_id, "document.redact")
    if not can_redact(current_user, document, petitions_of(db_session(), document.id)):
        deny(
            "document.redact",
            object_type="document",
            object_id=document.id,
            level=document.confidentiality,
        )
    return document


def parse_pages(text: str, page_count: int) -> frozenset[int]:
    """ "1, 3-5" -> {1, 3, 4, 5}; every page must exist."""
    pages: set[int] = set()
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        first, _dash, last = part.partition("-")
        try:
            low, high = int(first), int(last or first)
        except ValueError:
            raise FormProblem(_("Trang “%(part)s” không phải là số trang.", part=part)) from None
        if not 1 <= low <= high <= page_count:
            raise FormProblem(
                _("Trang %(part)s không có; văn bản có %(n)s trang.", part=part, n=page_count)
            )
        pages.update(range(low, high + 1))
    return frozenset(pages)


def parse_regions(text: str, page_count: int) -> tuple[Region, ...]:
    """One region a line: page, left, top, width, height (percent of the page)."""
    regions = []
    for number, line in enumerate(text.splitlines(), start=1):
        values = line.replace(",", " ").replace(";", " ").split()
        if not values:
            continue
        try:
            page, *box = (float(v) for v in values)
            if len(box) != 4 or not page.is_integer():
                raise ValueError
            region = Region(int(page), *box)
        except ValueError:
            raise FormProblem(
                _(
                    "Dòng %(n)s của danh sách vùng che không đúng dạng: trang, trái, trên, "
                    "rộng, cao (phần trăm của trang, từ 0 đến 100).",
                    n=number,
                )
            ) from None
        if region.page > page_count:
            raise FormProblem(
                _("Dòng %(n)s: văn bản không có trang %(page)s.", n=number, page=region.page)
            )
        regions.append(region)
    if len(regions) > MAX_REGIONS:
        raise FormProblem(_("Tối đa %(n)s vùng che một lần.", n=MAX_REGIONS))
    return tuple(regions)


def plan_from_form(form: MultiDict, page_count: int) -> Plan:
    plan = Plan(
        parse_pages(form.get("pages", ""), page_count),
        parse_regions(form.get("regions", ""), page_count),
    )
    if plan.empty:
        raise FormProblem(_("Hãy chọn trang hoặc vùng cần che."))
    return plan


def _agencies() -> list[Agency]:
    return list(db_session().scalars(select(Agency).order_by(Agency.id)))


@bp.route("/<int:document_id>/redact", methods=["GET", "POST"])
def redact_form(document_id: int) -> ResponseReturnValue:
    """The form (GET) and the making of the copy (POST)."""
    document = _redactable(document_id)
    problem = ""
    if document.kind not in REDACTABLE_KINDS:
        problem = _("Chỉ tạo được bản che của tệp PDF hoặc ảnh.")
    elif request.method == "POST":
        try:
            return _make(document, plan_from_form(request.form, document.page_count or 0))
        except FormProblem as err:
            problem = str(err)
        except (RedactionError, StorageError) as err:
            current_app.logger.warning("redacted copy of document %s: %s", document.id, err)
            problem = _("Không tạo được bản che: tệp không đọc được hoặc quá lớn.")
    form = request.form
    suggested = 0
    if request.method == "GET" and not problem:
        regions = _suggestions(document)
        suggested = len(regions)
        lines = [f"{r.page} {r.left:g} {r.top:g} {r.width:g} {r.height:g}" for r in regions]
        form = MultiDict({"regions": "\n".join(lines)})
    return render_template(
        "documents/redact.html",
        document=document,
        agencies=[a for a in _agencies() if a.id != document.owner_agency_id]
        if can_share_copy(current_user, document)
        else [],
        form=form,
        problem=problem,
        suggested=suggested,
        page_numbers=range(1, (document.page_count or 0) + 1),
    ), (400 if problem and request.method == "POST" else 200)


def _suggestions(document: Document) -> list[Region]:
    """Where the text layer of a PDF names the denouncers (nothing for a scan: its text is
    not where it is printed; the user draws those boxes)."""
    if document.kind != "pdf" or document.ocr:
        return []
    people = protection_of(db_session(), document.id).people
    try:
        with services().store.local_path(document.sha256) as source:
            return suggest_regions(source, identity.identity_patterns(people, fold))
    except (RedactionError, StorageError) as err:
        current_app.logger.warning("regions to hide in document %s: %s", document.id, err)
        return []


def _make(document: Document, plan: Plan) -> ResponseReturnValue:
    codes = set(request.form.getlist("shared_with"))
    if codes and not can_share_copy(current_user, document):
        raise FormProblem(
            _(
                "Bạn không được chia sẻ văn bản này với cơ quan khác, nên cũng không được"
                " chia sẻ bản che của nó."
            )
        )
    svc = services()
    with svc.store.local_path(document.sha256) as source:
        pdf = redact(source, document.kind or "", plan)
    session = db_session()
    copy = store_copy(
        session,
        svc.store,
        current_user,
        document,
        pdf,
        plan.to_json(),
        reason=request.form.get("reason", "")[:2000],
        shared_with=[a for a in _agencies() if a.code in codes],
        ip=request.remote_addr or "",
    )
    flash(_("Đã tạo bản che; văn bản gốc không thay đổi."), "success")

    def report_queue() -> None:
        if not unit_of_work.delivered(session, copy.id):
            flash(_("Hàng đợi đang tạm ngừng; bản che sẽ được xử lý khi hàng đợi hoạt động."))

    unit_of_work.on_commit(session, report_queue)
    return redirect(url_for("search.document", document_id=copy.id), code=303)
