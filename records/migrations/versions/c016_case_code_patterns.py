"""per-body case-code patterns

Revision ID: c016
Revises: c015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c016"
down_revision: str | None = "c015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agencies") as batch_op:
        batch_op.add_column(
            sa.Column("case_code_pattern", sa.String(length=64), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("agencies") as batch_op:
        batch_op.drop_column("case_code_pattern")
