"""metadata confidence, title marks and excerpts

Revision ID: e001
Revises: w001
Create Date: 2026-12-07 02:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = 'e001'
down_revision: str | None = 'w001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title_mark', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('is_excerpt', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('field_confidence', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), server_default=sa.text("'{}'"), nullable=False))
        batch_op.add_column(sa.Column('metadata_review', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f('ix_documents_metadata_review'), ['metadata_review'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_metadata_review'))
        batch_op.drop_column('metadata_review')
        batch_op.drop_column('field_confidence')
        batch_op.drop_column('is_excerpt')
        batch_op.drop_column('title_mark')
