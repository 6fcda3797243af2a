"""saved-search alerts remember their documents; documents know their other renderings

Revision ID: q001
Revises: e001
Create Date: 2026-12-07 02:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'q001'
down_revision: str | None = 'e001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('saved_search_documents',
    sa.Column('saved_search_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('alerted', sa.Boolean(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_saved_search_documents_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['saved_search_id'], ['saved_searches.id'], name=op.f('fk_saved_search_documents_saved_search_id_saved_searches'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('saved_search_id', 'document_id', name=op.f('pk_saved_search_documents'))
    )
    with op.batch_alter_table('saved_searches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('baseline_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('same_group_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_documents_same_group_id'), ['same_group_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_same_group_id'))
        batch_op.drop_column('same_group_id')
    with op.batch_alter_table('saved_searches', schema=None) as batch_op:
        batch_op.drop_column('baseline_at')

    op.drop_table('saved_search_documents')
