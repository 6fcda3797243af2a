"""File versions of a document, and people's corrections of the text of its pages."""

from __future__ import annotations

import mimetypes
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from records.models.base import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from records.models.document import Document


def guess_mime(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


class DocumentVersion(Base):
    """One file a document has held. The newest number is the document's current file
    (``Document.sha256``); older ones stay stored and downloadable."""

    __tablename__ = "document_versions"
    __table_args__ = (
        UniqueConstraint("document_id", "number", name="uq_document_versions_number"),
        UniqueConstraint("document_id", "sha256", name="uq_document_versions_sha256"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(512))
    mime: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(BigInteger)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Why the new file was added (a corrected scan, the signed copy); empty for version 1.
    reason: Mapped[str] = mapped_column(Text, default="")

    @classmethod
    def first_of(cls, document: Document) -> DocumentVersion:
        """Version 1 of a document: the file it was uploaded with (flushed, so it has an id)."""
        return cls(
            document_id=document.id,
            number=1,
            sha256=document.sha256,
            filename=document.filename,
            mime=guess_mime(document.filename),
            size=document.size,
            uploaded_by_id=document.uploaded_by_id,
            uploaded_at=document.uploaded_at or utcnow(),
            reason="",
        )


class PageCorrection(Base):
    """A person's text for one page of one file version, replacing what was extracted.

    The newest correction of a page of the current version is applied after every parse;
    corrections of older versions are kept as history only (their pages were other pages).
    """

    __tablename__ = "page_corrections"
    __table_args__ = (
        Index("ix_page_corrections_document_page", "document_id", "version", "page_no"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    page_no: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    #: The page's text before this correction (as extracted, or an earlier correction).
    replaced: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
