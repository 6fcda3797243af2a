"""Receiving a file: store it durably, commit its row, recognise duplicates.

:func:`upload_target` checks what the uploader asked for (owning body, confidentiality,
case, sharing) against the access policy; :func:`receive` stores the file and adds its
rows. The caller commits the session and only then tells the user "received" and queues
parsing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from records import audit, cases, metrics, policy
from records.codes import CONFIDENTIALITY, clearance_rank
from records.errors import RuleError
from records.models import Agency, Case, Document, DocumentVersion, Upload, User
from records.policy import Action
from records.storage import FileStore


@dataclass(frozen=True)
class Received:
    """The document holding the file. ``withheld``: the file is held already in a document
    the uploader may not see; nothing of it may be shown to them (docs/access-policy.md,
    "Duplicates")."""

    document: Document
    duplicate: bool
    withheld: bool = False


class UploadRefused(RuleError):
    """The upload asks for something the uploader may not do; the code names the rule."""


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
    may not see is reported as not found, so its existence does not leak.
    """
    if not policy.may_upload(user):
        raise UploadRefused("upload.forbidden")
    owner = user.agency
    if agency_code:
        owner = session.scalar(select(Agency).where(Agency.code == agency_code))
        if owner is None:
            raise UploadRefused("upload.unknown_agency", agency=agency_code)
    if confidentiality not in CONFIDENTIALITY:
        raise UploadRefused("invalid_confidentiality")
    if clearance_rank(confidentiality) > clearance_rank(user.clearance):
        raise UploadRefused("confidentiality_above_clearance")
    if not policy.can_register(user, owner, confidentiality):
        raise UploadRefused("upload.agency_forbidden", agency=owner.code)
    shares: list[Agency] = []
    if share_codes:
        shares = list(session.scalars(select(Agency).where(Agency.code.in_(set(share_codes)))))
        missing = sorted(set(share_codes) - {agency.code for agency in shares})
        if missing:
            raise UploadRefused("upload.unknown_agency", agency=missing[0])
    if (shared_all or shares) and not policy.can_share_new(user, owner, confidentiality):
        raise UploadRefused("upload.share_forbidden")
    target = UploadTarget(
        owner=owner,
        confidentiality=confidentiality,
        shared_all=shared_all,
        shared_with=tuple(agency for agency in shares if agency.id != owner.id),
    )
    if case_code:
        case = session.scalar(select(Case).where(Case.code == case_code))
        if case is None or not policy.can_case(user, Action.SEE, case):
            raise UploadRefused("upload.unknown_case", case=case_code)
        if not policy.can_attach(user, case, _prospective(target), {}):
            raise UploadRefused("upload.case_forbidden", case=case_code)
        target = replace(target, case=case)
    return target


def _prospective(target: UploadTarget) -> Document:
    """The document an upload will create, unsaved, for asking the policy about it."""
    return Document(
        owner_agency_id=target.owner.id,
        confidentiality=target.confidentiality,
        shared_all=target.shared_all,
        shared_with=list(target.shared_with),
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

    Sharing applies to a new document only; a duplicate keeps its owner's choices and
    grants the uploader's body nothing: a file held already is *withheld* from an uploader
    who may not see its document (:func:`records.policy.may_see_duplicate`), and the
    caller then shows nothing of it. ``case`` attaches the document to that case (the
    caller checked it with :func:`upload_target`).
    """
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
            shared_all=shared_all,
            shared_with=[share for share in shared_with if share.id != agency.id],
        )
        try:
            with session.begin_nested():
                session.add(document)
        except IntegrityError:  # the same file arrived concurrently
            document = session.scalars(
                select(Document).where(Document.sha256 == stored.sha256)
            ).one()
            duplicate = True
        else:
            session.add(DocumentVersion.first_of(document))
    withheld = duplicate and not policy.may_see_duplicate(user, agency, document)
    if case is not None and user is not None and not withheld:
        _attach(session, document, case, user, duplicate=duplicate)
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
    return Received(document=document, duplicate=duplicate, withheld=withheld)


def _attach(
    session: Session, document: Document, case: Case, user: User, *, duplicate: bool
) -> None:
    """Attach the document to the case. A new document was allowed by :func:`upload_target`;
    a file held already is attached only if the policy allows it for the existing document
    (it may belong to another body), and may be attached already."""
    session.flush()
    try:
        cases.attach(session, user, case, document, reason="đính kèm khi tải lên")
    except RuleError:
        if not duplicate:
            raise
