"""E-mail intake: messages taken from mailboxes, their attachments, mailbox polls.

Revision ID: m001
Revises: r001
Create Date: 2026-11-26 14:02:45.674783
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'm001'
down_revision: str | None = 'r001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('mailbox_states',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('last_poll_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_success_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('last_taken', sa.Integer(), nullable=False),
    sa.Column('last_duplicates', sa.Integer(), nullable=False),
    sa.Column('last_failed', sa.Integer(), nullable=False),
    sa.Column('total_taken', sa.Integer(), nullable=False),
    sa.Column('total_failed', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_mailbox_states'))
    )
    op.create_table('mail_attachments',
    sa.Column('message_document_id', sa.Integer(), nullable=False),
    sa.Column('attachment_document_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=512), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['attachment_document_id'], ['documents.id'], name=op.f('fk_mail_attachments_attachment_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['message_document_id'], ['documents.id'], name=op.f('fk_mail_attachments_message_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('message_document_id', 'attachment_document_id', name=op.f('pk_mail_attachments'))
    )
    with op.batch_alter_table('mail_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_attachments_attachment_document_id'), ['attachment_document_id'], unique=False)

    op.create_table('mail_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_key', sa.String(length=64), nullable=False),
    sa.Column('message_id', sa.Text(), nullable=True),
    sa.Column('mailbox', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=512), nullable=False),
    sa.Column('sender', sa.String(length=512), nullable=True),
    sa.Column('subject', sa.Text(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('taken_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_mail_messages_document_id_documents'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_messages')),
    sa.UniqueConstraint('message_key', name=op.f('uq_mail_messages_message_key'))
    )
    with op.batch_alter_table('mail_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_messages_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_messages_mailbox'), ['mailbox'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('mail_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_messages_mailbox'))
        batch_op.drop_index(batch_op.f('ix_mail_messages_document_id'))

    op.drop_table('mail_messages')
    with op.batch_alter_table('mail_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_attachments_attachment_document_id'))

    op.drop_table('mail_attachments')
    op.drop_table('mailbox_states')
