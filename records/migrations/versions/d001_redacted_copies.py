"""redacted copies

Revision ID: d001
Revises: t001
Create Date: 2026-11-26 14:05:23.698865
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = 'd001'
down_revision: str | None = 't001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('document_redactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('original_id', sa.Integer(), nullable=False),
    sa.Column('copy_id', sa.Integer(), nullable=False),
    sa.Column('plan', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['copy_id'], ['documents.id'], name=op.f('fk_document_redactions_copy_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_document_redactions_created_by_id_users')),
    sa.ForeignKeyConstraint(['original_id'], ['documents.id'], name=op.f('fk_document_redactions_original_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_redactions')),
    sa.UniqueConstraint('copy_id', name=op.f('uq_document_redactions_copy_id'))
    )
    with op.batch_alter_table('document_redactions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_redactions_original_id'), ['original_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('document_redactions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_redactions_original_id'))

    op.drop_table('document_redactions')
