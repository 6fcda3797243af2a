"""document versions, page OCR confidence and corrections

Every document gets a version 1 (the file it was uploaded with); pages keep their OCR
confidence and whether their text is a person's correction.

Revision ID: v001
Revises: m001
Create Date: 2026-11-26 14:02:27.552219
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "v001"
down_revision: str | None = "m001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Media types of the kinds hoso detects, for the backfilled version 1 of each document.
_MIMES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf",
    "txt": "text/plain",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "tiff": "image/tiff",
}


def upgrade() -> None:
    op.create_table(
        "document_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=512), nullable=False),
        sa.Column("mime", sa.String(length=128), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_versions_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"], ["users.id"], name=op.f("fk_document_versions_uploaded_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_versions")),
        sa.UniqueConstraint("document_id", "number", name="uq_document_versions_number"),
        sa.UniqueConstraint("document_id", "sha256", name="uq_document_versions_sha256"),
    )
    with op.batch_alter_table("document_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_versions_sha256"), ["sha256"], unique=False)

    op.create_table(
        "page_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("page_no", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("replaced", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_page_corrections_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_page_corrections_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_corrections")),
    )
    with op.batch_alter_table("page_corrections", schema=None) as batch_op:
        batch_op.create_index(
            "ix_page_corrections_document_page", ["document_id", "version", "page_no"], unique=False
        )

    with op.batch_alter_table("document_pages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ocr_confidence", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column("corrected", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    op.execute(
        sa.text(
            "INSERT INTO document_versions (document_id, number, sha256, filename, mime, size, "
            "uploaded_by_id, uploaded_at, reason) "
            "SELECT id, 1, sha256, filename, CASE kind "
            + " ".join(f"WHEN '{kind}' THEN '{mime}'" for kind, mime in _MIMES.items())
            + " ELSE 'application/octet-stream' END, size, uploaded_by_id, uploaded_at, '' "
            "FROM documents"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("document_pages", schema=None) as batch_op:
        batch_op.drop_column("corrected")
        batch_op.drop_column("ocr_confidence")

    with op.batch_alter_table("page_corrections", schema=None) as batch_op:
        batch_op.drop_index("ix_page_corrections_document_page")

    op.drop_table("page_corrections")
    with op.batch_alter_table("document_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_versions_sha256"))

    op.drop_table("document_versions")
