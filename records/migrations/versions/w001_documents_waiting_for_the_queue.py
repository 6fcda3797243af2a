"""documents waiting for the queue

``documents.queue_wait_since``: when an upload (or a re-run) could not be queued because
the broker was away; a frequent check queues it again once the broker answers.

Revision ID: w001
Revises: k001
Create Date: 2026-12-07 02:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "w001"
down_revision: str | None = 'k001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("queue_wait_since", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_documents_queue_wait_since", ["queue_wait_since"])


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_queue_wait_since")
        batch.drop_column("queue_wait_since")
