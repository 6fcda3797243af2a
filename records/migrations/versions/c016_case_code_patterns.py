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


# Plain ALTER TABLE on both databases: a batch copy of ``agencies`` on SQLite would drop a
# table the other tables' rows refer to.
def upgrade() -> None:
    op.add_column(
        "agencies",
        sa.Column("case_code_pattern", sa.String(length=64), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_column("agencies", "case_code_pattern")
