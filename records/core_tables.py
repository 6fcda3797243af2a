"""Core tables for reads that must start fast (``hoso doc show``) without ``sqlalchemy.orm``.

Each table holds only the columns those reads use, with the models' own column types
(:mod:`records.sqltypes`); tests/unit/core/test_core_tables.py checks every column
against ``records.models``, so the two cannot drift apart.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from records.sqltypes import JSONType, UTCDateTime

metadata = MetaData()

agencies = Table(
    "agencies",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(64)),
    Column("coordinating", Boolean),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64)),
    Column("agency_id", Integer),
    Column("roles", JSONType),
    Column("clearance", String(16)),
    Column("active", Boolean),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64)),
    Column("size", BigInteger),
    Column("filename", String(512)),
    Column("kind", String(16)),
    Column("status", String(16)),
    Column("error_code", String(48)),
    Column("pipeline_version", Integer),
    Column("ocr", Boolean),
    Column("ocr_confidence", Float),
    Column("source_encoding", String(32)),
    Column("doc_type", String(32)),
    Column("number", String(128)),
    Column("issued_date", Date),
    Column("date_precision", String(8)),
    Column("place", String(255)),
    Column("issuer", String(512)),
    Column("subject", Text),
    Column("signer", String(255)),
    Column("sign_authority", String(32)),
    Column("urgency", String(16)),
    Column("is_draft", Boolean),
    Column("recipients", JSONType),
    Column("corrections", JSONType),
    Column("confidentiality", String(16)),
    Column("owner_agency_id", Integer),
    Column("shared_all", Boolean),
    Column("uploaded_at", UTCDateTime),
    Column("indexed_at", UTCDateTime),
    Column("trashed_at", UTCDateTime),
)

document_shares = Table(
    "document_shares",
    metadata,
    Column("document_id", Integer, primary_key=True),
    Column("agency_id", Integer, primary_key=True),
)

document_pages = Table(
    "document_pages",
    metadata,
    Column("document_id", Integer, primary_key=True),
    Column("page_no", Integer, primary_key=True),
)

agency_mentions = Table(
    "agency_mentions",
    metadata,
    Column("document_id", Integer, primary_key=True),
    Column("agency_code", String(64), primary_key=True),
)

document_references = Table(
    "document_references",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer),
    Column("number", String(128)),
)

case_documents = Table(
    "case_documents",
    metadata,
    Column("case_id", Integer, primary_key=True),
    Column("document_id", Integer, primary_key=True),
    Column("state", String(16)),
)

mail_attachments = Table(
    "mail_attachments",
    metadata,
    Column("message_document_id", Integer, primary_key=True),
    Column("attachment_document_id", Integer, primary_key=True),
)

petitions = Table(
    "petitions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16)),
)

petition_documents = Table(
    "petition_documents",
    metadata,
    Column("petition_id", Integer, primary_key=True),
    Column("document_id", Integer, primary_key=True),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime),
    Column("user_id", Integer),
    Column("username", String(64)),
    Column("agency_code", String(64)),
    Column("action", String(64)),
    Column("object_type", String(32)),
    Column("object_id", String(64)),
    Column("outcome", String(16)),
    Column("ip", String(64)),
    Column("level", String(16)),
    Column("detail", JSONType),
)
