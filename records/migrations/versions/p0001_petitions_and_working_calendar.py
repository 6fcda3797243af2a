"""petitions and working calendar

Revision ID: p0001
Revises: s001
Create Date: 2026-11-26 12:07:30.511778
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = 'p0001'
down_revision: str | None = 's001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('calendar_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('working', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_calendar_days_changed_by_id_users')),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_days'))
    )
    op.create_table('petitions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('register_no', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('complaint_round', sa.Integer(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('respondent', sa.String(length=512), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('forwarded_by', sa.String(length=255), nullable=False),
    sa.Column('addressed_level', sa.String(length=16), nullable=False),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('signatory_count', sa.Integer(), nullable=True),
    sa.Column('is_mass', sa.Boolean(), nullable=False),
    sa.Column('is_remote', sa.Boolean(), nullable=False),
    sa.Column('remote_basis', sa.Text(), nullable=False),
    sa.Column('is_complex', sa.Boolean(), nullable=False),
    sa.Column('complex_basis', sa.Text(), nullable=False),
    sa.Column('owner_agency_id', sa.Integer(), nullable=False),
    sa.Column('confidentiality', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=24), nullable=False),
    sa.Column('competent_level', sa.String(length=16), nullable=True),
    sa.Column('competent_self', sa.Boolean(), nullable=True),
    sa.Column('competent_agency_id', sa.Integer(), nullable=True),
    sa.Column('competent_name', sa.String(length=255), nullable=False),
    sa.Column('bypass_level', sa.Boolean(), nullable=False),
    sa.Column('routed_to_agency_id', sa.Integer(), nullable=True),
    sa.Column('routed_to_name', sa.String(length=255), nullable=False),
    sa.Column('reason_code', sa.String(length=32), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('due_rule', sa.String(length=8), nullable=True),
    sa.Column('due_rule_from', sa.Date(), nullable=True),
    sa.Column('clock_anchor', sa.Date(), nullable=True),
    sa.Column('clock_used', sa.Integer(), nullable=False),
    sa.Column('extensions', sa.Integer(), nullable=False),
    sa.Column('extension_days', sa.Integer(), nullable=False),
    sa.Column('calendar_version', sa.String(length=40), nullable=True),
    sa.Column('overdue', sa.Boolean(), nullable=False),
    sa.Column('suspended_from', sa.String(length=24), nullable=True),
    sa.Column('accepted_on', sa.Date(), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
    sa.Column('handler_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_petitions_case_id_cases'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['competent_agency_id'], ['agencies.id'], name=op.f('fk_petitions_competent_agency_id_agencies')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_petitions_created_by_id_users')),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['petitions.id'], name=op.f('fk_petitions_duplicate_of_id_petitions')),
    sa.ForeignKeyConstraint(['handler_id'], ['users.id'], name=op.f('fk_petitions_handler_id_users')),
    sa.ForeignKeyConstraint(['owner_agency_id'], ['agencies.id'], name=op.f('fk_petitions_owner_agency_id_agencies')),
    sa.ForeignKeyConstraint(['parent_id'], ['petitions.id'], name=op.f('fk_petitions_parent_id_petitions')),
    sa.ForeignKeyConstraint(['routed_to_agency_id'], ['agencies.id'], name=op.f('fk_petitions_routed_to_agency_id_agencies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_petitions')),
    sa.UniqueConstraint('owner_agency_id', 'register_no', name='uq_petitions_owner_register_no')
    )
    with op.batch_alter_table('petitions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_petitions_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petitions_duplicate_of_id'), ['duplicate_of_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petitions_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_petitions_owner_agency_id'), ['owner_agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petitions_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petitions_received_on'), ['received_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_petitions_routed_to_agency_id'), ['routed_to_agency_id'], unique=False)
        batch_op.create_index('ix_petitions_state_due', ['state', 'due_on'], unique=False)

    op.create_table('petition_documents',
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], name=op.f('fk_petition_documents_added_by_id_users')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_petition_documents_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], name=op.f('fk_petition_documents_petition_id_petitions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('petition_id', 'document_id', name=op.f('pk_petition_documents'))
    )
    with op.batch_alter_table('petition_documents', schema=None) as batch_op:
        batch_op.create_index('ix_petition_documents_document_id', ['document_id'], unique=False)

    op.create_table('petition_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('from_state', sa.String(length=24), nullable=True),
    sa.Column('to_state', sa.String(length=24), nullable=True),
    sa.Column('happened_on', sa.Date(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('due_rule', sa.String(length=8), nullable=True),
    sa.Column('calendar_version', sa.String(length=40), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('detail', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_petition_events_actor_id_users')),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], name=op.f('fk_petition_events_petition_id_petitions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_petition_events'))
    )
    with op.batch_alter_table('petition_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_petition_events_petition_id'), ['petition_id'], unique=False)

    op.create_table('petition_links',
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_petition_links_decided_by_id_users')),
    sa.ForeignKeyConstraint(['other_id'], ['petitions.id'], name=op.f('fk_petition_links_other_id_petitions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], name=op.f('fk_petition_links_petition_id_petitions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('petition_id', 'other_id', name=op.f('pk_petition_links'))
    )
    with op.batch_alter_table('petition_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_petition_links_other_id'), ['other_id'], unique=False)

    op.create_table('petitioners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('address', sa.String(length=512), nullable=False),
    sa.Column('id_number', sa.String(length=32), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('representative', sa.Boolean(), nullable=False),
    sa.Column('name_key', sa.String(length=255), nullable=False),
    sa.Column('id_key', sa.String(length=32), nullable=False),
    sa.Column('phone_key', sa.String(length=32), nullable=False),
    sa.Column('address_key', sa.String(length=512), nullable=False),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], name=op.f('fk_petitioners_petition_id_petitions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_petitioners'))
    )
    with op.batch_alter_table('petitioners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_petitioners_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_petitioners_petition_id'), ['petition_id'], unique=False)

    with op.batch_alter_table('transfers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('petition_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_transfers_petition_id'), ['petition_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_transfers_petition_id_petitions'), 'petitions', ['petition_id'], ['id'], ondelete='CASCADE')



def downgrade() -> None:
    with op.batch_alter_table('transfers', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_transfers_petition_id_petitions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_transfers_petition_id'))
        batch_op.drop_column('petition_id')

    with op.batch_alter_table('petitioners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_petitioners_petition_id'))
        batch_op.drop_index(batch_op.f('ix_petitioners_name_key'))

    op.drop_table('petitioners')
    with op.batch_alter_table('petition_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_petition_links_other_id'))

    op.drop_table('petition_links')
    with op.batch_alter_table('petition_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_petition_events_petition_id'))

    op.drop_table('petition_events')
    with op.batch_alter_table('petition_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_petition_documents_document_id')

    op.drop_table('petition_documents')
    with op.batch_alter_table('petitions', schema=None) as batch_op:
        batch_op.drop_index('ix_petitions_state_due')
        batch_op.drop_index(batch_op.f('ix_petitions_routed_to_agency_id'))
        batch_op.drop_index(batch_op.f('ix_petitions_received_on'))
        batch_op.drop_index(batch_op.f('ix_petitions_parent_id'))
        batch_op.drop_index(batch_op.f('ix_petitions_owner_agency_id'))
        batch_op.drop_index(batch_op.f('ix_petitions_kind'))
        batch_op.drop_index(batch_op.f('ix_petitions_duplicate_of_id'))
        batch_op.drop_index(batch_op.f('ix_petitions_case_id'))

    op.drop_table('petitions')
    op.drop_table('calendar_days')
