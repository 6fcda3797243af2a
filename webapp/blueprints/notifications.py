"""In-app notifications: the bell's count, the list, opening and marking as read.

Access is checked again when a notification is shown: one about an object the user may no
longer see keeps its place in the list but shows neither its title nor its link.
"""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import update
from sqlalchemy.orm import Session

from records.models import Notification
from records.models.base import utcnow
from webapp.actor import current_actor
from webapp.db_session import db_session
from webapp.features.casework import work_session
from webapp.features.notifications import PAGE_SIZE, page_of, shown, unread_count
from webapp.paging import page_number

bp = Blueprint("notifications", __name__)


@bp.get("/notifications")
def index() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    unread_only = bool(request.args.get("unread"))
    page = page_number()
    rows = page_of(session, user, unread_only, page)
    return render_template(
        "notifications/index.html",
        items=shown(session, user, rows),
        unread_only=unread_only,
        page=page,
        more=len(rows) == PAGE_SIZE,
    )


def _own(session: Session, notification_id: int) -> Notification:
    row = session.get(Notification, notification_id)
    if row is None or row.user_id != current_actor().id:
        abort(404)
    return row


@bp.get("/notifications/<int:notification_id>/open")
def open_(notification_id: int) -> ResponseReturnValue:
    """Mark as read and go to the object, if the user may still see it."""
    session = work_session()
    row = _own(session, notification_id)
    if row.read_at is None:
        row.read_at = utcnow()
    (item,) = shown(session, current_actor(), [row])
    return redirect(item["link"] or url_for("notifications.index"))


@bp.post("/notifications/<int:notification_id>/read")
def mark_read(notification_id: int) -> ResponseReturnValue:
    session = work_session()
    row = _own(session, notification_id)
    row.read_at = row.read_at or utcnow()
    return redirect(request.referrer or url_for("notifications.index"))


@bp.post("/notifications/read-all")
def mark_all_read() -> ResponseReturnValue:
    session = work_session()
    session.execute(
        update(Notification)
        .where(Notification.user_id == current_actor().id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    return redirect(url_for("notifications.index"))


@bp.get("/notifications/unread.json")
def unread() -> ResponseReturnValue:
    return jsonify(unread=unread_count(db_session(), current_actor()))
