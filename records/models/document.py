"""Documents: the stored file, what was extracted from it, and who may see it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from records.models.agency import Agency
from records.models.base import Base, JSONType, UTCDateTime, utcnow

document_shares = Table(
    "document_shares",
    Base.metadata,
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True),
)


class Document(Base):
    """One stored file (unique by sha256) and everything hoso knows about it.

    ``status`` follows received -> processing -> parsed -> indexed | failed, and ends as
    ``disposed`` once an approved disposal list removed its file and text. ``indexed_at`` is
    older than ``changed_at`` while the search index still holds a previous state.
    """

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    filename: Mapped[str] = mapped_column(String(512))
    kind: Mapped[str | None] = mapped_column(String(16))
    page_count: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="received", index=True)
    #: Why parsing failed: ``error`` in English for operators, ``error_code`` and
    #: ``error_params`` for the message shown to people in their language.
    error: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[str | None] = mapped_column(String(48))
    error_params: Mapped[dict[str, object]] = mapped_column(
        JSONType, default=dict, server_default=text("'{}'")
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    pipeline_version: Mapped[int | None] = mapped_column(Integer)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    ocr_confidence: Mapped[float | None] = mapped_column(Float)
    source_encoding: Mapped[str | None] = mapped_column(String(32))

    # Extracted metadata; ``corrections`` holds values a user set, which win over re-runs.
    doc_type: Mapped[str | None] = mapped_column(String(32), index=True)
    number: Mapped[str | None] = mapped_column(String(128))
    number_key: Mapped[str | None] = mapped_column(String(128), index=True)
    issued_date: Mapped[date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    place: Mapped[str | None] = mapped_column(String(255))
    issuer: Mapped[str | None] = mapped_column(String(512))
    subject: Mapped[str | None] = mapped_column(Text)
    signer: Mapped[str | None] = mapped_column(String(255))
    sign_authority: Mapped[str | None] = mapped_column(String(32))
    urgency: Mapped[str | None] = mapped_column(String(16))
    is_draft: Mapped[bool] = mapped_column(Boolean, default=False)
    title_mark: Mapped[str | None] = mapped_column(String(64))  # "BỔ SUNG" beside the title
    #: An excerpt: the metadata are those of the document it quotes.
    is_excerpt: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: Extraction's confidence per field (0..1); low ones are listed for review.
    field_confidence: Mapped[dict[str, float]] = mapped_column(
        JSONType, default=dict, server_default=text("'{}'")
    )
    #: Some low-confidence field is not corrected yet (indexer.metadata_review).
    metadata_review: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false(), index=True
    )
    recipients: Mapped[list[str]] = mapped_column(JSONType, default=list)
    corrections: Mapped[dict[str, object]] = mapped_column(JSONType, default=dict)

    # Access: the owning body, the bodies it is shared with, and its confidentiality mark.
    confidentiality: Mapped[str] = mapped_column(String(16), default="thuong")
    owner_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    shared_all: Mapped[bool] = mapped_column(Boolean, default=False)

    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    indexed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Set when the document could not be queued (the broker was away): a check every
    #: few seconds queues it once the broker answers, then clears this.
    queue_wait_since: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    #: The lowest id among this document and its other renderings (the same text as PDF,
    #: DOCX or a scan; ``indexer.duplicates``); unset until the first indexing looks.
    same_group_id: Mapped[int | None] = mapped_column(Integer, index=True)

    # Lifecycle: a trashed document is hidden until restored or disposed; a disposed one
    # (status ``disposed``) keeps this record and its audit trail, not its file or text.
    trashed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    trashed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    disposed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disposal_list_id: Mapped[int | None] = mapped_column(ForeignKey("disposal_lists.id"))

    owner_agency: Mapped[Agency] = relationship(foreign_keys=[owner_agency_id])
    shared_with: Mapped[list[Agency]] = relationship(secondary=document_shares)
    pages: Mapped[list[DocumentPage]] = relationship(
        back_populates="document", order_by="DocumentPage.page_no", cascade="all, delete-orphan"
    )
    mentions: Mapped[list[AgencyMention]] = relationship(cascade="all, delete-orphan")
    references: Mapped[list[DocumentReference]] = relationship(
        foreign_keys="DocumentReference.document_id", cascade="all, delete-orphan"
    )

    def touch(self) -> None:
        """Mark the document changed, so the index copy is outdated until re-indexed."""
        self.changed_at = utcnow()

    def __repr__(self) -> str:
        return f"<Document {self.id} {self.filename!r} {self.status}>"


class Upload(Base):
    """Each time someone submitted a file; a duplicate upload links to the existing document."""

    __tablename__ = "uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(512))
    duplicate: Mapped[bool] = mapped_column(Boolean, default=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    channel: Mapped[str] = mapped_column(String(16), default="web")  # web | api | cli | mail
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    document: Mapped[Document] = relationship()


class DocumentPage(Base):
    """Text of one page: normalised (searched) and as extracted (shown on request)."""

    __tablename__ = "document_pages"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    page_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    original: Mapped[str] = mapped_column(Text, default="")
    #: Mean Tesseract word confidence (0..100) of an OCR'd page; None for a text layer.
    ocr_confidence: Mapped[float | None] = mapped_column(Float)
    #: The text is a person's correction (``PageCorrection``), not what was extracted.
    corrected: Mapped[bool] = mapped_column(Boolean, default=False)

    document: Mapped[Document] = relationship(back_populates="pages")


class AgencyMention(Base):
    """A body named in a document (by the tagger) — one row per body type."""

    __tablename__ = "agency_mentions"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    agency_code: Mapped[str] = mapped_column(String(64), primary_key=True)


class DocumentReference(Base):
    """A citation found in a document's text; ``cited_id`` is set once the cited document
    is in hoso, which lets a document page list both what it cites and what cites it."""

    __tablename__ = "document_references"
    __table_args__ = (
        UniqueConstraint("document_id", "number_key", name="uq_document_references_doc_key"),
        Index("ix_document_references_number_key", "number_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(128))
    number_key: Mapped[str] = mapped_column(String(128))
    doc_type: Mapped[str | None] = mapped_column(String(32))
    issued_date: Mapped[date | None] = mapped_column(Date)
    cited_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
