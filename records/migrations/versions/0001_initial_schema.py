"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-26 10:32:57.210171
"""

import datetime
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('agencies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('name_en', sa.String(length=255), nullable=False),
    sa.Column('abbreviation', sa.String(length=32), nullable=False),
    sa.Column('aliases', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('coordinating', sa.Boolean(), nullable=False),
    sa.Column('investigative', sa.Boolean(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('successor_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['successor_id'], ['agencies.id'], name=op.f('fk_agencies_successor_id_agencies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agencies')),
    sa.UniqueConstraint('code', name=op.f('uq_agencies_code'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('full_name', sa.String(length=255), nullable=False),
    sa.Column('email', sa.String(length=255), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('roles', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('clearance', sa.String(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('totp_secret', sa.String(length=64), nullable=True),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('password_changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_users_agency_id_agencies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('agency_code', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('object_type', sa.String(length=32), nullable=False),
    sa.Column('object_id', sa.String(length=64), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('ip', sa.String(length=64), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('detail', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_events_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_action'), ['action'], unique=False)
        batch_op.create_index('ix_audit_events_at', ['at'], unique=False)
        batch_op.create_index('ix_audit_events_object', ['object_type', 'object_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_user_id'), ['user_id'], unique=False)

    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=512), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('confidentiality', sa.String(length=16), nullable=False),
    sa.Column('lead_agency_id', sa.Integer(), nullable=False),
    sa.Column('monitoring_level', sa.String(length=32), nullable=True),
    sa.Column('monitoring_set_by_id', sa.Integer(), nullable=True),
    sa.Column('monitoring_set_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('monitoring_reason', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_cases_created_by_id_users')),
    sa.ForeignKeyConstraint(['lead_agency_id'], ['agencies.id'], name=op.f('fk_cases_lead_agency_id_agencies')),
    sa.ForeignKeyConstraint(['monitoring_set_by_id'], ['users.id'], name=op.f('fk_cases_monitoring_set_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('code', name=op.f('uq_cases_code'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_lead_agency_id'), ['lead_agency_id'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('filename', sa.String(length=512), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('page_count', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('pipeline_version', sa.Integer(), nullable=True),
    sa.Column('ocr', sa.Boolean(), nullable=False),
    sa.Column('ocr_confidence', sa.Float(), nullable=True),
    sa.Column('source_encoding', sa.String(length=32), nullable=True),
    sa.Column('doc_type', sa.String(length=32), nullable=True),
    sa.Column('number', sa.String(length=128), nullable=True),
    sa.Column('number_key', sa.String(length=128), nullable=True),
    sa.Column('issued_date', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.String(length=8), nullable=True),
    sa.Column('place', sa.String(length=255), nullable=True),
    sa.Column('issuer', sa.String(length=512), nullable=True),
    sa.Column('subject', sa.Text(), nullable=True),
    sa.Column('signer', sa.String(length=255), nullable=True),
    sa.Column('sign_authority', sa.String(length=32), nullable=True),
    sa.Column('urgency', sa.String(length=16), nullable=True),
    sa.Column('is_draft', sa.Boolean(), nullable=False),
    sa.Column('recipients', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('corrections', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('confidentiality', sa.String(length=16), nullable=False),
    sa.Column('owner_agency_id', sa.Integer(), nullable=False),
    sa.Column('shared_all', sa.Boolean(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('indexed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['owner_agency_id'], ['agencies.id'], name=op.f('fk_documents_owner_agency_id_agencies')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_documents_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('sha256', name=op.f('uq_documents_sha256'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_doc_type'), ['doc_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_issued_date'), ['issued_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_number_key'), ['number_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_owner_agency_id'), ['owner_agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_status'), ['status'], unique=False)

    op.create_table('agency_mentions',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('agency_code', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_agency_mentions_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'agency_code', name=op.f('pk_agency_mentions'))
    )
    op.create_table('case_agencies',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_case_agencies_agency_id_agencies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_agencies_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', 'agency_id', name=op.f('pk_case_agencies'))
    )
    op.create_table('case_documents',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_case_documents_by_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_documents_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_case_documents_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', 'document_id', name=op.f('pk_case_documents'))
    )
    with op.batch_alter_table('case_documents', schema=None) as batch_op:
        batch_op.create_index('ix_case_documents_document_id', ['document_id'], unique=False)

    op.create_table('case_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('detail', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_case_events_actor_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_events_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_events'))
    )
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_events_case_id'), ['case_id'], unique=False)

    op.create_table('case_parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('role', sa.String(length=128), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_parties_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_parties'))
    )
    with op.batch_alter_table('case_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_parties_case_id'), ['case_id'], unique=False)

    op.create_table('document_pages',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('page_no', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('original', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_pages_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'page_no', name=op.f('pk_document_pages'))
    )
    op.create_table('document_references',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=128), nullable=False),
    sa.Column('number_key', sa.String(length=128), nullable=False),
    sa.Column('doc_type', sa.String(length=32), nullable=True),
    sa.Column('issued_date', sa.Date(), nullable=True),
    sa.Column('cited_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['cited_id'], ['documents.id'], name=op.f('fk_document_references_cited_id_documents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_references_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_references')),
    sa.UniqueConstraint('document_id', 'number_key', name='uq_document_references_doc_key')
    )
    with op.batch_alter_table('document_references', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_references_cited_id'), ['cited_id'], unique=False)
        batch_op.create_index('ix_document_references_number_key', ['number_key'], unique=False)

    op.create_table('document_shares',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_document_shares_agency_id_agencies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_shares_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'agency_id', name=op.f('pk_document_shares'))
    )
    op.create_table('uploads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=512), nullable=False),
    sa.Column('duplicate', sa.Boolean(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_uploads_agency_id_agencies')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_uploads_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_uploads_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_uploads'))
    )

    _seed_agencies()
    if op.get_bind().dialect.name == "postgresql":
        op.execute(AUDIT_TRIGGER_FUNCTION)
        op.execute(AUDIT_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS audit_events_refuse_change()")
    op.drop_table('uploads')
    op.drop_table('document_shares')
    with op.batch_alter_table('document_references', schema=None) as batch_op:
        batch_op.drop_index('ix_document_references_number_key')
        batch_op.drop_index(batch_op.f('ix_document_references_cited_id'))

    op.drop_table('document_references')
    op.drop_table('document_pages')
    with op.batch_alter_table('case_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_parties_case_id'))

    op.drop_table('case_parties')
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_events_case_id'))

    op.drop_table('case_events')
    with op.batch_alter_table('case_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_case_documents_document_id')

    op.drop_table('case_documents')
    op.drop_table('case_agencies')
    op.drop_table('agency_mentions')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_status'))
        batch_op.drop_index(batch_op.f('ix_documents_owner_agency_id'))
        batch_op.drop_index(batch_op.f('ix_documents_number_key'))
        batch_op.drop_index(batch_op.f('ix_documents_issued_date'))
        batch_op.drop_index(batch_op.f('ix_documents_doc_type'))

    op.drop_table('documents')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_lead_agency_id'))

    op.drop_table('cases')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_user_id'))
        batch_op.drop_index('ix_audit_events_object')
        batch_op.drop_index('ix_audit_events_at')
        batch_op.drop_index(batch_op.f('ix_audit_events_action'))

    op.drop_table('audit_events')
    op.drop_table('users')
    op.drop_table('agencies')


# The audit log is append-only: PostgreSQL refuses to change or remove its rows.
AUDIT_TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
"""
AUDIT_TRIGGER = """
CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()
"""

# The ten bodies of docs/contracts.md. Ban Dân vận was merged into Ban Tuyên giáo và Dân vận in 2025:
# it keeps its code for old documents and points to its successor.
AGENCIES = [
    ("noi_chinh", "Ban Nội chính Tỉnh ủy", "Provincial Party Internal Affairs Commission",
     "BNCTU", ["Ban Nội chính", "Ban Nội chính Tỉnh ủy", "BNC Tỉnh ủy", "BNCTU"], False),
    ("to_chuc", "Ban Tổ chức Tỉnh ủy", "Provincial Party Organization Commission",
     "BTCTU", ["Ban Tổ chức Tỉnh ủy", "BTC Tỉnh ủy", "BTCTU"], False),
    ("tuyen_giao", "Ban Tuyên giáo và Dân vận Tỉnh ủy",
     "Provincial Party Propaganda, Education and Mass Mobilization Commission",
     "BTGDVTU", ["Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "BTGTU"], False),
    ("dan_van", "Ban Dân vận Tỉnh ủy", "Provincial Party Mass Mobilization Commission",
     "BDVTU", ["Ban Dân vận Tỉnh ủy", "BDV Tỉnh ủy", "BDVTU"], False),
    ("van_phong", "Văn phòng Tỉnh ủy", "Provincial Party Office",
     "VPTU", ["Văn phòng Tỉnh ủy", "VPTU"], False),
    ("uy_ban_kiem_tra", "Ủy ban Kiểm tra Tỉnh ủy", "Provincial Party Inspection Committee",
     "UBKTTU", ["Ủy ban Kiểm tra Tỉnh ủy", "UBKT Tỉnh ủy", "UBKTTU"], False),
    ("vien_kiem_sat", "Viện Kiểm sát nhân dân tỉnh", "Provincial People's Procuracy",
     "VKSND", ["Viện Kiểm sát nhân dân tỉnh", "VKSND tỉnh", "Viện KSND tỉnh"], True),
    ("toa_an", "Tòa án nhân dân tỉnh", "Provincial People's Court",
     "TAND", ["Tòa án nhân dân tỉnh", "TAND tỉnh"], False),
    ("cong_an", "Công an tỉnh", "Provincial Police", "CAT", ["Công an tỉnh", "CA tỉnh", "CAT"], True),
    ("thanh_tra", "Thanh tra tỉnh", "Provincial Inspectorate", "TTr",
     ["Thanh tra tỉnh", "Thanh tra Tỉnh"], False),
]


def _seed_agencies() -> None:
    agencies = sa.table(
        "agencies",
        sa.column("id", sa.Integer), sa.column("code", sa.String), sa.column("name", sa.String),
        sa.column("name_en", sa.String), sa.column("abbreviation", sa.String),
        sa.column("aliases", sa.JSON), sa.column("coordinating", sa.Boolean),
        sa.column("investigative", sa.Boolean), sa.column("valid_to", sa.Date),
        sa.column("successor_id", sa.Integer),
    )
    rows = [
        {"id": n, "code": code, "name": name, "name_en": name_en, "abbreviation": abbr,
         "aliases": aliases, "coordinating": True, "investigative": investigative,
         "valid_to": None, "successor_id": None}
        for n, (code, name, name_en, abbr, aliases, investigative) in enumerate(AGENCIES, 1)
    ]
    for row in rows:
        if row["code"] == "dan_van":
            row["valid_to"] = datetime.date(2025, 2, 28)
            row["successor_id"] = 3
    op.bulk_insert(agencies, rows)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SELECT setval('agencies_id_seq', (SELECT max(id) FROM agencies))")

