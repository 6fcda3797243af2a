"""In-app notifications: the bell's count, the list, opening and marking as read.

Access is checked again when a notification is shown: one about an object the user may no
longer see keeps its place in the list but shows neither its title nor its link.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, abort, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from records.models import Notification, User
from records.models.base import utcnow
from records.notification_titles import TEMPLATES
from records.policy import visible_ids
from webapp.casework import actor, work_session
from webapp.db_session import db_session
from webapp.paging import page_number

bp = Blueprint("notifications", __name__)

PAGE_SIZE = 30


def unread_count(session: Session, user: User) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        )
        or 0
    )


def title_of(row: Notification) -> str:
    """The title in the reader's language: its template translated and filled in; the stored
    Vietnamese text for rows without a key (older ones) or whose key is no longer known."""
    template = TEMPLATES.get(row.title_key)
    if template is None:
        return row.title
    try:
        return gettext(template) % (row.title_params or {})
    except (KeyError, TypeError, ValueError):
        return row.title


def shown(session: Session, user: User, rows: list[Notification]) -> list[dict[str, Any]]:
    """The notifications as the user may see them now (access re-checked per object)."""
    by_type: dict[str, set[str]] = {}
    for row in rows:
        if row.object_type:
            by_type.setdefault(row.object_type, set()).add(row.object_id)
    visible = {kind: visible_ids(session, user, kind, ids) for kind, ids in by_type.items()}
    items = []
    for row in rows:
        allowed = not row.object_type or row.object_id in visible.get(row.object_type, set())
        items.append(
            {
                "id": row.id,
                "kind": row.kind,
                "title": title_of(row) if allowed else None,
                "body": row.body if allowed else "",
                "link": row.link if allowed and row.link.startswith("/") else None,
                "object_type": row.object_type,
                "object_id": row.object_id,
                "created_at": row.created_at,
                "read": row.read_at is not None,
            }
        )
    return items


def page_of(session: Session, user: User, unread_only: bool, page: int) -> list[Notification]:
    query = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    return list(
        session.scalars(
            query.order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(PAGE_SIZE)
            .offset((page - 1) * PAGE_SIZE)
        )
    )


@bp.get("/notifications")
def index() -> ResponseReturnValue:
    session = work_session()
    user = actor()
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
    if row is None or row.user_id != actor().id:
        abort(404)
    return row


@bp.get("/notifications/<int:notification_id>/open")
def open_(notification_id: int) -> ResponseReturnValue:
    """Mark as read and go to the object, if the user may still see it."""
    session = work_session()
    row = _own(session, notification_id)
    if row.read_at is None:
        row.read_at = utcnow()
    (item,) = shown(session, actor(), [row])
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
        .where(Notification.user_id == actor().id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    return redirect(url_for("notifications.index"))


@bp.get("/notifications/unread.json")
def unread() -> ResponseReturnValue:
    return jsonify(unread=unread_count(db_session(), actor()))


def init_app(app: Flask) -> None:
    """The bell in the top bar: the unread count of the signed-in user."""

    @app.context_processor
    def _bell() -> dict[str, Any]:
        if not current_user.is_authenticated:
            return {}
        return {"unread_notifications": lambda: unread_count(db_session(), current_user)}
