"""notification title keys and parameters (titles in the reader's language)

Revision ID: c017
Revises: c016
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c017"
down_revision: str | None = "c016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
    with op.batch_alter_table("notifications") as batch_op:
        batch_op.add_column(
            sa.Column("title_key", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("title_params", json, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notifications") as batch_op:
        batch_op.drop_column("title_params")
        batch_op.drop_column("title_key")
