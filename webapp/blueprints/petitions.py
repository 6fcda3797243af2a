"""Petition pages: the register (list), registering in one form, a petition with its steps,
the redacted copy for verifiers, the import of a register, and the deadline rules."""

from __future__ import annotations

import io
import itertools
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from indexer.metadata import contacts
from records.codes import CONFIDENTIALITY, levels_up_to
from records.deadlines import RULES
from records.denunciation_letters import may_register_letter
from records.errors import NotAllowed, RuleError
from records.messages import N_
from records.models import Agency, Case, Document, Petition, User
from records.petitions import clock, identity, importer, queries
from records.petitions import transfer as petition_transfer
from records.petitions.codes import (
    CHANNEL_LABELS,
    CONFIDENTIALITY_LABELS,
    DOCUMENT_ROLE_LABELS,
    FORWARDED_CHANNELS,
    KIND_LABELS,
    LEVEL_LABELS,
    STATE_LABELS,
    Channel,
    Kind,
    Level,
)
from records.petitions.fields import parse_bool, parse_date
from records.petitions.guards import available
from records.petitions.identity import PetitionerData
from records.petitions.machine import perform
from records.petitions.register import (
    Registration,
    next_register_no,
    register,
    validate,
)
from records.petitions.step import ROLE_REFUSED
from records.petitions.transitions import BY_ACTION
from records.policy import (
    Action,
    can_petition,
    can_see_transfer,
    case_clause,
    may_see_identity,
)
from records.storage import FileTooLarge
from webapp.auditing import audit, audit_apart, deny
from webapp.db_session import db_session
from webapp.features.document_access import visible_document_or_404
from webapp.features.petition_views import (
    due_info,
    event_label,
    filters_from_args,
    history,
    load_petition,
    operation_context,
    receive_files,
    related,
    repeat_scores,
    summaries_for,
    summary_for,
    visible_documents,
)
from webapp.labels import message
from webapp.paging import page_number
from webapp.routing import MAX_ID

bp = Blueprint("petitions", __name__, url_prefix="/petitions")
DOCUMENT_STATUS_LABELS = {
    "received": N_("Đã nhận, chờ xử lý"),
    "processing": N_("Đang đọc nội dung"),
    "parsed": N_("Đã đọc nội dung"),
    "indexed": N_("Đã sẵn sàng tìm kiếm"),
    "failed": N_("Lỗi khi đọc tệp"),
}
PER_PAGE = 50
BLANK_PETITIONER_ROWS = 2


def _agencies() -> list[Agency]:
    return list(db_session().scalars(select(Agency).order_by(Agency.id)))


def petition_labels() -> dict[str, Any]:
    return {
        "kinds": KIND_LABELS,
        "states": STATE_LABELS,
        "channels": CHANNEL_LABELS,
        "levels": LEVEL_LABELS,
        "roles": DOCUMENT_ROLE_LABELS,
        "levels_of_secrecy": CONFIDENTIALITY_LABELS,
        "document_statuses": DOCUMENT_STATUS_LABELS,
        "event": event_label,
    }


# -- the register -----------------------------------------------------------------------------
@bp.get("/")
def index() -> ResponseReturnValue:
    session = db_session()
    ctx = operation_context(session)
    filters = filters_from_args(request.args)
    query = queries.select_petitions(current_user, filters, ctx)
    total = queries.count(session, query)
    page = page_number()
    items = session.scalars(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    audit(
        "petition.search",
        object_type="petition",
        filters={k: v for k, v in request.args.items() if k != "page"},
        total=total,
    )
    summaries = summaries_for(session, current_user, items, ctx)
    rows = [{"petition": p, "summary": summaries[p.id], "due": due_info(p, ctx)} for p in items]
    return render_template(
        "petitions/index.html",
        rows=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        filters=filters,
        agencies=_agencies(),
        args=request.args,
        query_args={k: v for k, v in request.args.items() if k != "page"},
    )


# -- registering ------------------------------------------------------------------------------
def _petitioners(form: MultiDict) -> list[PetitionerData]:
    representatives = set(form.getlist("p_rep"))
    columns = [form.getlist(name) for name in ("p_name", "p_address", "p_id", "p_phone")]
    people = []
    for index, (name, address, number, phone) in enumerate(
        itertools.zip_longest(*columns, fillvalue="")
    ):
        person = PetitionerData(name, address, number, phone, str(index) in representatives)
        if not person.is_blank() or person.phone.strip():
            people.append(person)
    return people


def _registration(form: MultiDict) -> tuple[Registration | None, list[str]]:
    """The form as a Registration, or the messages of what could not be read."""
    problems = []
    try:
        received = parse_date(form.get("received_on"))
    except ValueError:
        received = None
    if received is None:
        problems.append(_("Ngày nhận đơn không hợp lệ."))
    count_raw = form.get("signatory_count", "").strip()
    signatories = int(count_raw) if count_raw.isdigit() else None
    if count_raw and signatories is None:
        problems.append(_("Số người ký phải là số."))
    parent_raw = form.get("parent_id", "").strip()
    if parent_raw and not parent_raw.isdigit():
        problems.append(_("Số hiệu đơn trước phải là số."))
    owner = current_user.agency
    if current_user.has_role("administrator") and form.get("owner", "").isdigit():
        owner = db_session().get(Agency, int(form["owner"])) or owner
    if problems or received is None:
        return None, problems
    return (
        Registration(
            kind=form.get("kind", ""),
            received_on=received,
            channel=form.get("channel", Channel.POST),
            summary=form.get("summary", ""),
            respondent=form.get("respondent", ""),
            forwarded_by=form.get("forwarded_by", ""),
            addressed_level=form.get("addressed_level", Level.PROVINCE),
            anonymous=parse_bool(form.get("anonymous")),
            signatory_count=signatories,
            petitioners=_petitioners(form),
            is_remote=parse_bool(form.get("is_remote")),
            remote_basis=form.get("remote_basis", ""),
            is_complex=parse_bool(form.get("is_complex")),
            complex_basis=form.get("complex_basis", ""),
            confidentiality=form.get("confidentiality", "thuong"),
            owner=owner,
            register_no=form.get("register_no", ""),
            parent_id=int(parent_raw) if parent_raw else None,
        ),
        [],
    )


def _recognised_letter(raw: str | None) -> Document | None:
    """The document named by the form (``document``/``document_id``): a letter hoso
    recognised as a denunciation, registered with its petition instead of a new upload.
    404 for one the user may not see, like a missing one; 403 for one they may not
    register (``may_register_letter``: e.g. a letter a petition already links)."""
    if not raw:
        return None
    if not raw.isdigit() or int(raw) > MAX_ID:
        abort(404)
    letter = visible_document_or_404(current_user, int(raw), "document.view")
    if not may_register_letter(db_session(), current_user, letter):
        abort(403)
    return letter


#: The letter's first pages, where its sender gives their numbers.
SENDER_PAGES = 2


def _prefilled(letter: Document, today: date) -> MultiDict:
    """The registration form filled with what parsing read from the letter: its sender's
    name and the ID and phone numbers the letter gives, which masking then hides."""
    received = letter.issued_date if letter.issued_date and letter.issued_date <= today else today
    opening = "\n".join(page.original or "" for page in letter.pages[:SENDER_PAGES])
    return MultiDict(
        {
            "kind": Kind.DENUNCIATION.value,
            "received_on": received.isoformat(),
            "summary": letter.subject or "",
            "confidentiality": letter.confidentiality,
            "p_name": letter.issuer or letter.signer or "",
            "p_id": contacts.id_number(opening),
            "p_phone": contacts.phone(opening),
        }
    )


def _render_new(
    form: MultiDict, errors: list[str], code: int = 200, letter: Document | None = None
) -> ResponseReturnValue:
    session = db_session()
    today = operation_context(session).today
    rows = max(BLANK_PETITIONER_ROWS, len(form.getlist("p_name")))
    return (
        render_template(
            "petitions/new.html",
            form=form,
            errors=errors,
            today=today,
            next_number=next_register_no(session, current_user.agency, today.year),
            levels=levels_up_to(current_user.clearance),
            agencies=_agencies(),
            petitioner_rows=rows,
            forwarded_channels=[c.value for c in FORWARDED_CHANNELS],
            letter=letter,
        ),
        code,
    )


@bp.route("/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    session = db_session()
    if request.method == "GET":
        letter = _recognised_letter(request.args.get("document"))
        if letter is None:
            return _render_new(MultiDict(), [])
        return _render_new(_prefilled(letter, operation_context(session).today), [], letter=letter)
    letter = _recognised_letter(request.form.get("document_id"))
    ctx = operation_context(session)
    data, problems = _registration(request.form)
    if data is None:
        return _render_new(request.form, problems, 400, letter)
    errors = validate(session, current_user, data, ctx.today)
    if errors:
        return _render_new(request.form, [message(e) for e in errors], 400, letter)
    files = [request.files.get("letter"), *request.files.getlist("attachments")]
    try:
        documents = receive_files(session, current_user, data.kind, data.confidentiality, files)
        linked = [
            (d, "letter" if i == 0 and files[0] and letter is None else "attachment")
            for i, d in enumerate(documents)
        ]
        petition = register(
            session,
            current_user,
            data,
            ctx,
            documents=[(letter, "letter"), *linked] if letter is not None else linked,
        )
    except FileTooLarge:
        session.rollback()
        return _render_new(request.form, [_("Tệp quá lớn: vượt quá giới hạn tải lên.")], 413)
    except NotAllowed:
        raise
    except RuleError as err:
        session.rollback()
        return _render_new(request.form, [message(err)], 400, letter)
    flash(
        _("Đã vào sổ đơn số %(number)s.", number=petition.register_no),
        "success",
    )
    return redirect(url_for("petitions.show", petition_id=petition.id), code=303)


# -- one petition -----------------------------------------------------------------------------
def _choices(session: Session, petition: Petition) -> dict[str, Any]:
    owner_staff = session.scalars(
        select(User)
        .where(User.agency_id == petition.owner_agency_id, User.active)
        .order_by(User.full_name)
    ).all()
    cases = session.scalars(
        select(Case).where(case_clause(current_user)).order_by(Case.code).limit(200)
    ).all()
    return {
        "agencies": _agencies(),
        "staff": [u for u in owner_staff if u.has_role("leader", "officer", "clerk")],
        "cases": cases,
    }


def _render_show(
    petition: Petition, *, failed: str = "", error: str = "", form: Any = None, code: int = 200
) -> ResponseReturnValue:
    session = db_session()
    ctx = operation_context(session)
    identity_visible = may_see_identity(current_user, petition)
    people = identity.petitioners_for(session, current_user, petition)
    # The page is seen even when it answers an error (a refused step), whose request's work
    # is rolled back: its views are then audited apart.
    record = audit if code < 400 else audit_apart
    record(
        "petition.view",
        object_type="petition",
        object_id=petition.id,
        level=petition.confidentiality,
    )
    if people:
        record(
            "petition.identity.view",
            object_type="petition",
            object_id=petition.id,
            level=petition.confidentiality,
        )
    events = history(session, petition)
    suspended_on = next((e.happened_on for e, _ in reversed(events) if e.action == "suspend"), None)
    case = session.get(Case, petition.case_id) if petition.case_id else None
    transfer = petition_transfer.of(session, petition)
    if transfer is not None and not can_see_transfer(current_user, transfer, case):
        transfer = None
    return (
        render_template(
            "petitions/show.html",
            petition=petition,
            summary=summary_for(session, current_user, petition, ctx),
            due=due_info(petition, ctx),
            reminders=clock.reminders(petition, ctx, suspended_on=suspended_on),
            identity_visible=identity_visible,
            petitioners=people or [],
            documents=visible_documents(session, current_user, petition),
            events=events,
            related=related(session, current_user, petition),
            scores=repeat_scores(session, petition),
            case=case,
            transfer=transfer,
            answers=petition_transfer.ANSWERS,
            transitions=available(current_user, petition, ctx.today),
            can_copy=can_petition(current_user, Action.DOWNLOAD, petition),
            choices=_choices(session, petition),
            today=ctx.today,
            failed=failed,
            error=error,
            form=form or {},
        ),
        code,
    )


@bp.get("/<int:petition_id>")
def show(petition_id: int) -> ResponseReturnValue:
    return _render_show(load_petition(petition_id))


@bp.post("/<int:petition_id>/steps/<action>")
def step(petition_id: int, action: str) -> ResponseReturnValue:
    petition = load_petition(petition_id)
    if action not in BY_ACTION:
        return _render_show(petition, failed=action, error=_("Thao tác không tồn tại."), code=404)
    session = db_session()
    ctx = operation_context(session)
    documents: list[Document] = []
    try:
        documents = receive_files(
            session,
            current_user,
            petition.kind,
            petition.confidentiality,
            [request.files.get("document")],
        )
        existing = request.form.get("document_id", "").strip()
        if existing.isdigit():
            found = session.get(Document, int(existing))
            if found is not None:
                documents.append(found)
        event = perform(session, current_user, petition, action, request.form, ctx, documents)
    except FileTooLarge:
        session.rollback()
        return _render_show(
            petition,
            failed=action,
            error=_("Tệp quá lớn: vượt quá giới hạn tải lên."),
            form=request.form,
            code=413,
        )
    except NotAllowed:
        raise
    except RuleError as err:
        session.rollback()
        petition = session.get(Petition, petition_id)
        status = 403 if err.code == ROLE_REFUSED else 409
        page = _render_show(
            petition, failed=action, error=message(err), form=request.form, code=status
        )
        deny(
            f"petition.{action}",
            answer=make_response(page),
            object_type="petition",
            object_id=petition.id,
            level=petition.confidentiality,
            reason=err.message,
        )
    flash(_("Đã ghi nhận: %(step)s.", step=_(BY_ACTION[action].label)), "success")
    child = event.detail.get("child") if event.detail else None
    if child:
        flash(_("Đã vào sổ đơn khiếu nại lần hai số %(number)s.", number=child), "success")
    return redirect(url_for("petitions.show", petition_id=petition.id), code=303)


@bp.get("/<int:petition_id>/verifier-copy")
def verifier_copy(petition_id: int) -> ResponseReturnValue:
    """A copy for the verification team, without the petitioners' identity (LTC Art. 56)."""
    petition = load_petition(petition_id, Action.DOWNLOAD)
    session = db_session()
    ctx = operation_context(session)
    people = identity.load(session, [petition.id])
    documents = [
        (d, role)
        for d, role in visible_documents(session, current_user, petition)
        if role not in ("letter", "withdrawal")
    ]
    text = render_template(
        "petitions/verifier_copy.txt",
        petition=petition,
        summary=identity.redact(petition.summary, people, ctx.fold),
        respondent=identity.redact(petition.respondent, people, ctx.fold),
        documents=documents,
        today=ctx.today,
    )
    audit(
        "petition.export",
        object_type="petition",
        object_id=petition.id,
        level=petition.confidentiality,
        copy="verifier",
    )
    name = f"ban-sao-xac-minh-{petition.id}.txt"
    return Response(
        text,
        mimetype="text/plain; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# -- import -----------------------------------------------------------------------------------
@bp.route("/import", methods=["GET", "POST"])
def import_register() -> ResponseReturnValue:
    if request.method == "GET":
        return render_template("petitions/import.html", report=None, columns=importer.COLUMNS)
    upload = request.files.get("file")
    if not upload or not upload.filename:
        flash(_("Hãy chọn tệp .xlsx hoặc .csv."), "error")
        return render_template("petitions/import.html", report=None, columns=importer.COLUMNS), 400
    session = db_session()
    ctx = operation_context(session)
    dry_run = parse_bool(request.form.get("dry_run"))
    skip_invalid = parse_bool(request.form.get("skip_invalid"))
    suffix = Path(upload.filename).suffix.lower()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"register{suffix}"
        upload.save(path)
        try:
            report = importer.run(
                session, current_user, path, ctx, dry_run=dry_run, skip_invalid=skip_invalid
            )
        except NotAllowed:
            raise
        except RuleError as err:
            session.rollback()
            flash(message(err), "error")
            return render_template(
                "petitions/import.html", report=None, columns=importer.COLUMNS
            ), 400
    code = 422 if report.rejected and not report.imported and not dry_run else 200
    # A register refused as a whole answers 422, which rolls the request's work back.
    (audit if code == 200 else audit_apart)(
        "petition.import",
        object_type="petition",
        filename=upload.filename,
        rows=len(report.rows),
        rejected=len(report.rejected),
        imported=len(report.imported),
        dry_run=dry_run,
    )
    return render_template("petitions/import.html", report=report, columns=importer.COLUMNS), code


@bp.get("/import/template.xlsx")
def import_template() -> ResponseReturnValue:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "So tiep nhan don"
    sheet.append([column.header for column in importer.COLUMNS])
    sheet.append(
        [
            "1/2026",
            "05/01/2026",
            "Khiếu nại",
            "Khiếu nại quyết định thu hồi đất của UBND xã",
            "Bưu chính",
            "",
            "Nguyễn Văn A",
            "Thôn 1, xã B",
            "",
            "",
            "",
            "Không",
            "UBND xã B",
            "",
            "Thường",
            "Cấp tỉnh",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return send_file(buffer, as_attachment=True, download_name="mau-so-tiep-nhan-don.xlsx")


@bp.get("/rules")
def rules() -> ResponseReturnValue:
    return render_template("petitions/rules.html", rules=RULES, confidentiality=CONFIDENTIALITY)
