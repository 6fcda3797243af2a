"""inspection and supervision plan items, and the overlaps between bodies' items

Revision ID: o003
Revises: o002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "o003"
down_revision: str | None = "o002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "plan_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("unit_name", sa.String(length=255), nullable=False),
        sa.Column("unit_agency_id", sa.Integer(), nullable=True),
        sa.Column("unit_key", sa.String(length=255), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("subject_key", sa.Text(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("team", sa.Text(), nullable=False),
        sa.Column("confidentiality", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_plan_items_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["unit_agency_id"], ["agencies.id"], name=op.f("fk_plan_items_unit_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_plan_items_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["approved_by_id"], ["users.id"], name=op.f("fk_plan_items_approved_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_items")),
    )
    with op.batch_alter_table("plan_items") as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_items_agency_id"), ["agency_id"])
        batch_op.create_index(batch_op.f("ix_plan_items_year"), ["year"])
        batch_op.create_index(batch_op.f("ix_plan_items_unit_agency_id"), ["unit_agency_id"])
        batch_op.create_index(batch_op.f("ix_plan_items_unit_key"), ["unit_key"])
        batch_op.create_index(batch_op.f("ix_plan_items_status"), ["status"])

    op.create_table(
        "plan_overlaps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["first_id"], ["plan_items.id"],
            name=op.f("fk_plan_overlaps_first_id_plan_items"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_id"], ["plan_items.id"],
            name=op.f("fk_plan_overlaps_second_id_plan_items"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"], ["users.id"], name=op.f("fk_plan_overlaps_resolved_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_overlaps")),
        sa.UniqueConstraint("first_id", "second_id", name=op.f("uq_plan_overlaps_first_id")),
    )  # fmt: skip
    with op.batch_alter_table("plan_overlaps") as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_overlaps_first_id"), ["first_id"])
        batch_op.create_index(batch_op.f("ix_plan_overlaps_second_id"), ["second_id"])
        batch_op.create_index(batch_op.f("ix_plan_overlaps_status"), ["status"])


def downgrade() -> None:
    op.drop_table("plan_overlaps")
    op.drop_table("plan_items")
