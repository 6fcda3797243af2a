"""REST endpoints for the caller's in-app notifications."""

from __future__ import annotations

from flask import abort, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import update

from records.models import Notification
from records.models.base import utcnow
from webapp.actor import current_actor
from webapp.api import route
from webapp.api.common import op
from webapp.features.casework import work_session
from webapp.features.notifications import page_of, shown, unread_count
from webapp.paging import page_number


@route(
    "/notifications",
    {"get": op("My notifications, newest first (unread=1; page)", "notifications")},
)
def notifications_collection() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    page = page_number()
    rows = page_of(session, user, bool(request.args.get("unread")), page)
    items = shown(session, user, rows)
    for item in items:
        item["created_at"] = item["created_at"].isoformat()
    return jsonify(unread=unread_count(session, user), notifications=items)


@route(
    "/notifications/<int:notification_id>/read",
    {"post": op("Mark one notification as read", "notifications")},
)
def notification_read(notification_id: int) -> ResponseReturnValue:
    session = work_session()
    row = session.get(Notification, notification_id)
    if row is None or row.user_id != current_actor().id:
        abort(404)
    row.read_at = row.read_at or utcnow()
    return jsonify(id=row.id, read=True)


@route(
    "/notifications/read-all", {"post": op("Mark all my notifications as read", "notifications")}
)
def notifications_read_all() -> ResponseReturnValue:
    session = work_session()
    result = session.execute(
        update(Notification)
        .where(Notification.user_id == current_actor().id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    return jsonify(marked=result.rowcount)
