"""Receiving a file: store it durably, commit its row, recognise duplicates.

The caller commits the session and only then tells the user "received" and queues parsing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from records import audit, metrics
from records.models import Agency, Document, Upload, User
from records.storage import FileStore


@dataclass(frozen=True)
class Received:
    document: Document
    duplicate: bool


def clean_filename(name: str) -> str:
    """The display name of an upload: last path component, no control characters.

    Stored files are named by digest; this name is only ever shown, never used as a path.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return name[:255] or "unnamed"


def receive(
    session: Session,
    store: FileStore,
    stream: BinaryIO,
    filename: str,
    *,
    user: User | None,
    agency: Agency,
    channel: str,
    max_bytes: int | None = None,
    confidentiality: str = "thuong",
) -> Received:
    """Store ``stream`` and return its Document — new (status received) or the existing one."""
    with metrics.stage("store"):
        stored = store.put(stream, max_bytes=max_bytes)
    name = clean_filename(filename)
    document = session.scalar(select(Document).where(Document.sha256 == stored.sha256))
    duplicate = document is not None
    if document is None:
        document = Document(
            sha256=stored.sha256,
            size=stored.size,
            filename=name,
            status="received",
            confidentiality=confidentiality,
            owner_agency=agency,
            uploaded_by_id=user.id if user else None,
        )
        try:
            with session.begin_nested():
                session.add(document)
        except IntegrityError:  # the same file arrived concurrently
            document = session.scalars(
                select(Document).where(Document.sha256 == stored.sha256)
            ).one()
            duplicate = True
    if duplicate and agency.id != document.owner_agency_id and agency not in document.shared_with:
        # The uploader's body holds this very file already: link it, do not parse it again.
        document.shared_with.append(agency)
        document.touch()
    session.add(
        Upload(
            document=document,
            filename=name,
            duplicate=duplicate,
            user_id=user.id if user else None,
            agency_id=agency.id,
            channel=channel,
        )
    )
    session.flush()
    audit.record(
        session,
        user,
        "document.upload",
        object_type="document",
        object_id=document.id,
        level=document.confidentiality,
        filename=name,
        duplicate=duplicate,
        channel=channel,
    )
    return Received(document=document, duplicate=duplicate)
