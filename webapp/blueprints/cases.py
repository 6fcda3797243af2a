"""Case pages: the list, creating and editing, the case page with its documents, status,
monitoring, parties, signs of crime, transfers and timeline; attaching from a document."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any, TypeVar

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
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from indexer.metadata import number_keys, number_search_keys
from records import cases as case_ops
from records import transfers as transfer_ops
from records.calendar import local_today
from records.case_codes import next_code
from records.case_status import KINDS, MONITORING_LEVELS, allowed_next
from records.codes import CONFIDENTIALITY, levels_up_to
from records.errors import NotAllowed, RuleError
from records.models import (
    Agency,
    Case,
    CaseDocument,
    CaseEvent,
    CaseParty,
    Document,
    InfoRequest,
    Transfer,
    User,
)
from records.petitions.protection import hidden_from
from records.policy import (
    Action,
    can_case,
    can_create_case,
    can_record_outcome,
    can_transfer,
    case_clause,
    document_clause,
    request_clause,
    transfer_clause,
    visible_ids,
)
from records.transfer_rules import LEGAL_BASES, OUTCOMES, referral_due
from records.transfers import awaiting_transfer_clause
from webapp.actor import current_actor
from webapp.auditing import audit
from webapp.features.casework import (
    agencies_by_code,
    agency_by_code,
    current_agencies,
    load_case,
    load_transfer,
    parse_date,
    parse_int,
    receive_files,
    require_date,
    visible_document,
    visible_documents,
    work_session,
    working_calendar,
)
from webapp.features.denouncers import shown_case_events, shown_documents
from webapp.labels import message
from webapp.paging import page_number

bp = Blueprint("cases", __name__)

PAGE_SIZE = 25
#: Documents the attach box offers for what is typed.
PICKER_ROWS = 10
DOCUMENT_STATES = ("attached", "suggested", "detached", "rejected")
T = TypeVar("T")


def attempt(session: Session, operation: Callable[[], T]) -> tuple[bool, T | None]:
    """Run a domain operation in a savepoint of the request's work; a refused rule is
    flashed and only the operation's changes are rolled back, a refusal of the policy is
    a 403 (the request's work is then rolled back)."""
    try:
        with session.begin_nested():
            result = operation()
    except NotAllowed:
        abort(403)
    except RuleError as err:
        flash(message(err), "error")
        return False, None
    return True, result


def _references(text: str) -> list[str]:
    """Document ids or numbers typed in one field, separated by commas or spaces."""
    return text.replace(",", " ").split()


def _case_url(case: Case, anchor: str = "") -> str:
    return url_for("cases.show", case_id=case.id) + (f"#{anchor}" if anchor else "")


# -- list -----------------------------------------------------------------------------------
@bp.get("/cases")
def index() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    args = request.args
    query = select(Case).where(case_clause(user))
    filters: dict[str, Any] = {}
    if args.get("status"):
        filters["status"] = args["status"]
        query = query.where(Case.status == args["status"])
    if args.get("kind") in KINDS:
        filters["kind"] = args["kind"]
        query = query.where(Case.kind == args["kind"])
    monitoring = args.get("monitoring", "")
    if monitoring == "any":
        query = query.where(Case.monitoring_level.is_not(None))
    elif monitoring in MONITORING_LEVELS:
        query = query.where(Case.monitoring_level == monitoring)
    if monitoring:
        filters["monitoring"] = monitoring
    if args.get("lead"):
        filters["lead"] = args["lead"]
        query = query.join(Agency, Agency.id == Case.lead_agency_id).where(
            Agency.code == args["lead"]
        )
    if args.get("mine"):
        filters["mine"] = True
        query = query.where(or_(Case.handler_id == user.id, Case.created_by_id == user.id))
    if args.get("awaiting_transfer"):
        filters["awaiting_transfer"] = True
        query = query.where(awaiting_transfer_clause())
    text = args.get("q", "").strip()
    if text:
        filters["q"] = text
        like = f"%{text}%"
        query = query.where(or_(Case.code.ilike(like), Case.title.ilike(like)))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = page_number()
    rows = session.scalars(
        query.order_by(Case.created_at.desc(), Case.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    audit("case.list", total=total, **filters)
    return render_template(
        "cases/index.html",
        cases=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        filters=args,
        agencies=current_agencies(session),
        can_create=can_create_case(user),
        today=date.today(),
        referral_due=partial(referral_due, calendar=working_calendar(session)),
    )


# -- create and edit ------------------------------------------------------------------------
@bp.route("/cases/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if not can_create_case(user):
        abort(403)
    form = request.form
    if request.method == "POST":
        ok, case = attempt(
            session,
            lambda: case_ops.create_case(
                session,
                user,
                code=form.get("code", ""),
                title=form.get("title", ""),
                kind=form.get("kind", "vu_viec"),
                summary=form.get("summary", ""),
                confidentiality=form.get("confidentiality", "thuong"),
                lead_agency=agency_by_code(session, form.get("lead") or user.agency.code, "lead"),
                coordinating=agencies_by_code(session, form.getlist("agencies")),
            ),
        )
        if ok and case is not None:
            flash(_("Đã lập vụ việc %(code)s.", code=case.code), "success")
            return redirect(_case_url(case))
    return render_template(
        "cases/form.html",
        case=None,
        form=form,
        suggested_code=next_code(
            session,
            session.scalar(select(Agency).where(Agency.code == form.get("lead"))) or user.agency,
            form.get("kind", "vu_viec"),
            local_today(),
        ),
        agencies=current_agencies(session),
        levels=levels_up_to(user.clearance),
        handlers=[],
    )


@bp.route("/cases/<int:case_id>/edit", methods=["GET", "POST"])
def edit(case_id: int) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    case = load_case(session, case_id)
    if not can_case(user, Action.EDIT, case):
        abort(403)
    form = request.form
    if request.method == "POST":
        handler_id = form.get("handler", "")
        handler = session.get(User, parse_int(handler_id, "handler")) if handler_id else None
        ok, _outcome = attempt(
            session,
            lambda: case_ops.update_case(
                session,
                user,
                case,
                title=form.get("title", ""),
                summary=form.get("summary", ""),
                confidentiality=form.get("confidentiality", case.confidentiality),
                coordinating=agencies_by_code(session, form.getlist("agencies")),
                handler=handler,
                clear_handler=not handler_id,
            ),
        )
        if ok:
            flash(_("Đã lưu thay đổi."), "success")
            return redirect(_case_url(case))
    handlers = session.scalars(
        select(User).where(User.agency_id == case.lead_agency_id, User.active.is_(True))
    ).all()
    return render_template(
        "cases/form.html",
        case=case,
        form=form,
        agencies=current_agencies(session),
        levels=levels_up_to(user.clearance),
        handlers=handlers,
    )


# -- the case page --------------------------------------------------------------------------
def _documents(session: Session, user: User, case: Case) -> dict[str, list[tuple[Any, Any]]]:
    """The case's document links the user may see, by state."""
    rows = session.execute(
        select(CaseDocument, Document)
        .join(Document, Document.id == CaseDocument.document_id)
        .where(CaseDocument.case_id == case.id, document_clause(user))
        .order_by(CaseDocument.at.desc())
    ).all()
    grouped: dict[str, list[tuple[Any, Any]]] = {key: [] for key in DOCUMENT_STATES}
    for link, document in rows:
        grouped.setdefault(link.state, []).append((link, document))
    return grouped


def _timeline(session: Session, user: User, case: Case) -> dict[str, Any]:
    events = shown_case_events(
        session,
        user,
        session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.at.desc())
        ),
    )
    actor_ids = {e.actor_id for e in events if e.actor_id} | {case.monitoring_set_by_id}
    names = dict(
        session.execute(
            select(User.id, func.coalesce(func.nullif(User.full_name, ""), User.username)).where(
                User.id.in_(actor_ids)
            )
        ).all()
    )
    document_ids = {e.detail.get("document_id") for e in events} | {
        d for e in events for d in e.detail.get("documents", [])
    }
    request_ids = {e.detail.get("request_id") for e in events}
    transfer_ids = {e.detail.get("transfer_id") for e in events}
    return {
        "events": events,
        "names": names,
        "agencies": dict(session.execute(select(Agency.code, Agency.abbreviation)).all()),
        "documents": visible_ids(session, user, "document", document_ids - {None}),
        "requests": visible_ids(session, user, "request", request_ids - {None}),
        "transfers": visible_ids(session, user, "transfer", transfer_ids - {None}),
    }


@bp.get("/cases/<int:case_id>")
def show(case_id: int) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    case = load_case(session, case_id)
    transfers = session.scalars(
        select(Transfer)
        .where(Transfer.case_id == case.id, transfer_clause(user))
        .order_by(Transfer.sent_date.desc())
    ).all()
    requests = session.scalars(
        select(InfoRequest)
        .where(InfoRequest.case_id == case.id, request_clause(user))
        .order_by(InfoRequest.created_at.desc())
    ).all()
    editable = can_case(user, Action.EDIT, case)
    audit("case.view", object_type="case", object_id=case.id, level=case.confidentiality)
    due = referral_due(case, working_calendar(session))
    return render_template(
        "cases/show.html",
        case=case,
        documents=_documents(session, user, case),
        parties=session.scalars(
            select(CaseParty).where(CaseParty.case_id == case.id).order_by(CaseParty.id)
        ).all(),
        transfers=transfers,
        requests=requests,
        timeline=_timeline(session, user, case),
        can_edit=editable,
        can_share=can_case(user, Action.SHARE, case),
        can_transfer=can_transfer(user, case),
        next_statuses=allowed_next(case.status) if editable else (),
        monitoring_levels=MONITORING_LEVELS,
        legal_bases=LEGAL_BASES,
        investigative=[a for a in current_agencies(session) if a.investigative],
        referral_due=due,
        days_flagged=(date.today() - case.crime_signs_since).days
        if case.crime_signs_since
        else None,
        referral_overdue=bool(due and due < date.today() and not transfers),
        today=date.today(),
        levels=levels_up_to(user.clearance),
    )


@bp.post("/cases/<int:case_id>/status")
def status(case_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    target, note = request.form.get("status", ""), request.form.get("note", "")
    ok, _row = attempt(
        session, lambda: case_ops.change_status(session, current_actor(), case, target, note)
    )
    if ok:
        flash(_("Đã chuyển trạng thái."), "success")
    return redirect(_case_url(case, "status"))


@bp.post("/cases/<int:case_id>/monitoring")
def monitoring(case_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    level = request.form.get("level") or None
    reason = request.form.get("reason", "")
    ok, _outcome = attempt(
        session, lambda: case_ops.set_monitoring(session, current_actor(), case, level, reason)
    )
    if ok:
        flash(_("Đã cập nhật diện theo dõi."), "success")
    return redirect(_case_url(case, "monitoring"))


@bp.post("/cases/<int:case_id>/parties")
def add_party(case_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    form = request.form
    attempt(
        session,
        lambda: case_ops.add_party(
            session,
            current_actor(),
            case,
            form.get("name", ""),
            form.get("kind", "person"),
            form.get("role", ""),
        ),
    )
    return redirect(_case_url(case, "parties"))


@bp.post("/cases/<int:case_id>/parties/<int:party_id>/delete")
def remove_party(case_id: int, party_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    attempt(session, lambda: case_ops.remove_party(session, current_actor(), case, party_id))
    return redirect(_case_url(case, "parties"))


# -- documents ------------------------------------------------------------------------------
def _attach(session: Session, case: Case, reference: str, reason: str) -> bool:
    def operation() -> case_ops.Outcome:
        document = visible_document(session, reference)
        return case_ops.attach(session, current_actor(), case, document, reason)

    ok, _outcome = attempt(session, operation)
    if ok:
        flash(_("Đã gắn văn bản vào vụ việc %(code)s.", code=case.code), "success")
    return ok


@bp.post("/cases/<int:case_id>/documents")
def attach(case_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    _attach(session, case, request.form.get("reference", ""), request.form.get("reason", ""))
    return redirect(_case_url(case, "documents"))


@bp.get("/cases/<int:case_id>/document-picker")
def document_picker(case_id: int) -> ResponseReturnValue:
    """Documents the user may see whose number (in any form search accepts) or subject
    matches what is typed in the attach box; at most ten."""
    session = work_session()
    load_case(session, case_id)
    text = request.args.get("q", "").strip()[:200]
    if len(text) < 2:
        return jsonify(documents=[])
    keys = {*number_search_keys(text), *number_keys(text)}
    by_number = Document.number.ilike(f"%{text}%")
    if keys:
        by_number = by_number | case_ops.number_key_matches(keys)
    by_subject = Document.subject.ilike(f"%{text}%")
    found = list(
        session.scalars(
            select(Document)
            .where(by_number | by_subject, document_clause(current_actor()))
            .order_by(Document.issued_date.desc(), Document.id.desc())
            .limit(PICKER_ROWS)
        )
    )
    # A subject the user sees masked must not answer for the names hidden in it.
    masked = hidden_from(session, current_actor(), [d.id for d in found])
    if masked:
        numbered = set(
            session.scalars(select(Document.id).where(Document.id.in_(list(masked)), by_number))
        )
        found = [d for d in found if d.id not in masked or d.id in numbered]
    shown = shown_documents(session, current_actor(), found)
    return jsonify(
        documents=[
            {"id": d.id, "number": d.number, "subject": d.subject, "filename": d.filename}
            for d in shown
        ]
    )


@bp.post("/cases/<int:case_id>/upload")
def upload(case_id: int) -> ResponseReturnValue:
    """Upload files straight into the case: stored, attached, then parsed and indexed."""
    session = work_session()
    user = current_actor()
    case = load_case(session, case_id)
    if not can_case(user, Action.SHARE, case):
        abort(403)
    files = request.files.getlist("files")
    level = request.form.get("confidentiality") or case.confidentiality
    reason = request.form.get("reason", "").strip() or _("Tải lên trực tiếp vào vụ việc")

    def operation() -> None:
        if level not in CONFIDENTIALITY or level not in levels_up_to(user.clearance):
            raise RuleError("confidentiality_above_clearance", value=level)
        documents = receive_files(session, files, level)
        if not documents:
            raise RuleError("document.file_required")
        for document in documents:
            link = session.get(CaseDocument, (case.id, document.id))
            if link is None or link.state != "attached":
                case_ops.attach(session, user, case, document, reason)

    ok, _none = attempt(session, operation)
    if ok:
        flash(_("Đã nhận %(n)s tệp và gắn vào vụ việc.", n=len(files)), "success")
    return redirect(_case_url(case, "documents"))


def _document_in_case(session: Session, case: Case, document_id: int) -> Document:
    link = session.get(CaseDocument, (case.id, document_id))
    document = session.get(Document, document_id)
    if link is None or document is None:
        abort(404)
    if not session.scalar(
        select(Document.id).where(Document.id == document_id, document_clause(current_actor()))
    ):
        abort(404)
    return document


@bp.post("/cases/<int:case_id>/documents/<int:document_id>/detach")
def detach(case_id: int, document_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    document = _document_in_case(session, case, document_id)
    reason = request.form.get("reason", "")
    ok, _outcome = attempt(
        session, lambda: case_ops.detach(session, current_actor(), case, document, reason)
    )
    if ok:
        flash(_("Đã gỡ văn bản khỏi vụ việc."), "success")
    return redirect(_case_url(case, "documents"))


@bp.post("/cases/<int:case_id>/documents/<int:document_id>/confirm")
def confirm(case_id: int, document_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    document = _document_in_case(session, case, document_id)
    reason = request.form.get("reason", "")
    ok, _outcome = attempt(
        session, lambda: case_ops.attach(session, current_actor(), case, document, reason)
    )
    if ok:
        flash(_("Đã xác nhận văn bản thuộc vụ việc."), "success")
    return redirect(_case_url(case, "suggested"))


@bp.post("/cases/<int:case_id>/documents/<int:document_id>/reject")
def reject(case_id: int, document_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    document = _document_in_case(session, case, document_id)
    reason = request.form.get("reason", "")
    ok, _none = attempt(
        session,
        lambda: case_ops.reject_suggestion(session, current_actor(), case, document, reason),
    )
    if ok:
        flash(_("Đã bác gợi ý."), "success")
    return redirect(_case_url(case, "suggested"))


@bp.route("/cases/attach", methods=["GET", "POST"])
def attach_form() -> ResponseReturnValue:
    """Attach one document (from search results or its page) to a case the user works on."""
    session = work_session()
    user = current_actor()
    document_id = parse_int(request.values.get("document_id", ""), "document_id")
    document = session.scalar(
        select(Document).where(Document.id == document_id, document_clause(user))
    )
    if document is None:
        abort(404)
    if request.method == "POST":
        case = load_case(session, parse_int(request.form.get("case_id", ""), "case_id"))
        if _attach(session, case, str(document.id), request.form.get("reason", "")):
            return redirect(_case_url(case, "documents"))
    choices = list(case_ops.cases_to_attach(session, user, document))
    linked = select(CaseDocument.case_id).where(
        CaseDocument.document_id == document.id, CaseDocument.state == "attached"
    )
    attached = session.scalars(select(Case).where(Case.id.in_(linked), case_clause(user))).all()
    return render_template(
        "cases/attach.html", document=document, choices=choices, attached=attached
    )


# -- signs of a crime and transfers ---------------------------------------------------------
@bp.post("/cases/<int:case_id>/crime-signs")
def flag(case_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    form = request.form

    def operation() -> Any:
        since = require_date(form.get("since"), "since")
        return case_ops.flag_crime_signs(
            session,
            current_actor(),
            case,
            basis=form.get("basis", ""),
            since=since,
            note=form.get("note", ""),
        )

    ok, _row = attempt(session, operation)
    if ok:
        flash(_("Đã đánh dấu vụ việc có dấu hiệu tội phạm."), "success")
    return redirect(_case_url(case, "transfers"))


@bp.post("/cases/<int:case_id>/crime-signs/clear")
def unflag(case_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    reason = request.form.get("reason", "")
    attempt(session, lambda: case_ops.clear_crime_signs(session, current_actor(), case, reason))
    return redirect(_case_url(case, "transfers"))


@bp.post("/cases/<int:case_id>/transfers")
def transfer(case_id: int) -> ResponseReturnValue:
    session = work_session()
    case = load_case(session, case_id)
    form = request.form

    def operation() -> tuple[Transfer, case_ops.Outcome]:
        sent = require_date(form.get("sent_date"), "sent_date")
        return transfer_ops.create_transfer(
            session,
            current_actor(),
            case,
            to_agency=agency_by_code(session, form.get("to_agency"), "to_agency"),
            legal_basis=form.get("legal_basis", ""),
            legal_basis_text=form.get("legal_basis_text", ""),
            reference=form.get("reference", ""),
            sent_date=sent,
            received_date=parse_date(form.get("received_date"), "received_date", required=False),
            note=form.get("note", ""),
            documents=visible_documents(session, _references(form.get("documents", ""))),
        )

    ok, result = attempt(session, operation)
    if ok and result is not None:
        created, _outcome = result
        flash(_("Đã ghi nhận việc chuyển hồ sơ."), "success")
        return redirect(url_for("cases.transfer_show", transfer_id=created.id))
    return redirect(_case_url(case, "transfers"))


@bp.get("/transfers")
def transfers() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    query = select(Transfer).where(transfer_clause(user))
    state = request.args.get("state", "")
    today = date.today()
    if state == "pending":
        query = query.where(Transfer.outcome == "dang_xu_ly")
    elif state == "overdue":
        query = query.where(Transfer.outcome == "dang_xu_ly", Transfer.due_date < today)
    elif state in OUTCOMES:
        query = query.where(Transfer.outcome == state)
    rows = session.scalars(query.order_by(Transfer.sent_date.desc()).limit(200)).all()
    case_codes = dict(
        session.execute(
            select(Case.id, Case.code).where(Case.id.in_({t.case_id for t in rows if t.case_id}))
        ).all()
    )
    awaiting = transfer_ops.awaiting_transfer(session, case_clause(user))
    audit("transfer.list", state=state, total=len(rows))
    return render_template(
        "cases/transfers.html",
        transfers=rows,
        case_codes=case_codes,
        awaiting=awaiting,
        referral_due=partial(referral_due, calendar=working_calendar(session)),
        state=state,
        today=today,
        summary=transfer_ops.summary(session, transfer_clause(user)),
    )


@bp.get("/transfers/<int:transfer_id>")
def transfer_show(transfer_id: int) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    item, case = load_transfer(session, transfer_id)
    document_ids = [link.document_id for link in item.documents]
    visible = visible_ids(session, user, "document", document_ids)
    documents = {
        d.id: d
        for d in session.scalars(select(Document).where(Document.id.in_(document_ids)))
        if str(d.id) in visible
    }
    audit("transfer.view", object_type="transfer", object_id=item.id, level=item.confidentiality)
    return render_template(
        "cases/transfer.html",
        transfer=item,
        case=case if case is not None and can_case(user, Action.SEE, case) else None,
        documents=documents,
        can_answer=can_record_outcome(user, item),
        outcomes=[o for o in OUTCOMES if o != "dang_xu_ly"],
        today=date.today(),
        legal_bases=LEGAL_BASES,
    )


@bp.post("/transfers/<int:transfer_id>/outcome")
def transfer_outcome(transfer_id: int) -> ResponseReturnValue:
    session = work_session()
    item, _case = load_transfer(session, transfer_id)
    form = request.form

    def operation() -> case_ops.Outcome:
        when = require_date(form.get("outcome_date"), "outcome_date")
        return transfer_ops.record_outcome(
            session,
            current_actor(),
            item,
            outcome=form.get("outcome", ""),
            outcome_date=when,
            note=form.get("note", ""),
            documents=visible_documents(session, _references(form.get("documents", ""))),
        )

    ok, _outcome = attempt(session, operation)
    if ok:
        flash(_("Đã ghi nhận kết quả xử lý."), "success")
    return redirect(url_for("cases.transfer_show", transfer_id=item.id))


@bp.post("/transfers/<int:transfer_id>/extend")
def transfer_extend(transfer_id: int) -> ResponseReturnValue:
    session = work_session()
    item, _case = load_transfer(session, transfer_id)
    form = request.form

    def operation() -> None:
        new_due = require_date(form.get("due_date"), "due_date")
        transfer_ops.extend(session, current_actor(), item, new_due, form.get("note", ""))

    ok, _none = attempt(session, operation)
    if ok:
        flash(_("Đã gia hạn."), "success")
    return redirect(url_for("cases.transfer_show", transfer_id=item.id))
