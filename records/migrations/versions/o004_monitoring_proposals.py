"""proposals to put cases on the monitoring list

Revision ID: o004
Revises: o003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "o004"
down_revision: str | None = "o003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "monitoring_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=32), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("review_note", sa.Text(), nullable=False),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_document_id", sa.Integer(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"],
            name=op.f("fk_monitoring_proposals_case_id_cases"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_monitoring_proposals_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"], ["users.id"],
            name=op.f("fk_monitoring_proposals_reviewed_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["decision_document_id"], ["documents.id"],
            name=op.f("fk_monitoring_proposals_decision_document_id_documents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_monitoring_proposals_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_monitoring_proposals_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitoring_proposals")),
    )  # fmt: skip
    with op.batch_alter_table("monitoring_proposals") as batch_op:
        batch_op.create_index(batch_op.f("ix_monitoring_proposals_case_id"), ["case_id"])
        batch_op.create_index(batch_op.f("ix_monitoring_proposals_agency_id"), ["agency_id"])
        batch_op.create_index(batch_op.f("ix_monitoring_proposals_status"), ["status"])


def downgrade() -> None:
    op.drop_table("monitoring_proposals")
