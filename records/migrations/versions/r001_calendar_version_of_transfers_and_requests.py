"""calendar version of transfers and requests

The due dates of transfers to investigators and of information requests are computed on
the working calendar of records.calendar (holidays plus announced swapped days); each
stores the calendar version it was computed with, as petitions do.

Revision ID: r001
Revises: i001
Create Date: 2026-11-26 12:50:24.986299
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'r001'
down_revision: str | None = 'i001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('info_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_version', sa.String(length=40), nullable=True))

    with op.batch_alter_table('transfers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_version', sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('transfers', schema=None) as batch_op:
        batch_op.drop_column('calendar_version')

    with op.batch_alter_table('info_requests', schema=None) as batch_op:
        batch_op.drop_column('calendar_version')
