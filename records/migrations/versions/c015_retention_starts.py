"""retention starts confirmed by an archivist

Revision ID: c015
Revises: o004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c015"
down_revision: str | None = "o004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "retention_starts",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("confirmed_by_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"],
            name=op.f("fk_retention_starts_document_id_documents"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["confirmed_by_id"], ["users.id"], name=op.f("fk_retention_starts_confirmed_by_id_users")
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_retention_starts")),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("retention_starts")
