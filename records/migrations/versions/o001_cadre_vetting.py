"""cadre vetting: requests, each asked body's answer, candidate matches

Revision ID: o001
Revises: q001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "o001"
down_revision: str | None = 'q001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "vetting_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_agency_id", sa.Integer(), nullable=False),
        sa.Column("cadre_name", sa.String(length=255), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("id_number", sa.String(length=32), nullable=False),
        sa.Column("position", sa.String(length=255), nullable=False),
        sa.Column("unit", sa.String(length=255), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("calendar_version", sa.String(length=40), nullable=True),
        sa.Column("confidentiality", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("withdrawn_reason", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_agency_id"], ["agencies.id"],
            name=op.f("fk_vetting_requests_from_agency_id_agencies"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"],
            name=op.f("fk_vetting_requests_document_id_documents"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_vetting_requests_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vetting_requests")),
    )  # fmt: skip
    with op.batch_alter_table("vetting_requests") as batch_op:
        batch_op.create_index(batch_op.f("ix_vetting_requests_from_agency_id"), ["from_agency_id"])
        batch_op.create_index(batch_op.f("ix_vetting_requests_due_date"), ["due_date"])
        batch_op.create_index(batch_op.f("ix_vetting_requests_status"), ["status"])

    op.create_table(
        "vetting_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("finding", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"], ["vetting_requests.id"],
            name=op.f("fk_vetting_answers_request_id_vetting_requests"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_vetting_answers_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["answered_by_id"], ["users.id"], name=op.f("fk_vetting_answers_answered_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vetting_answers")),
        sa.UniqueConstraint(
            "request_id", "agency_id", name=op.f("uq_vetting_answers_request_id")
        ),
    )  # fmt: skip
    with op.batch_alter_table("vetting_answers") as batch_op:
        batch_op.create_index(batch_op.f("ix_vetting_answers_request_id"), ["request_id"])
        batch_op.create_index(batch_op.f("ix_vetting_answers_agency_id"), ["agency_id"])
        batch_op.create_index(batch_op.f("ix_vetting_answers_status"), ["status"])

    op.create_table(
        "vetting_matches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("object_type", sa.String(length=16), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("reasons", JSON, nullable=False),
        sa.Column("label", sa.String(length=512), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["answer_id"], ["vetting_answers.id"],
            name=op.f("fk_vetting_matches_answer_id_vetting_answers"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_vetting_matches_decided_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vetting_matches")),
        sa.UniqueConstraint(
            "answer_id", "object_type", "object_id", name=op.f("uq_vetting_matches_answer_id")
        ),
    )  # fmt: skip
    with op.batch_alter_table("vetting_matches") as batch_op:
        batch_op.create_index(batch_op.f("ix_vetting_matches_answer_id"), ["answer_id"])


def downgrade() -> None:
    op.drop_table("vetting_matches")
    op.drop_table("vetting_answers")
    op.drop_table("vetting_requests")
