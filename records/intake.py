"""Receiving a file: store it durably, commit its row, recognise duplicates.

:func:`upload_target` checks what the uploader asked for (owning body, confidentiality,
case, sharing) against the access policy; :func:`receive` stores the file and adds its
rows. The caller commits the session and only then tells the user "received" and queues
parsing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from records import audit, policy
from records.codes import CONFIDENTIALITY
from records.models import Agency, Case, CaseDocument, CaseEvent, Document, Upload, User
from records.policy import Action
from records.storage import FileStore


@dataclass(frozen=True)
class Received:
    document: Document
    duplicate: bool


class UploadRefused(Exception):
    """The upload asks for something the uploader may not do; ``code`` and ``params`` let
    the caller say why in the user's language, the message says it in English."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class UploadTarget:
    """Where an upload goes: its owning body, mark, case and sharing, already allowed."""

    owner: Agency
    confidentiality: str = "thuong"
    case: Case | None = None
    shared_all: bool = False
    shared_with: tuple[Agency, ...] = field(default_factory=tuple)


def upload_target(
    session: Session,
    user: User,
    *,
    agency_code: str | None = None,
    confidentiality: str = "thuong",
    case_code: str | None = None,
    shared_all: bool = False,
    share_codes: Sequence[str] = (),
) -> UploadTarget:
    """Resolve and check an upload's options; raise UploadRefused naming what is wrong.

    Without ``agency_code`` the file belongs to the uploader's body. A case the uploader
    may not see is reported as unknown, so its existence does not leak.
    """
    if not policy.may_upload(user):
        raise UploadRefused("upload_forbidden", "this account may not upload files")
    owner = user.agency
    if agency_code:
        owner = session.scalar(select(Agency).where(Agency.code == agency_code))
        if owner is None:
            raise UploadRefused(
                "unknown_agency", f"no body with code {agency_code!r}", agency=agency_code
            )
    if not policy.may_register_for(user, owner):
        raise UploadRefused(
            "agency_forbidden", f"you may not register files for {owner.code}", agency=owner.code
        )
    if confidentiality not in CONFIDENTIALITY:
        raise UploadRefused(
            "unknown_level", f"unknown confidentiality {confidentiality!r}", level=confidentiality
        )
    if not policy.may_classify(user, confidentiality):
        raise UploadRefused(
            "level_too_high",
            f"confidentiality {confidentiality} is above your clearance",
            level=confidentiality,
        )
    case = None
    if case_code:
        case = session.scalar(select(Case).where(Case.code == case_code))
        if case is None or not policy.can_case(user, Action.SEE, case):
            raise UploadRefused("unknown_case", f"no case with code {case_code!r}", case=case_code)
        if not policy.can_case(user, Action.SHARE, case):
            raise UploadRefused(
                "case_forbidden", f"you may not attach documents to {case_code}", case=case_code
            )
    shares: list[Agency] = []
    if share_codes:
        shares = list(session.scalars(select(Agency).where(Agency.code.in_(set(share_codes)))))
        missing = set(share_codes) - {agency.code for agency in shares}
        if missing:
            code = sorted(missing)[0]
            raise UploadRefused("unknown_agency", f"no body with code {code!r}", agency=code)
    if (shared_all or shares) and not policy.may_share_new(user, owner):
        raise UploadRefused("share_forbidden", "you may not share documents of this body")
    return UploadTarget(
        owner=owner,
        confidentiality=confidentiality,
        case=case,
        shared_all=shared_all,
        shared_with=tuple(agency for agency in shares if agency.id != owner.id),
    )


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
    shared_all: bool = False,
    shared_with: Sequence[Agency] = (),
    case: Case | None = None,
    ip: str = "",
) -> Received:
    """Store ``stream`` and return its Document — new (status received) or the existing one.

    Sharing applies to a new document only; a duplicate keeps its owner's choices, and the
    uploader's body is linked to it because it holds the same file. ``case`` attaches the
    document (new or duplicate) to that case.
    """
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
            shared_all=shared_all,
            shared_with=_initial_shares(agency, shared_with, user),
        )
        try:
            with session.begin_nested():
                session.add(document)
        except IntegrityError:  # the same file arrived concurrently
            document = session.scalars(
                select(Document).where(Document.sha256 == stored.sha256)
            ).one()
            duplicate = True
    if duplicate:
        # The uploader's body holds this very file already: link it, do not parse it again.
        holders = [agency] + ([user.agency] if user is not None else [])
        for holder in holders:
            if holder.id != document.owner_agency_id and holder not in document.shared_with:
                document.shared_with.append(holder)
                document.touch()
    if case is not None:
        _attach(session, document, case, user)
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
        ip=ip,
        level=document.confidentiality,
        filename=name,
        duplicate=duplicate,
        channel=channel,
    )
    return Received(document=document, duplicate=duplicate)


def _initial_shares(owner: Agency, chosen: Sequence[Agency], user: User | None) -> list[Agency]:
    shares = {agency.id: agency for agency in chosen if agency.id != owner.id}
    if user is not None and user.agency_id != owner.id:
        shares[user.agency_id] = user.agency  # registered on behalf of another body
    return list(shares.values())


def _attach(session: Session, document: Document, case: Case, user: User | None) -> None:
    """Attach the document to the case (confirming a suggestion if there was one)."""
    session.flush()
    link = session.get(CaseDocument, (case.id, document.id))
    if link is not None and link.state == "attached":
        return
    if link is None:
        link = CaseDocument(case_id=case.id, document_id=document.id)
        session.add(link)
    link.state = "attached"
    link.reason = "đính kèm khi tải lên"
    link.by_id = user.id if user else None
    session.add(
        CaseEvent(
            case_id=case.id,
            actor_id=user.id if user else None,
            kind="document_attached",
            detail={"document_id": document.id, "filename": document.filename},
        )
    )
    document.touch()
