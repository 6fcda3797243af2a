"""What the casework pages and API share: the request's session, reading input, loading
objects through the access policy, receiving files."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask import abort, flash, g, has_request_context, request
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from indexer.metadata import number_keys, number_search_keys
from records import cases as case_ops
from records.calendar import WorkingCalendar
from records.errors import RuleError
from records.intake import clean_filename, receive
from records.models import Agency, Case, Document, InfoRequest, Transfer
from records.policy import (
    Action,
    RequestAction,
    can_case,
    can_request,
    can_see_transfer,
    document_clause,
)
from webapp.actor import current_actor
from webapp.db_session import db_session
from webapp.reasons import held_elsewhere
from webapp.services import services


class InputError(RuleError):
    """A field the user sent cannot be read."""

    def __init__(self, field: str) -> None:
        super().__init__("invalid_input", field=field)


def work_session() -> Session:
    """The request's session, remembering the client's address for the audit log."""
    session = db_session()
    session.info["client_ip"] = request.remote_addr or ""
    return session


def working_calendar(session: Session) -> WorkingCalendar:
    """The working calendar, loaded once per request."""
    if not has_request_context():
        return WorkingCalendar.load(session)
    if "working_calendar" not in g:
        g.working_calendar = WorkingCalendar.load(session)
    return g.working_calendar


# -- input ----------------------------------------------------------------------------------
def parse_date(value: object, field: str, *, required: bool = True) -> date | None:
    text = str(value or "").strip()
    if not text:
        if required:
            raise InputError(field)
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise InputError(field) from err


def require_date(value: object, field: str) -> date:
    parsed = parse_date(value, field)
    if parsed is None:
        raise InputError(field)
    return parsed


def parse_int(value: object, field: str) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError) as err:
        raise InputError(field) from err


def agency_by_code(session: Session, code: object, field: str = "agency") -> Agency:
    found = session.scalar(select(Agency).where(Agency.code == str(code or "").strip()))
    if found is None:
        raise InputError(field)
    return found


def agencies_by_code(session: Session, codes: Iterable[str]) -> list[Agency]:
    wanted = [code for code in codes if code]
    found = session.scalars(select(Agency).where(Agency.code.in_(wanted))).all()
    if len(found) != len(set(wanted)):
        raise InputError("agencies")
    return list(found)


def all_agencies(session: Session) -> list[Agency]:
    return list(session.scalars(select(Agency).order_by(Agency.id)))


def current_agencies(session: Session) -> list[Agency]:
    """Bodies that still exist (merged ones keep their code for old documents only)."""
    today = date.today()
    return [a for a in all_agencies(session) if a.valid_to is None or a.valid_to >= today]


# -- loading through the policy -------------------------------------------------------------
def load_case(session: Session, case_id: int) -> Case:
    """The case, or 404 when it does not exist or the user may not see it."""
    case = session.get(Case, case_id)
    if case is None or not can_case(current_actor(), Action.SEE, case):
        abort(404)
    return case


def load_case_by_code(session: Session, code: str) -> Case:
    case = session.scalar(select(Case).where(Case.code == code))
    if case is None or not can_case(current_actor(), Action.SEE, case):
        abort(404)
    return case


def load_request(session: Session, request_id: int) -> InfoRequest:
    found = session.get(InfoRequest, request_id)
    if found is None or not can_request(current_actor(), RequestAction.SEE, found):
        abort(404)
    return found


def load_transfer(session: Session, transfer_id: int) -> tuple[Transfer, Case | None]:
    transfer = session.get(Transfer, transfer_id)
    if transfer is None:
        abort(404)
    case = session.get(Case, transfer.case_id) if transfer.case_id else None
    if not can_see_transfer(current_actor(), transfer, case):
        abort(404)
    return transfer, case


def visible_document(session: Session, reference: str) -> Document:
    """A document the user may see, by id or number; a RuleError names what was not found."""
    reference = (reference or "").strip()
    keys = {*number_search_keys(reference), *(number_keys(reference) if reference else [])}
    document = case_ops.find_document(session, reference, keys, document_clause(current_actor()))
    if document is None:
        raise RuleError("document.not_found", reference=reference)
    return document


def visible_documents(session: Session, references: Iterable[object]) -> list[Document]:
    return [visible_document(session, str(ref)) for ref in references if str(ref).strip()]


# -- files -----------------------------------------------------------------------------------
def receive_files(
    session: Session, files: Iterable[FileStorage], confidentiality: str, channel: str = "web"
) -> list[Document]:
    """Store uploaded files (durably) as documents of the user's body (new ones are parsed
    once the request's work is committed)."""
    user = current_actor()
    documents: list[Document] = []
    settings = services().settings
    for upload in files:
        if not upload or not upload.filename:
            continue
        received = receive(
            session,
            services().store,
            upload.stream,
            upload.filename,
            user=user,
            agency=user.agency,
            channel=channel,
            max_bytes=settings.max_upload_mb * 1024 * 1024,
            confidentiality=confidentiality,
        )
        if received.withheld:
            flash(f"{clean_filename(upload.filename)}: {held_elsewhere()}", "error")
            continue
        documents.append(received.document)
    return documents
