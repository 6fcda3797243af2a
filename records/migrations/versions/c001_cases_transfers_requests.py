"""cases: statuses, handler, signs of crime; transfers; information requests

Revision ID: c001
Revises: 0002
Create Date: 2026-11-26 11:09:37.568085
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'c001'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('info_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_agency_id', sa.Integer(), nullable=False),
    sa.Column('to_agency_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=512), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('confidentiality', sa.String(length=16), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('answer_text', sa.Text(), nullable=False),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_info_requests_answered_by_id_users')),
    sa.ForeignKeyConstraint(['assignee_id'], ['users.id'], name=op.f('fk_info_requests_assignee_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_info_requests_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_info_requests_created_by_id_users')),
    sa.ForeignKeyConstraint(['from_agency_id'], ['agencies.id'], name=op.f('fk_info_requests_from_agency_id_agencies')),
    sa.ForeignKeyConstraint(['to_agency_id'], ['agencies.id'], name=op.f('fk_info_requests_to_agency_id_agencies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_info_requests'))
    )
    with op.batch_alter_table('info_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_info_requests_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_info_requests_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_info_requests_from_agency_id'), ['from_agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_info_requests_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_info_requests_to_agency_id'), ['to_agency_id'], unique=False)

    op.create_table('transfers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('from_agency_id', sa.Integer(), nullable=False),
    sa.Column('to_agency_id', sa.Integer(), nullable=False),
    sa.Column('legal_basis', sa.String(length=32), nullable=False),
    sa.Column('legal_basis_text', sa.Text(), nullable=False),
    sa.Column('reference', sa.String(length=128), nullable=False),
    sa.Column('sent_date', sa.Date(), nullable=False),
    sa.Column('received_date', sa.Date(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('extension_note', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('confidentiality', sa.String(length=16), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('outcome_date', sa.Date(), nullable=True),
    sa.Column('outcome_note', sa.Text(), nullable=False),
    sa.Column('outcome_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_transfers_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_transfers_created_by_id_users')),
    sa.ForeignKeyConstraint(['from_agency_id'], ['agencies.id'], name=op.f('fk_transfers_from_agency_id_agencies')),
    sa.ForeignKeyConstraint(['outcome_by_id'], ['users.id'], name=op.f('fk_transfers_outcome_by_id_users')),
    sa.ForeignKeyConstraint(['to_agency_id'], ['agencies.id'], name=op.f('fk_transfers_to_agency_id_agencies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfers'))
    )
    with op.batch_alter_table('transfers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfers_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfers_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfers_from_agency_id'), ['from_agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfers_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfers_sent_date'), ['sent_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfers_to_agency_id'), ['to_agency_id'], unique=False)

    op.create_table('info_request_documents',
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_info_request_documents_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['info_requests.id'], name=op.f('fk_info_request_documents_request_id_info_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('request_id', 'document_id', name=op.f('pk_info_request_documents'))
    )
    with op.batch_alter_table('info_request_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_info_request_documents_document_id'), ['document_id'], unique=False)

    op.create_table('transfer_documents',
    sa.Column('transfer_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_transfer_documents_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['transfer_id'], ['transfers.id'], name=op.f('fk_transfer_documents_transfer_id_transfers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('transfer_id', 'document_id', name=op.f('pk_transfer_documents'))
    )
    with op.batch_alter_table('transfer_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfer_documents_document_id'), ['document_id'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('handler_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('crime_signs_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('crime_signs_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('crime_signs_basis', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('crime_signs_since', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('crime_signs_note', sa.Text(), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_cases_crime_signs_at'), ['crime_signs_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_status'), ['status'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_cases_handler_id_users'), 'users', ['handler_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_cases_crime_signs_by_id_users'), 'users', ['crime_signs_by_id'], ['id'])
    # The foundation's placeholder status becomes the first status of the controlled list.
    op.execute("UPDATE cases SET status = 'tiep_nhan' WHERE status = 'open'")



def downgrade() -> None:
    op.execute("UPDATE cases SET status = 'open' WHERE status = 'tiep_nhan'")
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cases_crime_signs_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_cases_handler_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_cases_status'))
        batch_op.drop_index(batch_op.f('ix_cases_crime_signs_at'))
        batch_op.drop_column('crime_signs_note')
        batch_op.drop_column('crime_signs_since')
        batch_op.drop_column('crime_signs_basis')
        batch_op.drop_column('crime_signs_by_id')
        batch_op.drop_column('crime_signs_at')
        batch_op.drop_column('handler_id')

    with op.batch_alter_table('transfer_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transfer_documents_document_id'))

    op.drop_table('transfer_documents')
    with op.batch_alter_table('info_request_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_info_request_documents_document_id'))

    op.drop_table('info_request_documents')
    with op.batch_alter_table('transfers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transfers_to_agency_id'))
        batch_op.drop_index(batch_op.f('ix_transfers_sent_date'))
        batch_op.drop_index(batch_op.f('ix_transfers_outcome'))
        batch_op.drop_index(batch_op.f('ix_transfers_from_agency_id'))
        batch_op.drop_index(batch_op.f('ix_transfers_due_date'))
        batch_op.drop_index(batch_op.f('ix_transfers_case_id'))

    op.drop_table('transfers')
    with op.batch_alter_table('info_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_info_requests_to_agency_id'))
        batch_op.drop_index(batch_op.f('ix_info_requests_status'))
        batch_op.drop_index(batch_op.f('ix_info_requests_from_agency_id'))
        batch_op.drop_index(batch_op.f('ix_info_requests_due_date'))
        batch_op.drop_index(batch_op.f('ix_info_requests_case_id'))

    op.drop_table('info_requests')
