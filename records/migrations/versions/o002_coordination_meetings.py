"""coordination meetings (giao ban), invited bodies, follow-up tasks

Revision ID: o002
Revises: o001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "o002"
down_revision: str | None = "o001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=512), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=255), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("confidentiality", sa.String(length=16), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("minutes_document_id", sa.Integer(), nullable=True),
        sa.Column("chair_agency_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["minutes_document_id"], ["documents.id"],
            name=op.f("fk_meetings_minutes_document_id_documents"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["chair_agency_id"], ["agencies.id"], name=op.f("fk_meetings_chair_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_meetings_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )  # fmt: skip
    with op.batch_alter_table("meetings") as batch_op:
        batch_op.create_index(batch_op.f("ix_meetings_held_on"), ["held_on"])
        batch_op.create_index(batch_op.f("ix_meetings_status"), ["status"])

    op.create_table(
        "meeting_bodies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=True),
        sa.Column("attendee", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"],
            name=op.f("fk_meeting_bodies_meeting_id_meetings"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_meeting_bodies_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_bodies")),
        sa.UniqueConstraint("meeting_id", "agency_id", name=op.f("uq_meeting_bodies_meeting_id")),
    )  # fmt: skip
    with op.batch_alter_table("meeting_bodies") as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_bodies_meeting_id"), ["meeting_id"])
        batch_op.create_index(batch_op.f("ix_meeting_bodies_agency_id"), ["agency_id"])

    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("task", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("working_days", sa.Integer(), nullable=True),
        sa.Column("calendar_version", sa.String(length=40), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("done_note", sa.Text(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"],
            name=op.f("fk_follow_ups_meeting_id_meetings"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_follow_ups_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["done_by_id"], ["users.id"], name=op.f("fk_follow_ups_done_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_follow_ups_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )  # fmt: skip
    with op.batch_alter_table("follow_ups") as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_ups_meeting_id"), ["meeting_id"])
        batch_op.create_index(batch_op.f("ix_follow_ups_agency_id"), ["agency_id"])
        batch_op.create_index(batch_op.f("ix_follow_ups_due_date"), ["due_date"])
        batch_op.create_index(batch_op.f("ix_follow_ups_status"), ["status"])


def downgrade() -> None:
    op.drop_table("follow_ups")
    op.drop_table("meeting_bodies")
    op.drop_table("meetings")
