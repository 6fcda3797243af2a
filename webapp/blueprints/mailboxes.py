"""Administration of e-mail intake: each configured mailbox's last poll, counts and errors,
and the latest messages that could not be taken whole."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from records.models import MailboxState, MailMessage
from webapp import labels
from webapp.auditing import audit
from webapp.blueprints.admin import administrators_only
from webapp.db_session import db_session
from webapp.services import services

bp = Blueprint("mailboxes", __name__, url_prefix="/admin/mailboxes")

#: Latest problem messages listed.
PROBLEMS_SHOWN = 50


bp.before_request(administrators_only)


@bp.get("/")
def index() -> ResponseReturnValue:
    session = db_session()
    boxes = services().settings.mailboxes
    states = {state.name: state for state in session.scalars(select(MailboxState))}
    agencies = labels.agency_names(session)
    # Subjects may be confidential: the list names the message by where it was and why it
    # failed; its document (if any) is opened under the document policy.
    problems = session.scalars(
        select(MailMessage)
        .where(MailMessage.status.in_(("partial", "failed")))
        .order_by(MailMessage.taken_at.desc())
        .limit(PROBLEMS_SHOWN)
    ).all()
    audit("mailboxes.view", object_type="mailbox")
    return render_template(
        "admin/mailboxes.html",
        boxes=boxes,
        states=states,
        agencies=agencies,
        problems=problems,
        labels=labels,
    )
