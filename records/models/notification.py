"""In-app notifications (and the e-mail copy where SMTP is configured)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from records.models.base import Base, JSONType, UTCDateTime, utcnow


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))  # saved_search, deadline, assignment, request
    #: The Vietnamese text (e-mail, the API, rows older than title keys).
    title: Mapped[str] = mapped_column(String(512))
    #: ``records.notification_titles`` key and parameters: the title in the reader's language.
    title_key: Mapped[str] = mapped_column(String(64), default="", server_default="")
    title_params: Mapped[dict[str, str] | None] = mapped_column(JSONType, default=dict)
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(512), default="")
    #: The object the notification is about, so access can be re-checked when it is shown.
    object_type: Mapped[str] = mapped_column(String(32), default="")
    object_id: Mapped[str] = mapped_column(String(64), default="")
    #: Identifies the event, so the same alert is never sent twice to a user.
    dedup_key: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
