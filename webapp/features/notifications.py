"""In-app notifications of the signed-in user, as the bell, the list and the API show them.

Access is checked again when a notification is shown: one about an object the user may no
longer see keeps its place in the list but shows neither its title nor its link.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from records.models import Notification, User
from records.notification_titles import TEMPLATES
from records.policy import visible_ids

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
