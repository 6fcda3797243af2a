"""Actions on several documents at once, from the document list and the search results:
share, attach to a case, change the confidentiality mark, move to the trash, export the list.

Each document goes through the same policy check and the same domain function as its own
page's action; one refused document (not visible, not allowed, above the user's clearance)
is reported by name and leaves the others done. Every change is audited by those functions.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Blueprint, Response, abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer.corrections import correct
from records import policy
from records.cases import attach
from records.codes import CONFIDENTIALITY
from records.errors import NotAllowed, RuleError
from records.models import Agency, Case, Document, User
from records.policy import Action
from records.retention.trash import move_to_trash
from records.sharing import set_sharing
from webapp.actor import current_actor
from webapp.auditing import audit
from webapp.blueprints.auth import is_local_path
from webapp.db_session import db_session
from webapp.features.denouncers import shown_documents
from webapp.labels import CONFIDENTIALITY as LEVEL_LABELS
from webapp.labels import DOC_TYPES, STATUSES, label, message
from webapp.links import vndate

bp = Blueprint("bulk", __name__)

#: At most this many documents in one action (a page of results is far fewer).
MAX_DOCUMENTS = 200
ACTIONS = ("share", "attach", "level", "trash", "export")
#: Cases the form lists to pick from (the most recent the user may see); any other is
#: attached by typing its code.
CASES_OFFERED = 100


@dataclass
class Results:
    """What happened to each chosen document."""

    done: list[Document] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name, why)


@dataclass
class Choices:
    """What the bulk form offers the signed-in user."""

    agencies: list[Agency]
    levels: list[str]
    cases: list[Case]


def choices() -> Choices:
    session = db_session()
    user = current_actor()
    return Choices(
        agencies=list(session.scalars(select(Agency).order_by(Agency.id))),
        levels=list(policy.classification_levels(user)),
        cases=list(
            session.scalars(
                select(Case)
                .where(policy.case_clause(user))
                .order_by(Case.created_at.desc(), Case.id.desc())
                .limit(CASES_OFFERED)
            )
        ),
    )


def _chosen(session: Session, user: User) -> tuple[list[Document], int]:
    """The chosen documents the user may see, and how many chosen ids were not."""
    ids = {int(raw) for raw in request.form.getlist("ids") if raw.isdigit()}
    if not ids:
        return [], 0
    if len(ids) > MAX_DOCUMENTS:
        abort(413)
    documents = list(
        session.scalars(
            select(Document)
            .where(Document.id.in_(ids), policy.document_clause(user))
            .order_by(Document.id)
        )
    )
    return documents, len(ids) - len(documents)


def _each(
    session: Session, user: User, documents: list[Document], change: Callable[[Document], bool]
) -> Results:
    """Apply ``change`` to each document in a savepoint of its own: a refusal undoes only
    that document's change, and names the document as the user sees it (masked)."""
    results = Results()
    names = {shown.id: shown.filename for shown in shown_documents(session, user, documents)}
    for document in documents:
        try:
            with session.begin_nested():  # rolled back (and the error raised) on a refusal
                if change(document):
                    results.done.append(document)
        except RuleError as err:
            results.refused.append((names[document.id], message(err)))
    return results


@bp.post("/documents/bulk")
def apply() -> ResponseReturnValue:
    session = db_session()
    user = current_actor()
    action = request.form.get("action", "")
    back = _back()
    if action not in ACTIONS:
        flash(_("Chọn một thao tác cho các tài liệu đã đánh dấu."), "error")
        return redirect(back)
    documents, unseen = _chosen(session, user)
    if not documents:
        flash(_("Chưa đánh dấu tài liệu nào."), "error")
        return redirect(back)
    if action == "export":
        return _export(session, user, documents)
    ip = request.remote_addr or ""
    if action == "share":
        codes = set(request.form.getlist("agencies"))
        agencies = list(session.scalars(select(Agency).where(Agency.code.in_(codes))))
        if not agencies:
            flash(_("Chọn cơ quan được chia sẻ."), "error")
            return redirect(back)
        results = _each(session, user, documents, lambda d: _share(session, user, d, agencies, ip))
    elif action == "attach":
        case = _case(session, user, request.form.get("case", ""))
        if case is None:
            flash(_("Không tìm thấy vụ việc này (hoặc bạn không được xem)."), "error")
            return redirect(back)
        results = _each(session, user, documents, lambda d: _attach(session, user, case, d))
    elif action == "level":
        level = request.form.get("level", "")
        if level not in CONFIDENTIALITY:
            flash(_("Chọn độ mật."), "error")
            return redirect(back)
        results = _each(session, user, documents, lambda d: _level(session, user, d, level, ip))
    else:
        reason = request.form.get("reason", "").strip() or _("Xóa nhiều tài liệu cùng lúc")
        results = _each(session, user, documents, lambda d: _trash(session, user, d, reason))
    _report(action, results, unseen)
    return redirect(back)


def _back() -> str:
    target = request.form.get("next") or ""
    if is_local_path(target):
        return target
    return url_for("documents.index")


def _share(
    session: Session, user: User, document: Document, agencies: list[Agency], ip: str
) -> bool:
    """Add ``agencies`` to those the document is shared with (its other sharing stays)."""
    if not policy.can(user, Action.SHARE, document):
        raise NotAllowed("share")
    wanted = {agency.id: agency for agency in [*document.shared_with, *agencies]}
    return set_sharing(
        session, user, document, shared_all=document.shared_all,
        agencies=list(wanted.values()), ip=ip,
    )  # fmt: skip


def _case(session: Session, user: User, reference: str) -> Case | None:
    """A case the user may see, by its code or its id."""
    text = reference.strip().lstrip("#")
    condition = Case.id == int(text) if text.isdigit() else Case.code == text
    return session.scalar(select(Case).where(condition, policy.case_clause(user)))


def _attach(session: Session, user: User, case: Case, document: Document) -> bool:
    attach(session, user, case, document)
    return True


def _level(session: Session, user: User, document: Document, level: str, ip: str) -> bool:
    if not policy.can(user, Action.EDIT, document):
        raise NotAllowed("edit")
    return bool(correct(session, user, document, {"confidentiality": level}, ip=ip))


def _trash(session: Session, user: User, document: Document, reason: str) -> bool:
    move_to_trash(session, user, document, reason)
    return True


def _report(action: str, results: Results, unseen: int) -> None:
    done = {
        "share": _("Đã chia sẻ %(n)s tài liệu."),
        "attach": _("Đã gắn %(n)s tài liệu vào vụ việc."),
        "level": _("Đã đổi độ mật của %(n)s tài liệu."),
        "trash": _("Đã chuyển %(n)s tài liệu vào thùng rác."),
    }[action]
    flash(done % {"n": len(results.done)}, "success" if results.done else "error")
    for name, why in results.refused:
        flash(_("“%(name)s”: %(why)s", name=name, why=why), "error")
    if unseen:
        flash(_("%(n)s tài liệu không còn hoặc bạn không được xem.", n=unseen), "error")


def _export(session: Session, user: User, documents: list[Document]) -> Response:
    """The chosen documents as a CSV list (masked where the user may not know a denouncer)."""
    shown = shown_documents(session, user, documents)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("Mã"), _("Số, ký hiệu"), _("Ngày"), _("Loại"), _("Trích yếu"), _("Cơ quan sở hữu"),
         _("Độ mật"), _("Trạng thái"), _("Tệp")]
    )  # fmt: skip
    for document in shown:
        writer.writerow(
            [
                document.id,
                document.number or "",
                vndate(document.issued_date),
                label(DOC_TYPES, document.doc_type),
                document.subject or "",
                document.owner_agency.abbreviation or document.owner_agency.name,
                label(LEVEL_LABELS, document.confidentiality),
                label(STATUSES, document.status),
                document.filename,
            ]
        )
    audit("document.export_list", ids=[document.id for document in documents])
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="tai-lieu.csv"'},
    )
