"""What the petition pages, the API and the CLI share: the context of an operation, loading
a petition with its access check, storing the files of a step, and the JSON of a petition."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from flask import abort, flash, has_request_context, request
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage, MultiDict

from indexer.normalize import fold
from records.calendar import local_today
from records.deadlines import due_status, rule_for_petition
from records.deadlines.rules import NoRuleInForce
from records.intake import clean_filename, receive
from records.models import Document, Petition, PetitionDocument, PetitionEvent, PetitionLink, User
from records.petitions import clock, identity, queries
from records.petitions.codes import KIND_LABELS, STATE_LABELS, State
from records.petitions.context import Context
from records.petitions.fields import parse_bool, parse_date
from records.petitions.guards import available
from records.petitions.transitions import BY_ACTION, EVENT_LABELS
from records.policy import (
    Action,
    can_petition,
    document_clause,
    letter_confidentiality,
    may_see_identity,
)
from webapp.auditing import deny
from webapp.db_session import db_session
from webapp.features.casework import working_calendar
from webapp.features.denouncers import shown_documents
from webapp.reasons import held_elsewhere
from webapp.services import services


def operation_context(session: Session, ip: str = "") -> Context:
    """Calendar (loaded once per request), today in Vietnam, Vietnamese folding."""
    if has_request_context():
        ip = ip or request.remote_addr or ""
    return Context(working_calendar(session), local_today(), fold, ip)


def load_petition(petition_id: int, action: Action = Action.SEE) -> Petition:
    """The petition; 404 when missing or not visible to the user (so its existence does not
    leak), 403 when they see it but may not do ``action`` (refusals audited)."""
    session = db_session()
    petition = session.get(Petition, petition_id)
    if petition is None:
        abort(404)
    visible = can_petition(current_user, Action.SEE, petition)
    if not (visible and can_petition(current_user, action, petition)):
        deny(
            f"petition.{action.value}",
            answer=403 if visible else 404,
            object_type="petition",
            object_id=petition_id,
            level=petition.confidentiality,
        )
    return petition


def receive_files(
    session: Session,
    user: User,
    petition_kind: str,
    confidentiality: str,
    files: Iterable[FileStorage],
) -> list[Document]:
    """Store uploaded files as Documents of ``user``'s body (letters of a denunciation are
    classified as the policy says); they are parsed once the request's work is committed."""
    level = letter_confidentiality(petition_kind, confidentiality)
    settings = services().settings
    documents = []
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
            channel="web",
            max_bytes=settings.max_upload_mb * 1024 * 1024,
            confidentiality=level,
        )
        if received.withheld:
            flash(f"{clean_filename(upload.filename)}: {held_elsewhere()}", "error")
            continue
        documents.append(received.document)
    return documents


def filters_from_args(args: MultiDict) -> queries.Filters:
    """The list filters of a query string (page and API share them)."""

    def day(name: str) -> date | None:
        try:
            return parse_date(args.get(name))
        except ValueError:
            return None

    agency = args.get("agency", "")
    return queries.Filters(
        states=[s for s in args.getlist("state") if s in STATE_LABELS],
        kinds=[k for k in args.getlist("kind") if k in KIND_LABELS],
        due=args.get("due", "") if args.get("due", "") in queries.DUE_FILTERS else "",
        agency_id=int(agency) if agency.isdigit() else None,
        received_from=day("from"),
        received_to=day("to"),
        text=args.get("q", "").strip()[:200],
        bypass_level=parse_bool(args.get("bypass")),
        mass=parse_bool(args.get("mass")),
    )


# -- reading ----------------------------------------------------------------------------------
def summary_for(session: Session, user: User, petition: Petition, ctx: Context) -> str:
    """The summary; petitioners' names and numbers removed for those who may not know them."""
    if may_see_identity(user, petition):
        return petition.summary
    return identity.redact(petition.summary, identity.load(session, [petition.id]), ctx.fold)


def summaries_for(
    session: Session, user: User, petitions: Iterable[Petition], ctx: Context
) -> dict[int, str]:
    """:func:`summary_for` for a page of petitions, loading the hidden identities at once."""
    items = list(petitions)
    hidden = [p.id for p in items if not may_see_identity(user, p)]
    people: dict[int, list[Any]] = {}
    for person in identity.load(session, hidden) if hidden else []:
        people.setdefault(person.petition_id, []).append(person)
    return {
        p.id: identity.redact(p.summary, people.get(p.id, []), ctx.fold)
        if p.id in hidden
        else p.summary
        for p in items
    }


def due_info(petition: Petition, ctx: Context) -> dict[str, Any] | None:
    if petition.due_on is None or petition.due_rule is None:
        return None
    try:
        rule = rule_for_petition(
            petition.due_rule, petition.received_on, petition.clock_anchor or petition.received_on
        )
    except NoRuleInForce:
        return None
    return {
        "on": petition.due_on.isoformat(),
        "status": due_status(petition.due_on, ctx.today, ctx.calendar).value,
        "rule": rule.id,
        "rule_title": rule.title,
        "basis": rule.basis,
        "rule_from": rule.effective_from.isoformat(),
        "unit": rule.unit.value,
        "calendar_version": petition.calendar_version,
    }


def summary_json(
    session: Session, user: User, petition: Petition, ctx: Context, summary: str | None = None
) -> dict[str, Any]:
    return {
        "id": petition.id,
        "register_no": petition.register_no,
        "kind": petition.kind,
        "complaint_round": petition.complaint_round,
        "state": petition.state,
        "received_on": petition.received_on.isoformat(),
        "channel": petition.channel,
        "summary": summary if summary is not None else summary_for(session, user, petition, ctx),
        "respondent": petition.respondent,
        "agency": petition.owner_agency.code,
        "confidentiality": petition.confidentiality,
        "anonymous": petition.anonymous,
        "mass": petition.is_mass,
        "bypass_level": petition.bypass_level,
        "overdue": petition.overdue,
        "due": due_info(petition, ctx),
        "closed_on": petition.closed_on.isoformat() if petition.closed_on else None,
    }


def visible_documents(
    session: Session, user: User, petition: Petition
) -> list[tuple[Document, str]]:
    rows = session.execute(
        select(Document, PetitionDocument.role)
        .join(PetitionDocument, PetitionDocument.document_id == Document.id)
        .where(PetitionDocument.petition_id == petition.id, document_clause(user))
        .order_by(PetitionDocument.added_at)
    ).all()
    shown = shown_documents(session, user, [document for document, _ in rows])
    return [(document, role) for document, (_, role) in zip(shown, rows, strict=True)]


def related(session: Session, user: User, petition: Petition) -> dict[str, list[Petition]]:
    """Parent, children, duplicates and suggested repeats the user may see."""

    def visible(items: Iterable[Petition | None]) -> list[Petition]:
        return [p for p in items if p is not None and can_petition(user, Action.SEE, p)]

    children = session.scalars(select(Petition).where(Petition.parent_id == petition.id))
    duplicates = session.scalars(select(Petition).where(Petition.duplicate_of_id == petition.id))
    suggested_ids = session.scalars(
        select(PetitionLink.other_id).where(
            PetitionLink.petition_id == petition.id, PetitionLink.status == "suggested"
        )
    ).all()
    return {
        "parent": visible(
            [session.get(Petition, petition.parent_id)] if petition.parent_id else []
        ),
        "children": visible(children),
        "duplicate_of": visible(
            [session.get(Petition, petition.duplicate_of_id)] if petition.duplicate_of_id else []
        ),
        "duplicates": visible(duplicates),
        "repeats": visible(session.get(Petition, pid) for pid in suggested_ids),
    }


def repeat_scores(session: Session, petition: Petition) -> dict[int, float]:
    return dict(
        session.execute(
            select(PetitionLink.other_id, PetitionLink.score).where(
                PetitionLink.petition_id == petition.id
            )
        ).all()
    )


def history(session: Session, petition: Petition) -> list[tuple[PetitionEvent, User | None]]:
    rows = session.execute(
        select(PetitionEvent, User)
        .outerjoin(User, User.id == PetitionEvent.actor_id)
        .where(PetitionEvent.petition_id == petition.id)
        .order_by(PetitionEvent.id)
    ).all()
    return [(event, user) for event, user in rows]


def event_label(action: str) -> str:
    transition = BY_ACTION.get(action)
    return transition.label if transition else EVENT_LABELS.get(action, action)


def detail_json(session: Session, user: User, petition: Petition, ctx: Context) -> dict[str, Any]:
    """The whole petition as the API and ``hoso petition show --json`` give it."""
    data = summary_json(session, user, petition, ctx)
    people = identity.petitioners_for(session, user, petition)
    suspended_on = None
    if petition.state == State.SUSPENDED:
        suspended_on = next(
            (
                e.happened_on
                for e, _ in reversed(history(session, petition))
                if e.action == "suspend"
            ),
            None,
        )
    data.update(
        {
            "forwarded_by": petition.forwarded_by,
            "addressed_level": petition.addressed_level,
            "signatory_count": petition.signatory_count,
            "remote": {"flag": petition.is_remote, "basis": petition.remote_basis},
            "complex": {"flag": petition.is_complex, "basis": petition.complex_basis},
            "competent": {
                "level": petition.competent_level,
                "self": petition.competent_self,
                "name": petition.competent_name,
            },
            "routed_to": petition.routed_to_name or None,
            "reason_code": petition.reason_code,
            "extensions": petition.extensions,
            "case_id": petition.case_id,
            "parent_id": petition.parent_id,
            "duplicate_of_id": petition.duplicate_of_id,
            "handler_id": petition.handler_id,
            "identity_hidden": people is None,
            "petitioners": None
            if people is None
            else [
                {
                    "name": p.name,
                    "address": p.address,
                    "id_number": p.id_number,
                    "phone": p.phone,
                    "representative": p.representative,
                }
                for p in people
            ],
            "reminders": [
                {
                    "rule": r.rule.id,
                    "title": r.rule.title,
                    "basis": r.rule.basis,
                    "on": r.due_on.isoformat(),
                }
                for r in clock.reminders(petition, ctx, suspended_on=suspended_on)
            ],
            "documents": [
                {"id": d.id, "filename": d.filename, "role": role, "status": d.status}
                for d, role in visible_documents(session, user, petition)
            ],
            "history": [
                {
                    "action": e.action,
                    "from": e.from_state,
                    "to": e.to_state,
                    "on": e.happened_on.isoformat() if e.happened_on else None,
                    "at": e.at.isoformat(),
                    "by": actor.username if actor else None,
                    "due_on": e.due_on.isoformat() if e.due_on else None,
                    "due_rule": e.due_rule,
                    "calendar_version": e.calendar_version,
                    "note": e.note,
                }
                for e, actor in history(session, petition)
            ],
            "actions": [t.action for t in available(user, petition, ctx.today)],
        }
    )
    return data
